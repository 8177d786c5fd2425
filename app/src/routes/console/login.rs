//! `/console/login`: owners sign in with their account name.

use leptos::prelude::*;

use crate::i18n::td_string;
use crate::language;
use leptos_meta::Title;

use crate::auth::api::ConsoleLogOn;
use crate::components::feedback::ErrorAlert;
use crate::components::password_input::PasswordField;

#[component]
pub fn ConsoleLoginPage() -> impl IntoView {
    let log_on = ServerAction::<ConsoleLogOn>::new();
    let lang = language::current();
    view! {
        <Title text=td_string!(lang, common.email_console)/>
        <main class="card narrow">
            <h1>{td_string!(lang, common.email_console)}</h1>
            <p class="lead">{td_string!(lang, console_login.lead)}</p>
            <ActionForm action=log_on attr:class="stack">
                <ErrorAlert result=log_on.value()/>
                <div class="field">
                    <label for="console-account">{td_string!(lang, console_login.account_name)}</label>
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
                    label=td_string!(lang, common.password)
                    autocomplete="current-password"
                    lang
                />
                <button type="submit" class="primary">
                    {td_string!(lang, common.log_on)}
                </button>
            </ActionForm>
        </main>
    }
}
