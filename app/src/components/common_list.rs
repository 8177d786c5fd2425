//! The common-password list in the browser (docs/policy.md "Common
//! passwords"). It is too big for the first load, so a page fetches it
//! once, when a new-password field is first focused or typed in; until it
//! arrives the checklist's line says it is checking. The file is named by
//! its content and kept by the browser for a year. On the server this is
//! never loaded: the server's own verdict uses the list it embeds, and a
//! rendered checklist has nothing typed to judge.

use std::sync::OnceLock;

use crate::policy::CommonPasswords;

/// Where the server serves the list.
pub fn url() -> String {
    format!("/policy/{}", crate::policy::common::FILE_NAME)
}

static LIST: OnceLock<CommonPasswords> = OnceLock::new();

/// The list, once fetched (never on the server).
pub fn loaded() -> Option<&'static CommonPasswords> {
    LIST.get()
}

/// Fetches the list unless it is here or on its way, then runs `ready`.
/// A failed fetch (offline) leaves the line checking; the next call tries
/// again.
pub fn load(ready: impl FnOnce() + 'static) {
    if LIST.get().is_some() {
        ready();
        return;
    }
    #[cfg(feature = "hydrate")]
    browser::load(Box::new(ready));
    #[cfg(not(feature = "hydrate"))]
    drop(ready);
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::RefCell;

    use leptos::wasm_bindgen::JsCast;

    use super::{url, CommonPasswords, LIST};

    type Waiter = Box<dyn FnOnce()>;

    thread_local! {
        /// Who waits for the fetch under way (`None`: no fetch under way).
        static WAITING: RefCell<Option<Vec<Waiter>>> = const { RefCell::new(None) };
    }

    pub(super) fn load(ready: Waiter) {
        let start = WAITING.with_borrow_mut(|waiting| match waiting {
            Some(list) => {
                list.push(ready);
                false
            }
            None => {
                *waiting = Some(vec![ready]);
                true
            }
        });
        if start {
            leptos::task::spawn_local(async {
                let text = fetch_text(&url()).await;
                let waiters = WAITING.with_borrow_mut(Option::take).unwrap_or_default();
                if let Some(text) = text {
                    let _ = LIST.set(CommonPasswords::parse(text));
                    for ready in waiters {
                        ready();
                    }
                }
            });
        }
    }

    async fn fetch_text(url: &str) -> Option<String> {
        let window = web_sys::window()?;
        let answer = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url))
            .await
            .ok()?;
        let response: web_sys::Response = answer.dyn_into().ok()?;
        if !response.ok() {
            return None;
        }
        let text = wasm_bindgen_futures::JsFuture::from(response.text().ok()?)
            .await
            .ok()?;
        text.as_string()
    }
}
