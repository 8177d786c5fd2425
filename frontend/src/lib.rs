//! The browser entry point. The server renders every page whole, and every
//! page works before (or without) the WASM; what the WASM adds are the
//! islands (`#[island]` in the app: the live checklist, countdowns, the
//! show/hide toggle), which the hydration script hydrates one by one once
//! this has run, and again after each page the islands router patches in.

// The islands are exported by the app crate, which must be linked.
use app as _;

mod navigation;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    navigation::report_failed_navigations();
    leptos::mount::hydrate_islands();
    let Some(body) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.body())
    else {
        return;
    };
    // The islands of the first page are hydrated right after this returns,
    // each in its own microtask; a timer runs after all of them.
    wasm_bindgen_futures::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(0).await;
        // A mark that the page is now interactive, for browser tests and
        // for styles that should only apply once JavaScript runs.
        let _ = body.set_attribute("data-hydrated", "");
    });
}
