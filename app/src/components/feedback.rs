//! How a form tells its outcome: an alert for errors (read out by screen
//! readers at once) and a status line for success.

use leptos::prelude::*;

use crate::error::UserError;

/// Shows the error of the last submission, if any.
#[component]
pub fn ErrorAlert<T>(
    /// The action's last result.
    #[prop(into)]
    result: Signal<Option<Result<T, UserError>>>,
) -> impl IntoView
where
    T: Send + Sync + Clone + 'static,
{
    move || {
        result.get().and_then(Result::err).map(|error| {
            view! { <p class="error" role="alert">{error.to_string()}</p> }
        })
    }
}
