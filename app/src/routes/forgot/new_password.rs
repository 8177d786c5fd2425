//! Step 4: the new password, judged live with the account's address and
//! its domain's keywords, and again on the server.

use leptos::prelude::*;

use super::step_page;
use crate::components::feedback::ErrorAlert;
use crate::components::new_password::{refused_rules, NewPassword};
use crate::recovery::api::ResetForgottenPassword;
use crate::recovery::RecoveryView;

#[component]
pub fn ForgotNewPasswordPage() -> impl IntoView {
    step_page("Forgot Password", |view| match view {
        RecoveryView::NewPassword { context } => {
            Ok(view! { <ResetForm context=context/> }.into_any())
        }
        other => Err(other),
    })
}

#[component]
fn ResetForm(context: crate::auth::PasswordContext) -> impl IntoView {
    let action = ServerAction::<ResetForgottenPassword>::new();
    let refused = refused_rules(action.value().get_untracked());
    view! {
        <p class="lead">"Verified. Choose a new password for your account."</p>
        <ActionForm action=action attr:class="stack">
            <ErrorAlert result=action.value()/>
            <NewPassword lang=crate::language::current() context=context refused=refused/>
            <button type="submit" class="primary">
                "Submit"
            </button>
        </ActionForm>
    }
}
