//! `POST /language`: the "Language" control. Keeps the choice in the
//! `lang` cookie for a year and sends the browser back to the page it
//! came from (only ever a path of this site: a hostile `back` cannot send
//! anyone elsewhere).

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use serde::Deserialize;

use app::language::{from_tag, tag, COOKIE};
use services::request::SetCookie;

use crate::http::state::AppState;

const YEAR_S: i64 = 365 * 24 * 60 * 60;

#[derive(Deserialize)]
pub struct Choice {
    lang: String,
    #[serde(default)]
    back: String,
}

/// `back` when it is a path of this site (see `app::local_path`), else
/// the logon page.
pub fn local_path(back: &str) -> &str {
    app::local_path::or_else(back, "/login")
}

pub async fn choose(State(state): State<AppState>, Form(choice): Form<Choice>) -> Response {
    let Some(language) = from_tag(&choice.lang) else {
        return (StatusCode::UNPROCESSABLE_ENTITY, "Unknown language.").into_response();
    };
    let cookie =
        SetCookie::new(COOKIE, tag(language), YEAR_S).render(state.settings.cookie_secure());
    let mut response = (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, local_path(&choice.back).to_owned())],
    )
        .into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_paths_of_this_site_are_followed() {
        assert_eq!(local_path("/forgot?expired=1"), "/forgot?expired=1");
        for hostile in [
            "https://evil.example/",
            "//evil.example/x",
            "/\\evil.example",
            "",
            "javascript:alert(1)",
            "/x\r\nSet-Cookie: a=b",
        ] {
            assert_eq!(local_path(hostile), "/login", "{hostile:?}");
        }
    }
}
