//! The owner's own password, changed in the console.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::params::Params;

use crate::components::feedback::ErrorAlert;
use crate::components::new_password::{password_fields, refused_rules};
use crate::components::password_input::PasswordField;
use crate::console::api::{console_password_context, ChangeConsolePassword};
use crate::routes::params::{use_query_as, Flag};

/// `?changed=1`: the password was changed.
#[derive(Params, Clone, Debug, Default, PartialEq, Eq)]
struct SettingsQuery {
    changed: Flag,
}

#[component]
pub fn ConsoleSettingsPage() -> impl IntoView {
    let context = Resource::new(|| (), |_| console_password_context());
    let action = ServerAction::<ChangeConsolePassword>::new();
    let refused = refused_rules(action.value().get_untracked());
    let query = use_query_as::<SettingsQuery>();
    let changed = move || query.read().changed.is_set();
    view! {
        <Title text="Account settings"/>
        <main class="card narrow">
            <p><a href="/console">"Back to Email Services"</a></p>
            <h1>"Change password"</h1>
            <Show when=changed>
                <p class="success" role="status">
                    "Password changed. Your other console sessions were signed out."
                </p>
            </Show>
            <ActionForm action=action attr:class="stack">
                <ErrorAlert result=action.value()/>
                <PasswordField
                    id="console-current"
                    name="current_password"
                    label="Current password"
                    autocomplete="current-password"
                    lang=crate::language::current()
                />
                {password_fields(context, refused)}
                <button type="submit" class="primary">"Change Password"</button>
            </ActionForm>
        </main>
    }
}
