//! The browser entry point: hydrates the server-rendered page with the
//! same `App` the server rendered, so every page works before the WASM
//! arrives and gains its live behaviour (checklists, countdowns) after.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // A mark that the page is now interactive, for browser tests and for
    // styles that should only apply once JavaScript runs.
    if let Some(body) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.body())
    {
        let _ = body.set_attribute("data-hydrated", "");
    }
}
