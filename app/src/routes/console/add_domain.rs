//! Add Domain: a new domain with its postmaster account.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::auth::PasswordContext;
use crate::components::feedback::ErrorAlert;
use crate::components::new_password::{refused_rules, NewPasswordFields};
use crate::console::api::AddDomain;
use crate::i18n::td_string;
use crate::language;
use crate::policy::{default_keywords, PasswordRules, PolicyFailure, Preset};

#[component]
pub fn AddDomainPage() -> impl IntoView {
    let action = ServerAction::<AddDomain>::new();
    let refused = refused_rules(action.value().get_untracked());
    let lang = language::current();
    view! {
        <Title text=td_string!(lang, console.add_domain)/>
        <main class="card narrow">
            <p><a href="/console">{td_string!(lang, console.back_to_services)}</a></p>
            <h1>{td_string!(lang, console.add_domain)}</h1>
            <ActionForm action=action attr:class="stack">
                <ErrorAlert result=action.value()/>
                <DomainAndPassword lang refused/>
                <button type="submit" class="primary">{td_string!(lang, console.add_domain)}</button>
            </ActionForm>
        </main>
    }
}

/// The domain name and the postmaster's initial password, as one island:
/// the checklist judges with the postmaster's future address and the
/// default keywords the new domain will start with, as the name is typed.
#[island(lazy)]
fn DomainAndPassword(lang: language::Language, refused: Vec<PolicyFailure>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let server_failures = RwSignal::new(refused);
    let context = Signal::derive(move || {
        let domain = name.get().trim().to_lowercase();
        PasswordContext {
            account: format!("postmaster@{domain}"),
            rules: PasswordRules {
                preset: Preset::Standard,
                keywords: default_keywords(&domain),
            },
        }
    });
    view! {
        <div class="field">
            <label for="domain-name">{td_string!(lang, console.domain_name)}</label>
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
            {td_string!(lang, console.add_help, address = td_string!(lang, console.postmaster_of_new_domain)).to_string()}
        </p>
        <NewPasswordFields lang context=context server_failures=server_failures/>
    }
}
