//! A domain's Manage page in the Email Console (scenario 3): its facts,
//! its recent events, and Reset Password for its postmaster.

use leptos::prelude::*;

use leptos_meta::Title;

use crate::components::audit_table::AuditTable;
use crate::components::feedback::ErrorAlert;
use crate::components::new_password::{password_fields, refused_rules};
use crate::console::api::{
    load_managed_domain, postmaster_password_context, ResetPostmasterPassword,
};
use crate::console::ManagedDomain;
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
    view! {
        <Title text="Manage domain"/>
        <main class="card wide">
            <p><a href="/console">"Back to Email Services"</a></p>
            {move || created().then(|| view! { <p class="success" role="status">"Domain created."</p> })}
            {move || reset_at().map(|at| view! {
                <p class="success" role="status">
                    {format!("Postmaster password reset at {}.", format_time(at))}
                </p>
            })}
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
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
    let methods = match (domain.allow_sms, domain.allow_questions) {
        (true, true) => "SMS verification code, security questions",
        (true, false) => "SMS verification code",
        (false, true) => "Security questions",
        (false, false) => "None",
    };
    let id = domain.id.clone();
    view! {
        <h1>{format!("Manage {}", domain.name)}</h1>
        <dl class="facts">
            <dt>"Domain"</dt>
            <dd>{domain.name.clone()}</dd>
            <dt>"Postmaster"</dt>
            <dd>{domain.postmaster.clone()}</dd>
            <dt>"Accounts"</dt>
            <dd>{domain.accounts}</dd>
            <dt>"Status"</dt>
            <dd>{domain.status.clone()}</dd>
            <dt>"Created"</dt>
            <dd>{format_time(domain.created_at)}</dd>
            <dt>"Allowed recovery methods"</dt>
            <dd>{methods}</dd>
            <dt>"Postmaster's secure mobile phone"</dt>
            <dd>{domain.postmaster_phone.clone().unwrap_or_else(|| "Not bound".into())}</dd>
        </dl>
        <div class="actions">
            <form method="get">
                <input type="hidden" name="reset_form" value="1"/>
                <button type="submit">"Reset Password"</button>
            </form>
        </div>
        <Show when=form_requested>
            <ResetPostmasterForm id=id.clone() postmaster=domain.postmaster.clone()/>
        </Show>
        <h2>"Recent events"</h2>
        <AuditTable entries=domain.recent_events/>
    }
}

#[component]
fn ResetPostmasterForm(id: String, postmaster: String) -> impl IntoView {
    let action = ServerAction::<ResetPostmasterPassword>::new();
    let refused = refused_rules(action.value().get_untracked());
    let context = Resource::new(
        {
            let id = id.clone();
            move || id.clone()
        },
        postmaster_password_context,
    );
    view! {
        <section class="reset">
            <h2>{format!("Reset the password of {postmaster}")}</h2>
            <ActionForm action=action attr:class="stack narrow-form">
                <ErrorAlert result=action.value()/>
                <input type="hidden" name="id" value=id/>
                {password_fields(context, refused)}
                <label class="check">
                    <input type="checkbox" name="must_change" value="on" checked/>
                    "Require a password change at next logon"
                </label>
                <button type="submit" class="primary">"Submit"</button>
            </ActionForm>
        </section>
    }
}
