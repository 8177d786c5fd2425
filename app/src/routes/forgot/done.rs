//! The end of the flow. No automatic logon: the new password is used on
//! the logon page like any other. Only the browser that just finished a
//! reset sees this page; anyone else is sent to the start.

use leptos::prelude::*;

use super::step_page;
use crate::recovery::RecoveryView;

#[component]
pub fn ForgotDonePage() -> impl IntoView {
    step_page("Reset succeeded", |view| match view {
        RecoveryView::Done => Ok(view! {
            <p class="success" role="status">
                "Your password was changed, and every session of your account was signed out."
            </p>
        }
        .into_any()),
        other => Err(other),
    })
}
