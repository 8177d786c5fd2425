//! `/console`: Email Services, the signed-in owner's domains.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::auth::api::console_me;
use crate::auth::DomainSummary;
use crate::routes::guard::load_failed;

#[component]
pub fn EmailServicesPage() -> impl IntoView {
    // Loaded again for the list, not taken from the frame: a domain added
    // since the frame loaded is listed.
    let owner = Resource::new(|| (), |_| console_me());
    view! {
        <Title text="Email Services"/>
        <main class="card wide">
            <div class="page-head">
                <h1>"Email Services"</h1>
                <a class="button" href="/console/domains/new">"Add Domain"</a>
            </div>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match owner.await {
                        Err(error) => load_failed(error, "/console/login"),
                        Ok(owner) => domain_table(owner.domains).into_any(),
                    }
                })}
            </Suspense>
            <p class="aside">
                <a href="/console/settings">"Account settings"</a>
            </p>
        </main>
    }
}

fn domain_table(domains: Vec<DomainSummary>) -> impl IntoView {
    view! {
        <table>
            <thead>
                <tr>
                    <th scope="col">"Domain"</th>
                    <th scope="col">"Postmaster"</th>
                    <th scope="col">"Accounts"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Actions"</th>
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
                                <td>{domain.status}</td>
                                <td>
                                    <a href=format!("/console/domains/{}", domain.id)>"Manage"</a>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
