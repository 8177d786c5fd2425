//! Forgot Password's verification image and its "Refresh", as an island.
//!
//! With JavaScript, a new image is fetched by calling the server function
//! and swapping the image in place: the page is never navigated or patched,
//! so nothing the person has typed meanwhile (the address, above all, typed
//! while the first image is still on its way over a slow network) is lost.
//! A first visit has no image yet; the island fetches it as soon as it
//! wakes, and asks for the live image again after the islands router brings
//! the page back (a wrong code made a new one). Without JavaScript, "Refresh" is a plain post of the refresh form
//! (see `start`), which sends the browser back to the page.

use leptos::prelude::*;

use crate::error::UserError;
use crate::i18n::td_string;
use crate::language::Language;

/// The form "Refresh" posts without JavaScript (see `start`).
pub const REFRESH_FORM: &str = "captcha-refresh";
/// The id of the field the image's characters are typed into.
pub const CAPTCHA_INPUT: &str = "forgot-captcha";

#[island]
pub fn CaptchaImage(
    lang: Language,
    /// The flow's live image, when it has one.
    initial: Option<String>,
) -> impl IntoView {
    let image = RwSignal::new(initial.clone());
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<UserError>);
    // `by_person`: the person pressed Refresh (the characters typed for
    // the old image are then cleared; a first image clears nothing).
    let refresh = move |by_person: bool| {
        loading.set(true);
        leptos::task::spawn_local(async move {
            match crate::recovery::api::refresh_captcha().await {
                Ok(id) => {
                    error.set(None);
                    image.set(Some(id));
                    if by_person {
                        clear_typed_code();
                    }
                }
                Err(refused) => error.set(Some(refused)),
            }
            loading.set(false);
        });
    };
    if initial.is_none() {
        // Runs once, in the browser, when the island wakes.
        Effect::new(move |_| refresh(false));
    }
    // A page the router brings back here (a wrong code made a new image):
    // the island stays as it is, so it asks which image is live now.
    crate::navigation::on_navigated(move |url| {
        let path = url.split(['?', '#']).next().unwrap_or_default();
        if path.ends_with("/forgot") {
            leptos::task::spawn_local(async move {
                if let Ok(Some(id)) = crate::recovery::api::recovery_captcha().await {
                    image.try_set(Some(id));
                }
            });
        }
    });
    view! {
        {move || match image.get() {
            Some(id) => view! {
                <img
                    class="captcha-image"
                    src=format!("/forgot/captcha/{id}")
                    alt=td_string!(lang, forgot.image_alt)
                    width="220"
                    height="80"
                />
            }
            .into_any(),
            None => view! {
                <p class="loading">
                    {move || if loading.get() {
                        td_string!(lang, forgot.loading_image)
                    } else {
                        td_string!(lang, forgot.select_refresh)
                    }}
                </p>
            }
            .into_any(),
        }}
        {move || error.get().map(|error| view! {
            <p class="error" role="alert">{crate::messages::call_error(lang, &error)}</p>
        })}
        <button
            type="submit"
            class="secondary"
            form=REFRESH_FORM
            formnovalidate=true
            on:click=move |ev| {
                ev.prevent_default();
                refresh(true);
            }
        >
            {td_string!(lang, forgot.refresh)}
        </button>
    }
}

/// Empties the field the old image's characters were typed into.
fn clear_typed_code() {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        if let Some(input) = document()
            .get_element_by_id(CAPTCHA_INPUT)
            .and_then(|input| input.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.set_value("");
        }
    }
}
