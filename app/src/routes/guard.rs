//! The frame of a signed-in area, and where it sends someone it cannot
//! serve.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use crate::binding::api::SETUP_PAGE;
use crate::error::UserError;
use crate::i18n::td_string;
use crate::language;
use crate::messages;

/// Not signed in goes to the logon page, a forced password change to
/// Change Password, a required recovery setup to it; any other error is
/// shown.
pub fn refuse(error: UserError, login_path: &'static str) -> AnyView {
    match error {
        UserError::NotSignedIn => view! { <Redirect path=login_path/> }.into_any(),
        UserError::MustChangePassword => view! { <Redirect path="/change-password"/> }.into_any(),
        UserError::RecoverySetupRequired => view! { <Redirect path=SETUP_PAGE/> }.into_any(),
        other => {
            let lang = language::current();
            view! {
                <main class="card narrow">
                    <p class="error" role="alert">{messages::user_error(lang, &other)}</p>
                    <p><a href=login_path>{td_string!(lang, common.go_to_log_on)}</a></p>
                </main>
            }
            .into_any()
        }
    }
}

/// What a page of a signed-in area shows when its own data did not load:
/// a session that ended meanwhile (the area's shell loaded the user once)
/// goes to the logon page as [`refuse`] sends it; any other error is shown
/// in place.
pub fn load_failed(error: UserError, login_path: &'static str) -> AnyView {
    match error {
        UserError::NotSignedIn
        | UserError::MustChangePassword
        | UserError::RecoverySetupRequired => refuse(error, login_path),
        other => {
            let text = messages::user_error(language::current(), &other);
            view! { <p class="error" role="alert">{text}</p> }.into_any()
        }
    }
}

/// The view of a parent route whose pages need someone signed in: waits
/// for `who` (loaded once for all the area's pages), sends away whoever
/// the area cannot serve (see [`refuse`]; the refusal is titled `title`,
/// since no page is shown), and otherwise provides them as context and
/// shows `frame`, which places the page's `<Outlet/>`.
pub fn signed_in_shell<T>(
    who: Resource<Result<T, UserError>>,
    title: &'static str,
    login_path: &'static str,
    frame: fn(T) -> AnyView,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    let lang = language::current();
    view! {
        <Suspense fallback=move || {
            view! { <p class="loading">{td_string!(lang, common.loading)}</p> }
        }>
            {move || Suspend::new(async move {
                match who.await {
                    Err(error) => view! {
                        <Title text=title/>
                        {refuse(error, login_path)}
                    }
                    .into_any(),
                    Ok(who) => {
                        provide_context(who.clone());
                        frame(who)
                    }
                }
            })}
        </Suspense>
    }
}
