//! The end of the flow. No automatic logon: the new password is used on
//! the logon page like any other. Only the browser that just finished a
//! reset sees this page; anyone else is sent to the start.

use leptos::prelude::*;

use crate::i18n::td_string;
use crate::language;

use super::step_page;
use crate::recovery::RecoveryView;

#[component]
pub fn ForgotDonePage() -> impl IntoView {
    step_page(
        td_string!(language::current(), forgot.done_title),
        |view| match view {
            RecoveryView::Done => Ok(view! {
                <p class="success" role="status">
                    {td_string!(language::current(), forgot.done_text)}
                </p>
            }
            .into_any()),
            other => Err(other),
        },
    )
}

/// After "Unlock account": the password stays; no automatic logon either.
#[component]
pub fn ForgotUnlockedPage() -> impl IntoView {
    step_page(
        td_string!(language::current(), forgot.unlocked_title),
        |view| match view {
            RecoveryView::Unlocked => Ok(view! {
                <p class="success" role="status">
                    {td_string!(language::current(), forgot.unlocked_text)}
                </p>
            }
            .into_any()),
            other => Err(other),
        },
    )
}
