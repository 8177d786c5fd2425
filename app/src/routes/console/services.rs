//! `/console`: Email Services, the signed-in owner's domains.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::auth::api::console_me;
use crate::auth::DomainSummary;
use crate::i18n::td_string;
use crate::language::{self, Language};
use crate::routes::guard::load_failed;

#[component]
pub fn EmailServicesPage() -> impl IntoView {
    // Loaded again for the list, not taken from the frame: a domain added
    // since the frame loaded is listed.
    let owner = Resource::new(|| (), |_| console_me());
    let lang = language::current();
    view! {
        <Title text=td_string!(lang, console.email_services)/>
        <main class="card wide">
            <div class="page-head">
                <h1>{td_string!(lang, console.email_services)}</h1>
                <a class="button" href="/console/domains/new">
                    {td_string!(lang, console.add_domain)}
                </a>
            </div>
            <Suspense fallback=move || {
                view! { <p class="loading">{td_string!(lang, common.loading)}</p> }
            }>
                {move || Suspend::new(async move {
                    match owner.await {
                        Err(error) => load_failed(error, "/console/login"),
                        Ok(owner) => domain_table(lang, owner.domains).into_any(),
                    }
                })}
            </Suspense>
            <p class="aside">
                <a href="/console/settings">{td_string!(lang, console.account_settings)}</a>
            </p>
        </main>
    }
}

/// A domain's status as stored (`active`), in the reader's language; a
/// status this page does not know is shown as it is.
pub fn status_label(lang: Language, status: String) -> String {
    match status.as_str() {
        "active" => td_string!(lang, console.status_active).to_owned(),
        _ => status,
    }
}

fn domain_table(lang: Language, domains: Vec<DomainSummary>) -> impl IntoView {
    view! {
        <table>
            <thead>
                <tr>
                    <th scope="col">{td_string!(lang, console.domain)}</th>
                    <th scope="col">{td_string!(lang, console.postmaster)}</th>
                    <th scope="col">{td_string!(lang, common.accounts)}</th>
                    <th scope="col">{td_string!(lang, common.status)}</th>
                    <th scope="col">{td_string!(lang, console.actions)}</th>
                </tr>
            </thead>
            <tbody>
                {domains
                    .into_iter()
                    .map(|domain| {
                        view! {
                            <tr>
                                <td>{domain.name}</td>
                                <td>{domain.postmaster}</td>
                                <td>{domain.accounts}</td>
                                <td>{status_label(lang, domain.status)}</td>
                                <td>
                                    <a href=format!("/console/domains/{}", domain.id)>
                                        {td_string!(lang, console.manage)}
                                    </a>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
