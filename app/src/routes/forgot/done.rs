//! The end of the flow. No automatic logon: the new password is used on
//! the logon page like any other.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ForgotDonePage() -> impl IntoView {
    view! {
        <Title text="Reset succeeded"/>
        <main class="card narrow">
            <h1>"Reset succeeded"</h1>
            <p class="success" role="status">
                "Your password was changed, and every session of your account was signed out."
            </p>
            <p><a href="/login">"Back to Log On"</a></p>
        </main>
    }
}
