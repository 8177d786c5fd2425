//! Change Password: the forced change after logon (the account was flagged
//! "change at next logon"), and the change in security settings.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::auth::api::{
    load_password_context, me_for_password_change, ChangePassword, SetRequiredPassword,
};
use crate::components::feedback::ErrorAlert;
use crate::components::new_password::{password_fields, refused_rules};
use crate::components::password_input::PasswordField;
use crate::i18n::td_string;
use crate::language;
use crate::policy::PolicyFailure;
use crate::routes::guard::signed_in_shell;
use crate::routes::mail::mail_frame;
use crate::routes::params::use_query_as;
use crate::routes::settings::{RecoveryMethods, SecurityQuery};

/// The new password with its checklist, judged with the signed-in
/// account's address and its domain's keywords as they are now.
fn new_password_fields(refused: Vec<PolicyFailure>) -> impl IntoView {
    password_fields(Resource::new(|| (), |_| load_password_context()), refused)
}

/// `/change-password`: like the other mail pages' frame, but it also
/// serves an account that must change its password, which is what the
/// page is for.
#[component]
pub fn ForcedChangeShell() -> impl IntoView {
    signed_in_shell(
        Resource::new(|| (), |_| me_for_password_change()),
        td_string!(language::current(), settings.change_password),
        "/login",
        mail_frame,
    )
}

#[component]
pub fn ForcedChangePage() -> impl IntoView {
    let action = ServerAction::<SetRequiredPassword>::new();
    let refused = refused_rules(action.value().get_untracked());
    let lang = language::current();
    view! {
        <Title text=td_string!(lang, settings.change_password)/>
        <main class="card narrow">
            <h1>{td_string!(lang, settings.change_password)}</h1>
            <p class="lead">{td_string!(lang, settings.forced_lead)}</p>
            <ActionForm action=action attr:class="stack">
                <ErrorAlert result=action.value()/>
                {new_password_fields(refused)}
                <button type="submit" class="primary">{td_string!(lang, common.save)}</button>
            </ActionForm>
        </main>
    }
}

#[component]
pub fn SecuritySettingsPage() -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    let refused = refused_rules(action.value().get_untracked());
    let query = use_query_as::<SecurityQuery>();
    let changed = move || query.read().changed.is_set();
    let lang = language::current();
    view! {
        <Title text=td_string!(lang, common.security_settings)/>
        <main class="card narrow">
            <p><a href="/mail">{td_string!(lang, settings.back_to_mailbox)}</a></p>
            <h1>{td_string!(lang, common.security_settings)}</h1>
            <section aria-labelledby="change-title">
                <h2 id="change-title">{td_string!(lang, settings.change_title)}</h2>
                <Show when=changed>
                    <p class="success" role="status">{td_string!(lang, settings.changed)}</p>
                </Show>
                <ActionForm action=action attr:class="stack">
                    <ErrorAlert result=action.value()/>
                    <PasswordField
                        id="current-password"
                        name="current_password"
                        label=td_string!(lang, common.current_password)
                        autocomplete="current-password"
                        lang
                    />
                    {new_password_fields(refused)}
                    <button type="submit" class="primary">
                        {td_string!(lang, settings.change_password)}
                    </button>
                </ActionForm>
            </section>
            <RecoveryMethods/>
        </main>
    }
}
