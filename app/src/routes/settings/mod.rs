//! Security settings' recovery methods: the "Secure mobile phone" and
//! "Security questions" sections of `/settings/security`. Every form posts
//! to its server function and works without JavaScript; the page's query
//! (`?code_sent=1`, `?phone_bound=1`, `?questions_saved=1`) carries the
//! outcome back.

pub mod phone;
pub mod prompts;
pub mod questions;

use leptos::prelude::*;
use leptos_router::params::Params;

use crate::auth::api::me;
use crate::binding::api::{load_security_setup, BindPhone, SendPhoneCode, SetSecurityQuestions};
use crate::i18n::td_string;
use crate::language;
use crate::routes::guard::{load_failed, signed_in_shell};
use crate::routes::mail::mail_frame;
use crate::routes::params::Flag;
use phone::PhoneSection;
use questions::QuestionsSection;

/// `/settings/...`: the mail pages' frame (an account that must change its
/// password is sent to Change Password first).
#[component]
pub fn SettingsShell() -> impl IntoView {
    signed_in_shell(
        Resource::new(|| (), |_| me()),
        td_string!(language::current(), common.security_settings),
        "/login",
        mail_frame,
    )
}

/// The outcome a form of `/settings/security` reports back in the query.
#[derive(Params, Clone, Debug, Default, PartialEq, Eq)]
pub struct SecurityQuery {
    /// The password was changed.
    pub changed: Flag,
    /// A code was sent to the new number.
    pub code_sent: Flag,
    /// The new number is bound.
    pub phone_bound: Flag,
    /// The questions were saved.
    pub questions_saved: Flag,
}

/// Both sections, from one load of the account's setup (each success
/// comes back as a new page, so what is bound is what is shown).
/// `back`: the forms' hidden field that returns them to the page they were
/// sent from (the recovery setup after logon; else Security settings).
#[component]
pub fn RecoveryMethods(#[prop(optional)] back: Option<&'static str>) -> impl IntoView {
    let send = ServerAction::<SendPhoneCode>::new();
    let bind = ServerAction::<BindPhone>::new();
    let save = ServerAction::<SetSecurityQuestions>::new();
    let setup = Resource::new(|| (), |_| load_security_setup());
    let lang = language::current();
    view! {
        <Suspense fallback=move || {
            view! { <p class="loading">{td_string!(lang, common.loading)}</p> }
        }>
            {move || Suspend::new(async move {
                match setup.await {
                    Err(error) => load_failed(error, "/login"),
                    Ok(setup) => view! {
                        <PhoneSection setup=setup.clone() send=send bind=bind back/>
                        <QuestionsSection setup=setup save=save back/>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
