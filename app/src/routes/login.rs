//! The logon page of mail accounts (employees and postmasters).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::auth::api::LogOn;
use crate::components::feedback::ErrorAlert;
use crate::components::password_input::PasswordField;

#[component]
pub fn LoginPage() -> impl IntoView {
    let log_on = ServerAction::<LogOn>::new();
    view! {
        <Title text="Log On"/>
        <main class="card narrow">
            <h1>"Log On"</h1>
            <p class="lead">"Sign in to your corporate mailbox."</p>
            <ActionForm action=log_on attr:class="stack">
                <ErrorAlert result=log_on.value()/>
                <div class="field">
                    <label for="login-email">"Email address"</label>
                    <input
                        id="login-email"
                        name="email"
                        type="email"
                        autocomplete="username"
                        required
                        maxlength="254"
                    />
                </div>
                <PasswordField
                    id="login-password"
                    name="password"
                    label="Password"
                    autocomplete="current-password"
                />
                <button type="submit" class="primary">
                    "Log On"
                </button>
            </ActionForm>
            <p class="aside">
                <a href="/forgot">"Forgot Password"</a>
            </p>
        </main>
    }
}
