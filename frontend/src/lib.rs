//! The browser entry point: hydrates the server-rendered page with the
//! same `App` the server rendered, so every page works before the WASM
//! arrives and gains its live behaviour (checklists, countdowns) after.
//! The signed-in areas' pages are lazy routes: the chunk the current page
//! needs is fetched first, then the page hydrates.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    let Some(body) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.body())
    else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let mounted = leptos::mount::hydrate_from_async(body.clone(), app::App).await;
        // The app lives as long as the page.
        std::mem::forget(mounted);
        // A mark that the page is now interactive, for browser tests and
        // for styles that should only apply once JavaScript runs.
        let _ = body.set_attribute("data-hydrated", "");
    });
}
