//! Where a signed-in page sends someone it cannot serve.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::error::UserError;

/// Not signed in goes to the logon page, a forced password change to
/// Change Password; any other error is shown.
pub fn refuse(error: UserError, login_path: &'static str) -> AnyView {
    match error {
        UserError::NotSignedIn => view! { <Redirect path=login_path/> }.into_any(),
        UserError::MustChangePassword => view! { <Redirect path="/change-password"/> }.into_any(),
        other => view! {
            <main class="card narrow">
                <p class="error" role="alert">{other.to_string()}</p>
                <p><a href=login_path>"Go to the logon page"</a></p>
            </main>
        }
        .into_any(),
    }
}
