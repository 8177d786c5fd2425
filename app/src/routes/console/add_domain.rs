//! Add Domain: a new domain with its postmaster account.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::auth::PasswordContext;
use crate::components::feedback::ErrorAlert;
use crate::components::new_password::{refused_rules, NewPasswordFields};
use crate::console::api::AddDomain;
use crate::policy::{default_keywords, PolicyFailure};

#[component]
pub fn AddDomainPage() -> impl IntoView {
    let action = ServerAction::<AddDomain>::new();
    let refused = refused_rules(action.value().get_untracked());
    view! {
        <Title text="Add Domain"/>
        <main class="card narrow">
            <p><a href="/console">"Back to Email Services"</a></p>
            <h1>"Add Domain"</h1>
            <ActionForm action=action attr:class="stack">
                <ErrorAlert result=action.value()/>
                <DomainAndPassword lang=crate::language::current() refused/>
                <button type="submit" class="primary">"Add Domain"</button>
            </ActionForm>
        </main>
    }
}

/// The domain name and the postmaster's initial password, as one island:
/// the checklist judges with the postmaster's future address and the
/// default keywords the new domain will start with, as the name is typed.
#[island]
fn DomainAndPassword(
    lang: crate::language::Language,
    refused: Vec<PolicyFailure>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let server_failures = RwSignal::new(refused);
    let context = Signal::derive(move || {
        let domain = name.get().trim().to_lowercase();
        PasswordContext {
            account: format!("postmaster@{domain}"),
            keywords: default_keywords(&domain),
        }
    });
    view! {
        <div class="field">
            <label for="domain-name">"Domain name"</label>
            <input
                id="domain-name"
                name="domain"
                type="text"
                required
                maxlength="253"
                placeholder="example.net"
                autocapitalize="off"
                spellcheck="false"
                on:input=move |ev| name.set(event_target_value(&ev))
            />
        </div>
        <p class="help">
            "The postmaster account postmaster@<domain> is created with this initial password and must change it at first logon."
        </p>
        <NewPasswordFields lang context=context server_failures=server_failures/>
    }
}
