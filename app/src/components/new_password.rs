//! "New password" and "Confirm password" with the live checklist: the one
//! way every form in the app sets a password.

use leptos::prelude::*;

use crate::auth::PasswordContext;
use crate::components::checklist::PasswordChecklist;
use crate::components::password_input::PasswordInput;
use crate::error::UserError;
use crate::policy::PolicyFailure;

/// The `server_failures` of [`NewPasswordFields`] for a form whose last
/// result is `result`: the rules a policy refusal names, which the
/// checklist keeps red, and nothing after any other error. `after_error`
/// runs after every refused submission, to reload what the checklist
/// judges with (the domain's keywords may have changed since the page
/// loaded); pass `|| {}` where that is fixed.
pub fn policy_refusals<T>(
    result: impl Into<Signal<Option<Result<T, UserError>>>>,
    after_error: impl Fn() + 'static,
) -> RwSignal<Vec<PolicyFailure>>
where
    T: Clone + Send + Sync + 'static,
{
    let result = result.into();
    let failures = RwSignal::new(Vec::new());
    Effect::new(move |_| {
        if let Some(Err(error)) = result.get() {
            failures.set(error.policy_failures().to_vec());
            after_error();
        }
    });
    failures
}

#[component]
pub fn NewPasswordFields(
    /// The account and keywords the password is judged against.
    #[prop(into)]
    context: Signal<PasswordContext>,
    /// What the server refused last; cleared as soon as the user types.
    server_failures: RwSignal<Vec<PolicyFailure>>,
) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    // A new keystroke is a new candidate: the server's last verdict no
    // longer applies to it (the refreshed keywords judge it locally).
    Effect::new(move |_| {
        password.track();
        confirmation.track();
        server_failures.set(Vec::new());
    });
    view! {
        <PasswordInput
            id="new-password"
            name="new_password"
            label="New password"
            autocomplete="new-password"
            value=password
        />
        <PasswordInput
            id="confirm-password"
            name="confirm_password"
            label="Confirm password"
            autocomplete="new-password"
            value=confirmation
        />
        <PasswordChecklist
            password=password
            confirmation=Signal::derive(move || Some(confirmation.get()))
            account=Signal::derive(move || context.get().account)
            keywords=Signal::derive(move || context.get().keywords)
            server_failures=server_failures
        />
    }
}
