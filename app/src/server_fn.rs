//! What every server function does around its call into the services: get
//! their shared `Ctx` and the request, set the cookies it asks for, and give an error
//! its HTTP status (or, for a plain form post, send the browser back to the
//! form with the error in the URL). Server-only.

use std::sync::Arc;

use http::header::{HeaderValue, RETRY_AFTER, SET_COOKIE};
use http::request::Parts;
use http::StatusCode;
use leptos::prelude::*;
use leptos::server_fn::error::ServerFnUrlError;
use leptos::server_fn::ServerFn;
use leptos_axum::ResponseOptions;

use crate::error::UserError;
use services::ctx::Ctx;
use services::request::{Client, Request, SecureCookies, SetCookie};

/// The services' shared state and the request being served: what every
/// server function starts with.
pub async fn served() -> Result<(Arc<Ctx>, Request), UserError> {
    let ctx = use_context::<Arc<Ctx>>().ok_or(UserError::Internal)?;
    let parts = leptos_axum::extract::<Parts>()
        .await
        .map_err(|_| UserError::Internal)?;
    let client = parts
        .extensions
        .get::<Client>()
        .cloned()
        .unwrap_or_else(Client::unknown);
    let secure = use_context::<SecureCookies>().is_none_or(|secure| secure.0);
    let language = parts
        .extensions
        .get::<crate::language::Language>()
        .copied()
        .unwrap_or_default();
    Ok((
        ctx,
        Request::new(client, secure, &parts.headers)
            .in_language(language)
            .with_extensions(parts.extensions),
    ))
}

/// Adds the Set-Cookie headers of `cookies` to the response.
pub fn set_cookies(request: &Request, cookies: &[SetCookie]) {
    let Some(response) = use_context::<ResponseOptions>() else {
        return;
    };
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(&cookie.render(request.secure_cookies())) {
            response.append_header(SET_COOKIE, value);
        }
    }
}

/// Gives an error its HTTP status (and Retry-After when busy).
pub fn fail<T>(error: UserError) -> Result<T, UserError> {
    if let Some(response) = use_context::<ResponseOptions>() {
        response.set_status(
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        );
        if matches!(
            error,
            UserError::Busy | UserError::Unavailable | UserError::TooManyRequests
        ) {
            response.insert_header(RETRY_AFTER, HeaderValue::from_static("5"));
        }
    }
    Err(error)
}

/// Sends the browser to `target` when it is a path of this site
/// ([`crate::local_path`]), else to the site's root: every redirect a
/// server function makes goes through here.
pub fn redirect(target: &str) {
    if !crate::local_path::is_local_path(target) {
        tracing::warn!("refused to redirect to a target that is not a path of this site");
    }
    leptos_axum::redirect(crate::local_path::or_else(target, "/"));
}

pub fn or_fail<T>(result: Result<T, UserError>) -> Result<T, UserError> {
    result.or_else(fail)
}

/// Like `or_fail`, and a plain form post is sent back to `page` with the
/// error in the URL, where the page's `ActionForm` shows it. Leptos would
/// send it back to the Referer, but our Referrer-Policy (no-referrer) means
/// there is none.
pub fn or_fail_on<F: ServerFn, T>(
    page: &str,
    request: &Request,
    result: Result<T, UserError>,
) -> Result<T, UserError> {
    let Err(error) = result else { return result };
    let failed = fail(error.clone());
    if request.is_plain_form_post() {
        let back = ServerFnUrlError::new(F::PATH, error).to_url(&format!("http://app{page}"));
        if let Ok(url) = back {
            let target = match url.query() {
                Some(query) => format!("{}?{query}", url.path()),
                None => url.path().to_owned(),
            };
            redirect(&target);
        }
    }
    failed
}
