//! A navigation the network failed. The islands router fetches the next
//! page (a link followed, a form posted) with `fetch`; when that fetch
//! fails it only logs, and the click seems to do nothing. This wraps
//! `fetch` so that a failed navigation puts a message on the page, with a
//! button to try again: a link is followed again as a full page load; after
//! a form, the form is still there with what was typed, to send again. It
//! also announces each page fetched to the islands (`app::navigation`).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The header the islands router puts on the requests of its navigations.
const NAVIGATION_HEADER: &str = "Islands-Router";
/// The message's element.
const MESSAGE_ID: &str = "navigation-failed";

/// Wraps `window.fetch`; idempotent per page load (called once, by
/// `hydrate`).
pub fn report_failed_navigations() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(original) = js_sys::Reflect::get(&window, &"fetch".into())
        .ok()
        .and_then(|fetch| fetch.dyn_into::<js_sys::Function>().ok())
    else {
        return;
    };
    let this = window.clone();
    let wrapper = Closure::<dyn Fn(JsValue, JsValue) -> JsValue>::new(
        move |input: JsValue, init: JsValue| {
            let answer = original
                .call2(&this, &input, &init)
                .unwrap_or_else(|err| js_sys::Promise::reject(&err).into());
            let Some(request) = input.dyn_ref::<web_sys::Request>() else {
                return answer;
            };
            let navigation = request
                .headers()
                .get(NAVIGATION_HEADER)
                .ok()
                .flatten()
                .is_some();
            let Ok(answer) = answer.dyn_into::<js_sys::Promise>() else {
                return JsValue::UNDEFINED;
            };
            if !navigation {
                return answer.into();
            }
            // A page fetched: its address (after redirects) is announced to
            // the islands, before the router patches it in.
            let on_answer = Closure::once(move |response: JsValue| {
                if let Some(response) = response.dyn_ref::<web_sys::Response>() {
                    announce(&response.url());
                }
            });
            let _ = answer.then(&on_answer);
            on_answer.forget();
            // A link (GET) can be followed again; a form is still on the page.
            let again = (request.method() == "GET").then(|| request.url());
            // Watched on the side: the router still gets the failure.
            let on_failure = Closure::once(move |_error: JsValue| show_message(again));
            let _ = answer.catch(&on_failure);
            on_failure.forget();
            answer.into()
        },
    );
    let _ = js_sys::Reflect::set(&window, &"fetch".into(), wrapper.as_ref());
    wrapper.forget();
}

/// Tells the islands which page the router fetched (`app::navigation`).
fn announce(url: &str) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&JsValue::from_str(url));
    let event = web_sys::CustomEvent::new_with_event_init_dict(app::navigation::NAVIGATED, &init);
    if let (Some(window), Ok(event)) = (web_sys::window(), event) {
        let _ = window.dispatch_event(&event);
    }
}

/// Puts the message (once) at the top of the page's main content, and
/// moves focus to it so a screen reader reads it.
fn show_message(again: Option<String>) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    if let Some(old) = document.get_element_by_id(MESSAGE_ID) {
        old.remove();
    }
    let lang = document
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|tag| app::language::from_tag(&tag))
        .unwrap_or_default();
    let (text, button_label) = app::messages::navigation_failed(lang);
    let (Ok(message), Ok(paragraph), Ok(button)) = (
        document.create_element("div"),
        document.create_element("p"),
        document.create_element("button"),
    ) else {
        return;
    };
    message.set_id(MESSAGE_ID);
    let _ = message.set_attribute("class", "error navigation-failed");
    let _ = message.set_attribute("role", "alert");
    let _ = message.set_attribute("tabindex", "-1");
    paragraph.set_text_content(Some(&text));
    let _ = button.set_attribute("type", "button");
    button.set_text_content(Some(&button_label));
    let on_click = Closure::<dyn Fn()>::new(move || match &again {
        Some(url) => {
            if let Some(window) = web_sys::window() {
                let _ = window.location().assign(url);
            }
        }
        None => {
            if let Some(message) = web_sys::window()
                .and_then(|window| window.document())
                .and_then(|document| document.get_element_by_id(MESSAGE_ID))
            {
                message.remove();
            }
        }
    });
    let _ = button.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    on_click.forget();
    let _ = message.append_child(&paragraph);
    let _ = message.append_child(&button);
    let parent = document
        .query_selector("main")
        .ok()
        .flatten()
        .or_else(|| document.body().map(Into::into));
    if let Some(parent) = parent {
        let _ = parent.prepend_with_node_1(&message);
        if let Some(message) = message.dyn_ref::<web_sys::HtmlElement>() {
            let _ = message.focus();
        }
    }
}
