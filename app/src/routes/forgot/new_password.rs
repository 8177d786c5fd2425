//! Step 4: the new password, judged live with the account's address and
//! its domain's keywords, and again on the server.

use leptos::prelude::*;

use crate::i18n::td_string;
use crate::language;

use super::step_page;
use crate::components::feedback::ErrorAlert;
use crate::components::new_password::{current_rules, refused_rules, NewPassword};
use crate::recovery::api::{ResetForgottenPassword, UnlockAccount};
use crate::recovery::RecoveryView;

#[component]
pub fn ForgotNewPasswordPage() -> impl IntoView {
    step_page(
        td_string!(language::current(), common.forgot_password),
        |view| match view {
            RecoveryView::NewPassword { context } => Ok(view! {
                <ResetForm context=context/>
                <UnlockForm/>
            }
            .into_any()),
            other => Err(other),
        },
    )
}

#[component]
fn ResetForm(context: crate::auth::PasswordContext) -> impl IntoView {
    let action = ServerAction::<ResetForgottenPassword>::new();
    let refused = refused_rules(action.value().get_untracked());
    let lang = language::current();
    view! {
        <p class="lead">{td_string!(lang, forgot.verified)}</p>
        <ActionForm action=action attr:class="stack">
            <ErrorAlert result=action.value()/>
            {current_rules(&context.rules)}
            <NewPassword lang context=context refused=refused/>
            <button type="submit" class="primary">
                {td_string!(lang, common.submit)}
            </button>
        </ActionForm>
    }
}

/// Beside resetting: keep the password and lift the logon lock.
#[component]
fn UnlockForm() -> impl IntoView {
    let action = ServerAction::<UnlockAccount>::new();
    let lang = language::current();
    view! {
        <section class="stack" aria-labelledby="unlock-heading">
            <h2 id="unlock-heading">{td_string!(lang, forgot.unlock_heading)}</h2>
            <p>{td_string!(lang, forgot.unlock_lead)}</p>
            <ActionForm action=action attr:class="stack">
                <ErrorAlert result=action.value()/>
                <button type="submit">{td_string!(lang, forgot.unlock)}</button>
            </ActionForm>
        </section>
    }
}
