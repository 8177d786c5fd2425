//! The owner's own password, changed in the console.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::params::Params;

use crate::components::feedback::ErrorAlert;
use crate::components::new_password::{password_fields, refused_rules};
use crate::components::password_input::PasswordField;
use crate::console::api::{console_password_context, ChangeConsolePassword};
use crate::i18n::td_string;
use crate::language;
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
    let lang = language::current();
    view! {
        <Title text=td_string!(lang, console.account_settings)/>
        <main class="card narrow">
            <p><a href="/console">{td_string!(lang, console.back_to_services)}</a></p>
            <h1>{td_string!(lang, settings.change_title)}</h1>
            <Show when=changed>
                <p class="success" role="status">{td_string!(lang, console.changed)}</p>
            </Show>
            <ActionForm action=action attr:class="stack">
                <ErrorAlert result=action.value()/>
                <PasswordField
                    id="console-current"
                    name="current_password"
                    label=td_string!(lang, common.current_password)
                    autocomplete="current-password"
                    lang
                />
                {password_fields(context, refused)}
                <button type="submit" class="primary">
                    {td_string!(lang, settings.change_password)}
                </button>
            </ActionForm>
        </main>
    }
}
