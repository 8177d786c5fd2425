//! The islands router's navigations, as islands can follow them. The
//! router keeps every island it finds in place as it is when it patches in
//! a new page (so nothing typed is lost), which also means an island does
//! not see what the new page says. The browser entry point (`frontend`)
//! announces each page the router fetched with [`NAVIGATED`], its address
//! as the detail; [`on_navigated`] lets an island act on it.

/// The window event announcing the address of a page the islands router
/// fetched (after redirects), before it patches it in.
pub const NAVIGATED: &str = "recovery:navigated";

/// Runs `act` with the address of every page the islands router fetches
/// from now on (in the browser; on the server, never). `act` should use
/// `try_set`: it may outlive the island.
pub fn on_navigated(act: impl Fn(&str) + 'static) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::closure::Closure;
        use leptos::wasm_bindgen::JsCast;
        let listener =
            Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |event: web_sys::CustomEvent| {
                if let Some(url) = event.detail().as_string() {
                    act(&url);
                }
            });
        if let Some(window) = web_sys::window() {
            let _ = window
                .add_event_listener_with_callback(NAVIGATED, listener.as_ref().unchecked_ref());
        }
        listener.forget();
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = act;
}
