//! The end of the flow. No automatic logon: the new password is used on
//! the logon page like any other. Only the browser that just finished a
//! reset sees this page; anyone else is sent to the start.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{elsewhere, failure, flow_state};
use crate::recovery::RecoveryView;

#[component]
pub fn ForgotDonePage() -> impl IntoView {
    let state = flow_state();
    view! {
        <Title text="Reset succeeded"/>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match state.await {
                    Ok(RecoveryView::Done) => view! {
                        <main class="card narrow">
                            <h1>"Reset succeeded"</h1>
                            <p class="success" role="status">
                                "Your password was changed, and every session of your account was signed out."
                            </p>
                            <p><a href="/login">"Back to Log On"</a></p>
                        </main>
                    }
                    .into_any(),
                    Ok(other) => elsewhere(&other),
                    Err(error) => failure(error),
                }
            })}
        </Suspense>
    }
}
