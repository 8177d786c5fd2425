//! The common-password list for the browser (docs/policy.md "Common
//! passwords"): the very bytes the server judges with, under a name that
//! changes with them, so the browser keeps them for a year. Sent as the
//! brotli copy made with the list (`scripts/gen-common-passwords.sh`) to a
//! browser that accepts it, as plain text otherwise.

use axum::extract::Path;
use axum::http::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE, VARY};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use proto::policy::common;

/// The route; `{file}` must be the current [`common::FILE_NAME`].
pub const ROUTE: &str = "/policy/{file}";

/// Where the list is served, as `hardening::asset_caching` recognises it.
pub fn path() -> String {
    format!("/policy/{}", common::FILE_NAME)
}

const BROTLI: &[u8] = include_bytes!("../../../proto/data/common-passwords.txt.br");

pub async fn serve(Path(file): Path<String>, headers: HeaderMap) -> Response {
    if file != common::FILE_NAME {
        return StatusCode::NOT_FOUND.into_response();
    }
    let accepts_brotli = headers
        .get_all(ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|coding| coding.split(';').next().is_some_and(|c| c.trim() == "br"));
    let text = HeaderValue::from_static("text/plain; charset=utf-8");
    let vary = HeaderValue::from_static("accept-encoding");
    if accepts_brotli {
        (
            [
                (CONTENT_TYPE, text),
                (CONTENT_ENCODING, HeaderValue::from_static("br")),
                (VARY, vary),
            ],
            BROTLI,
        )
            .into_response()
    } else {
        ([(CONTENT_TYPE, text), (VARY, vary)], common::TEXT).into_response()
    }
}
