//! The logon page of mail accounts (employees and postmasters).

use leptos::prelude::*;

use crate::i18n::td_string;
use crate::language;
use leptos_meta::Title;

use crate::auth::api::LogOn;
use crate::components::feedback::ErrorAlert;
use crate::components::password_input::PasswordField;

#[component]
pub fn LoginPage() -> impl IntoView {
    let log_on = ServerAction::<LogOn>::new();
    let lang = language::current();
    view! {
        <Title text=td_string!(lang, common.log_on)/>
        <main class="card narrow">
            <h1>{td_string!(lang, common.log_on)}</h1>
            <p class="lead">{td_string!(lang, login.lead)}</p>
            <ActionForm action=log_on attr:class="stack">
                <ErrorAlert result=log_on.value()/>
                <div class="field">
                    <label for="login-email">{td_string!(lang, common.email)}</label>
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
                    label=td_string!(lang, common.password)
                    autocomplete="current-password"
                    lang
                />
                <button type="submit" class="primary">
                    {td_string!(lang, common.log_on)}
                </button>
            </ActionForm>
            <p class="aside">
                <a href="/forgot">{td_string!(lang, common.forgot_password)}</a>
            </p>
        </main>
    }
}
