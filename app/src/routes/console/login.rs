//! `/console/login`: owners sign in with their account name.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::auth::api::ConsoleLogOn;
use crate::components::feedback::ErrorAlert;
use crate::components::password_input::PasswordField;

#[component]
pub fn ConsoleLoginPage() -> impl IntoView {
    let log_on = ServerAction::<ConsoleLogOn>::new();
    view! {
        <Title text="Email Console"/>
        <main class="card narrow">
            <h1>"Email Console"</h1>
            <p class="lead">"Sign in with your cloud account to manage your email domains."</p>
            <ActionForm action=log_on attr:class="stack">
                <ErrorAlert result=log_on.value()/>
                <div class="field">
                    <label for="console-account">"Account name"</label>
                    <input
                        id="console-account"
                        name="account_name"
                        type="text"
                        autocomplete="username"
                        required
                        maxlength="64"
                    />
                </div>
                <PasswordField
                    id="console-password"
                    name="password"
                    label="Password"
                    autocomplete="current-password"
                />
                <button type="submit" class="primary">
                    "Log On"
                </button>
            </ActionForm>
        </main>
    }
}
