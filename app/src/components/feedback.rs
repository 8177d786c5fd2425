//! How a form tells its outcome: an alert for errors (read out by screen
//! readers at once, and given the focus, so the person lands on it) and a
//! status line for success.

use leptos::prelude::*;

use crate::components::keyed::Keyed;
use crate::error::UserError;
use crate::language::{self, Language};
use crate::messages;

/// Shows the error of the last submission, if any, and moves the focus
/// to it: `autofocus` where the page is loaded whole, [`FocusOnArrival`]
/// where the islands router patches it in.
#[component]
pub fn ErrorAlert<T>(
    /// The action's last result.
    #[prop(into)]
    result: Signal<Option<Result<T, UserError>>>,
    /// The language to say it in: the page's (an island passes its own).
    #[prop(optional)]
    lang: Option<Language>,
) -> impl IntoView
where
    T: Send + Sync + Clone + 'static,
{
    let lang = lang.unwrap_or_else(language::current);
    move || {
        result.get().and_then(Result::err).map(|error| {
            view! {
                <p class="error" role="alert" tabindex="-1" autofocus=true>
                    {messages::user_error(lang, &error)}
                    // A new key each time the page is rendered: the router
                    // keeps an island it finds in place, and this one must
                    // act again on every refusal.
                    <Keyed key=render_id()>
                        <FocusOnArrival/>
                    </Keyed>
                </p>
            }
        })
    }
}

/// What tells one rendering of a page from the next: the request's id on
/// the server; in the browser (where a page is never rendered again) none.
pub(crate) fn render_id() -> String {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get("x-request-id")
                    .and_then(|id| id.to_str().ok())
                    .map(str::to_owned)
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// Gives the focus to the page's first error alert once the browser runs
/// it (a page shows its errors first to last in reading order).
#[island]
fn FocusOnArrival() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        use leptos::wasm_bindgen::JsCast;
        let alert = document()
            .query_selector("[role=alert][tabindex='-1']")
            .ok()
            .flatten()
            .and_then(|alert| alert.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(alert) = alert {
            let _ = alert.focus();
        }
    });
}

/// Where the keyboard focus goes when the islands router has patched a
/// new page in and the element that had the focus went with the old one
/// (a link or button of the page left): to the page's main heading, as a
/// screen reader announces a new page, so Tab goes on from the top of it.
/// A page with an error alert leaves it to [`FocusOnArrival`]; the first
/// page of a visit, and a patch that kept the focused element (the image
/// that arrives by itself while the person types), are left alone.
#[component]
pub fn PageArrival() -> impl IntoView {
    view! {
        <Keyed key=render_id()>
            <FocusHeadingOnArrival/>
        </Keyed>
    }
}

#[island]
fn FocusHeadingOnArrival() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        use leptos::wasm_bindgen::JsCast;
        let document = document();
        let Some(body) = document.body() else {
            return;
        };
        // Set once the first page is hydrated: this is a later page.
        let patched = body.has_attribute("data-hydrated");
        let lost = document
            .active_element()
            .is_none_or(|active| active.is_same_node(Some(&body)) || !active.is_connected());
        let alert = document
            .query_selector("[role=alert][tabindex='-1']")
            .ok()
            .flatten();
        if !patched || !lost || alert.is_some() {
            return;
        }
        let heading = document
            .query_selector("main h1")
            .ok()
            .flatten()
            .and_then(|heading| heading.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(heading) = heading {
            let _ = heading.set_attribute("tabindex", "-1");
            let _ = heading.focus();
        }
    });
}
