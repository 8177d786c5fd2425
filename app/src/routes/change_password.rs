//! Change Password: the forced change after logon (the account was flagged
//! "change at next logon"), and the change in security settings.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::auth::api::{
    load_password_context, me_for_password_change, ChangePassword, SetRequiredPassword,
};
use crate::components::feedback::ErrorAlert;
use crate::components::layout::TopBar;
use crate::components::new_password::NewPasswordFields;
use crate::components::password_input::PasswordInput;
use crate::policy::PolicyFailure;
use crate::routes::guard::refuse;
use crate::routes::settings::RecoveryMethods;

/// Keeps the checklist's context fresh: refetched whenever the server
/// refuses a password on policy grounds (keywords may have changed).
fn context_resource() -> Resource<Result<crate::auth::PasswordContext, crate::error::UserError>> {
    Resource::new(|| (), |_| load_password_context())
}

#[component]
pub fn ForcedChangePage() -> impl IntoView {
    let user = Resource::new(|| (), |_| me_for_password_change());
    let context = context_resource();
    let action = ServerAction::<SetRequiredPassword>::new();
    let server_failures = RwSignal::new(Vec::<PolicyFailure>::new());
    Effect::new(move |_| {
        if let Some(Err(error)) = action.value().get() {
            server_failures.set(error.policy_failures().to_vec());
            context.refetch();
        }
    });
    view! {
        <Title text="Change Password"/>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match user.await {
                    Err(error) => refuse(error, "/login"),
                    Ok(user) => {
                        let ctx = Signal::derive(move || {
                            context.get().and_then(Result::ok).unwrap_or_default()
                        });
                        view! {
                            <TopBar title="Mailbox" who=user.address.clone()/>
                            <main class="card narrow">
                                <h1>"Change Password"</h1>
                                <p class="lead">
                                    "Your password was set by someone else. Choose a new one that only you know before you continue."
                                </p>
                                <ActionForm action=action attr:class="stack">
                                    <ErrorAlert result=action.value()/>
                                    <NewPasswordFields context=ctx server_failures=server_failures/>
                                    <button type="submit" class="primary">"Save"</button>
                                </ActionForm>
                            </main>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn SecuritySettingsPage() -> impl IntoView {
    let user = Resource::new(|| (), |_| crate::auth::api::me());
    let context = context_resource();
    let action = ServerAction::<ChangePassword>::new();
    let server_failures = RwSignal::new(Vec::<PolicyFailure>::new());
    let query = use_query_map();
    let changed = move || {
        query.with(|q| q.get("changed").is_some()) || matches!(action.value().get(), Some(Ok(())))
    };
    Effect::new(move |_| {
        if let Some(Err(error)) = action.value().get() {
            server_failures.set(error.policy_failures().to_vec());
            context.refetch();
        }
    });
    view! {
        <Title text="Security settings"/>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match user.await {
                    Err(error) => refuse(error, "/login"),
                    Ok(user) => {
                        let ctx = Signal::derive(move || {
                            context.get().and_then(Result::ok).unwrap_or_default()
                        });
                        view! {
                            <TopBar title="Mailbox" who=user.address.clone()/>
                            <main class="card narrow">
                                <p><a href="/mail">"Back to mailbox"</a></p>
                                <h1>"Security settings"</h1>
                                <section>
                                    <h2 id="change-title">"Change password"</h2>
                                    <Show when=changed>
                                        <p class="success" role="status">
                                            "Password changed. Your other sessions were signed out."
                                        </p>
                                    </Show>
                                    <ActionForm action=action attr:class="stack">
                                        <ErrorAlert result=action.value()/>
                                        <PasswordInput
                                            id="current-password"
                                            name="current_password"
                                            label="Current password"
                                            autocomplete="current-password"
                                        />
                                        <NewPasswordFields context=ctx server_failures=server_failures/>
                                        <button type="submit" class="primary">"Change Password"</button>
                                    </ActionForm>
                                </section>
                                <RecoveryMethods/>
                            </main>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
