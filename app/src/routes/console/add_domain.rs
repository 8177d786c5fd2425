//! Add Domain: a new domain with its postmaster account.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::auth::api::console_me;
use crate::auth::PasswordContext;
use crate::components::feedback::ErrorAlert;
use crate::components::layout::TopBar;
use crate::components::new_password::NewPasswordFields;
use crate::console::api::AddDomain;
use crate::policy::{default_keywords, PolicyFailure};
use crate::routes::guard::refuse;

#[component]
pub fn AddDomainPage() -> impl IntoView {
    let owner = Resource::new(|| (), |_| console_me());
    let action = ServerAction::<AddDomain>::new();
    let name = RwSignal::new(String::new());
    let server_failures = RwSignal::new(Vec::<PolicyFailure>::new());
    Effect::new(move |_| {
        if let Some(Err(error)) = action.value().get() {
            server_failures.set(error.policy_failures().to_vec());
        }
    });
    // The checklist judges with the postmaster's future address and the
    // default keywords the new domain will start with.
    let context = Signal::derive(move || {
        let domain = name.get().trim().to_lowercase();
        PasswordContext {
            account: format!("postmaster@{domain}"),
            keywords: default_keywords(&domain),
        }
    });
    view! {
        <Title text="Add Domain"/>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match owner.await {
                    Err(error) => refuse(error, "/console/login"),
                    Ok(owner) => view! {
                        <TopBar title="Email Console" who=owner.login_name.clone() console=true/>
                        <main class="card narrow">
                            <p><a href="/console">"Back to Email Services"</a></p>
                            <h1>"Add Domain"</h1>
                            <ActionForm action=action attr:class="stack">
                                <ErrorAlert result=action.value()/>
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
                                <NewPasswordFields context=context server_failures=server_failures/>
                                <button type="submit" class="primary">"Add Domain"</button>
                            </ActionForm>
                        </main>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
