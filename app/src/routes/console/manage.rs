//! A domain's Manage page in the Email Console (scenario 3): its facts,
//! its recent events, and Reset Password for its postmaster.

use leptos::prelude::*;

use leptos_meta::Title;

use crate::components::audit_table::AuditTable;
use crate::components::reset_form::{ResetOf, ResetPasswordForm};
use crate::console::api::load_managed_domain;
use crate::console::ManagedDomain;
use crate::i18n::td_string;
use crate::language;
use crate::routes::console::services::status_label;
use crate::routes::guard::load_failed;
use crate::routes::params::{use_params_as, use_query_as, IdParams, ResetQuery};
use crate::time::format_time;

#[component]
pub fn ManagePage() -> impl IntoView {
    let params = use_params_as::<IdParams>();
    let query = use_query_as::<ResetQuery>();
    let domain = Resource::new(
        move || (params.read().id.clone(), query.read().reset),
        |(id, _)| load_managed_domain(id),
    );
    let reset_at = move || query.read().reset.get();
    let created = move || query.read().created.is_set();
    let lang = language::current();
    view! {
        <Title text=td_string!(lang, console.manage_title)/>
        <main class="card wide">
            <p><a href="/console">{td_string!(lang, console.back_to_services)}</a></p>
            {move || {
                created()
                    .then(|| {
                        view! {
                            <p class="success" role="status">
                                {td_string!(lang, console.domain_created)}
                            </p>
                        }
                    })
            }}
            {move || reset_at().map(|at| view! {
                <p class="success" role="status">
                    {td_string!(lang, console.reset_at, time = format_time(at)).to_string()}
                </p>
            })}
            <Suspense fallback=move || {
                view! { <p class="loading">{td_string!(lang, common.loading)}</p> }
            }>
                {move || Suspend::new(async move {
                    match domain.await {
                        Err(error) => load_failed(error, "/console/login"),
                        Ok(domain) => view! { <DomainView domain=domain/> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn DomainView(domain: ManagedDomain) -> impl IntoView {
    let query = use_query_as::<ResetQuery>();
    // The Reset Password button is a GET to ?reset_form=1, which the
    // islands router patches in place.
    let form_requested = move || query.read().reset_form.is_set();
    let lang = language::current();
    let methods = match (domain.allow_sms, domain.allow_questions) {
        (true, true) => td_string!(lang, console.methods_both),
        (true, false) => td_string!(lang, common.sms_code),
        (false, true) => td_string!(lang, common.security_questions),
        (false, false) => td_string!(lang, console.methods_none),
    };
    let id = domain.id.clone();
    view! {
        <h1>{td_string!(lang, console.manage_heading, domain = domain.name.clone()).to_string()}</h1>
        <dl class="facts">
            <dt>{td_string!(lang, console.domain)}</dt>
            <dd>{domain.name.clone()}</dd>
            <dt>{td_string!(lang, console.postmaster)}</dt>
            <dd>{domain.postmaster.clone()}</dd>
            <dt>{td_string!(lang, common.accounts)}</dt>
            <dd>{domain.accounts}</dd>
            <dt>{td_string!(lang, common.status)}</dt>
            <dd>{status_label(lang, domain.status.clone())}</dd>
            <dt>{td_string!(lang, console.created)}</dt>
            <dd>{format_time(domain.created_at)}</dd>
            <dt>{td_string!(lang, common.allowed_methods)}</dt>
            <dd>{methods}</dd>
            <dt>{td_string!(lang, console.postmaster_phone)}</dt>
            <dd>
                {domain
                    .postmaster_phone
                    .clone()
                    .unwrap_or_else(|| td_string!(lang, common.not_bound).into())}
            </dd>
        </dl>
        <div class="actions">
            <form method="get">
                <input type="hidden" name="reset_form" value="1"/>
                <button type="submit">{td_string!(lang, common.reset_password)}</button>
            </form>
        </div>
        <Show when=form_requested>
            <ResetPasswordForm
                of=ResetOf::Postmaster
                id=id.clone()
                heading=td_string!(lang, console.reset_heading, account = domain.postmaster.clone())
                    .to_string()
                submit=td_string!(lang, common.submit)
            />
        </Show>
        <h2>{td_string!(lang, console.recent_events)}</h2>
        <AuditTable entries=domain.recent_events/>
    }
}
