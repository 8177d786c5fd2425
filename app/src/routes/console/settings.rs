//! The owner's own password, changed in the console.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::auth::api::console_me;
use crate::components::feedback::ErrorAlert;
use crate::components::layout::TopBar;
use crate::components::new_password::NewPasswordFields;
use crate::components::password_input::PasswordInput;
use crate::console::api::{console_password_context, ChangeConsolePassword};
use crate::policy::PolicyFailure;
use crate::routes::guard::refuse;

#[component]
pub fn ConsoleSettingsPage() -> impl IntoView {
    let owner = Resource::new(|| (), |_| console_me());
    let context = Resource::new(|| (), |_| console_password_context());
    let action = ServerAction::<ChangeConsolePassword>::new();
    let server_failures = RwSignal::new(Vec::<PolicyFailure>::new());
    let query = use_query_map();
    let changed = move || query.with(|q| q.get("changed").is_some());
    Effect::new(move |_| {
        if let Some(Err(error)) = action.value().get() {
            server_failures.set(error.policy_failures().to_vec());
        }
    });
    let ctx = Signal::derive(move || context.get().and_then(Result::ok).unwrap_or_default());
    view! {
        <Title text="Account settings"/>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match owner.await {
                    Err(error) => refuse(error, "/console/login"),
                    Ok(owner) => view! {
                        <TopBar title="Email Console" who=owner.login_name.clone() console=true/>
                        <main class="card narrow">
                            <p><a href="/console">"Back to Email Services"</a></p>
                            <h1>"Change password"</h1>
                            <Show when=changed>
                                <p class="success" role="status">
                                    "Password changed. Your other console sessions were signed out."
                                </p>
                            </Show>
                            <ActionForm action=action attr:class="stack">
                                <ErrorAlert result=action.value()/>
                                <PasswordInput
                                    id="console-current"
                                    name="current_password"
                                    label="Current password"
                                    autocomplete="current-password"
                                />
                                <NewPasswordFields context=ctx server_failures=server_failures/>
                                <button type="submit" class="primary">"Change Password"</button>
                            </ActionForm>
                        </main>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
