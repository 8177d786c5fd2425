//! The page for every path no route claims.

use leptos::prelude::*;

use crate::i18n::td_string;
use crate::language;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::NOT_FOUND);
        }
    }
    let lang = language::current();
    view! {
        <Title text=td_string!(lang, not_found.title)/>
        <main class="card narrow">
            <h1>{td_string!(lang, not_found.title)}</h1>
            <p>{td_string!(lang, not_found.text)}</p>
            <p><a href="/login">{td_string!(lang, common.go_to_log_on)}</a></p>
        </main>
    }
}
