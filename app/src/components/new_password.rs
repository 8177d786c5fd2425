//! "New password" and "Confirm password" with the live checklist: the one
//! way every form in the app sets a password. [`NewPassword`] is the
//! island a server-rendered form places; [`NewPasswordFields`] is for an
//! island whose context changes as the person types (a new account's
//! address).

use leptos::prelude::*;

use crate::i18n::td_string;

use crate::auth::PasswordContext;
use crate::components::checklist::PasswordChecklist;
use crate::components::password_input::PasswordInput;
use crate::error::UserError;
use crate::language::{self, Language};
use crate::policy::PolicyFailure;

/// The rules a policy refusal in `result` (a form's last result, as the
/// server renders the page after it) names: the checklist keeps them red.
/// Nothing after any other error.
pub fn refused_rules<T>(result: Option<Result<T, UserError>>) -> Vec<PolicyFailure> {
    match result {
        Some(Err(error)) => error.policy_failures().to_vec(),
        _ => Vec::new(),
    }
}

/// "New password" and "Confirm password" with the live checklist, as an
/// island: the one part of a password form that runs in the browser.
/// `context` is what the server judges with; `refused` is what it refused
/// last (see [`refused_rules`]).
#[island]
pub fn NewPassword(
    lang: Language,
    context: PasswordContext,
    refused: Vec<PolicyFailure>,
) -> impl IntoView {
    let server_failures = RwSignal::new(refused);
    view! { <NewPasswordFields lang context=Signal::stored(context) server_failures=server_failures/> }
}

/// [`NewPassword`] once `context` has loaded (an error loading it is shown
/// in its place).
pub fn password_fields(
    context: Resource<Result<PasswordContext, UserError>>,
    refused: Vec<PolicyFailure>,
) -> impl IntoView {
    let lang = language::current();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{td_string!(lang, common.loading)}</p> }>
            {move || {
                let refused = refused.clone();
                Suspend::new(async move {
                    match context.await {
                        Ok(context) => {
                            view! { <NewPassword lang=language::current() context refused/> }
                                .into_any()
                        }
                        Err(error) => {
                            let text = crate::messages::user_error(language::current(), &error);
                            view! { <p class="error" role="alert">{text}</p> }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn NewPasswordFields(
    /// The language of the labels and the checklist.
    lang: Language,
    /// The account and keywords the password is judged against.
    #[prop(into)]
    context: Signal<PasswordContext>,
    /// What the server refused last; cleared as soon as the user types.
    server_failures: RwSignal<Vec<PolicyFailure>>,
) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    // A new keystroke is a new candidate: the server's last verdict no
    // longer applies to it (the refreshed keywords judge it locally). The
    // effect's first run is the island waking up, not a keystroke: the
    // server's verdict stays on the lines until the person types.
    Effect::new(move |woken: Option<()>| {
        password.track();
        confirmation.track();
        if woken.is_some() {
            server_failures.set(Vec::new());
        }
    });
    // After the islands router brings the page the server answered a post
    // with, the refused rules are shown here too: the router keeps this
    // island as it is (what was typed included), so it reads the verdict
    // from the address of that page.
    crate::navigation::on_navigated(move |url| {
        let failures = crate::error::policy_failures_in_url(url);
        if !failures.is_empty() {
            server_failures.try_set(failures);
        }
    });
    view! {
        <PasswordInput
            id="new-password"
            name="new_password"
            label=td_string!(lang, common.new_password)
            autocomplete="new-password"
            lang
            value=password
        />
        <PasswordInput
            id="confirm-password"
            name="confirm_password"
            label=td_string!(lang, common.confirm_password)
            autocomplete="new-password"
            lang
            value=confirmation
        />
        <PasswordChecklist
            lang=lang
            password=password
            confirmation=Signal::derive(move || Some(confirmation.get()))
            account=Signal::derive(move || context.get().account)
            keywords=Signal::derive(move || context.get().keywords)
            server_failures=server_failures
        />
    }
}
