//! Web hardening that every request passes through: the security headers
//! on every response, including the per-response Content-Security-Policy
//! nonce that Leptos writes onto its inline scripts ([`harden`], outermost,
//! so refusals carry them too); the request body, read whole under a size
//! and time limit ([`body`]); and the same-origin gate on state-changing
//! requests, the CSRF defence ([`same_origin`]).
//!
//! [`provide_csp_nonce`] is the half of [`harden`] that runs inside
//! Leptos's rendering, handing it the nonce the header announces.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, ORIGIN, REFERER, REFERRER_POLICY,
    STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::nonce::Nonce;
use leptos::prelude::{provide_context, use_context};
use rand::RngCore;

pub mod body;

pub use body::{read_body, BODY_LIMIT_BYTES, BODY_TIMEOUT};

const CROSS_ORIGIN_REFUSED: &str = "Cross-origin request refused.";

/// Fetch Metadata (W3C): which site the browser says started the request.
/// A `Sec-` header, so page scripts cannot set it.
const SEC_FETCH_SITE: HeaderName = HeaderName::from_static("sec-fetch-site");

/// The CSP nonce of one response, stored in the request's extensions so the
/// Leptos renderer ([`provide_csp_nonce`]) writes the same value into the
/// page that [`harden`] puts into the header.
#[derive(Clone, Debug)]
pub struct CspNonce(Arc<str>);

impl CspNonce {
    /// 128 bits from the thread's CSPRNG, hex-encoded: unguessable, so an
    /// injected `<script>` cannot carry it (CSP Level 3 asks for at least
    /// 128 bits), and hex never needs escaping in a header or attribute.
    fn generate() -> Self {
        let mut bytes = [0u8; 16];
        rand::thread_rng().fill_bytes(&mut bytes);
        let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
        CspNonce(hex.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The middleware that stamps the security headers on whatever answer
/// goes out, refusals included. `origin` is the app's public origin (HSTS
/// is sent when it is https).
pub async fn harden(State(origin): State<Arc<str>>, mut request: Request, next: Next) -> Response {
    let nonce = CspNonce::generate();
    request.extensions_mut().insert(nonce.clone());
    let caching = asset_caching(request.uri().path());
    let mut response = next.run(request).await;
    set_security_headers(response.headers_mut(), &nonce);
    let headers = response.headers_mut();
    // Pages and server-function answers may carry a signed-in person's
    // data (or a flow's state): no cache, shared or private, keeps them
    // (ASVS 4.0.3 V8.2.1). Only the built files under /pkg/ may be cached.
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(caching));
    if origin.starts_with("https://") {
        headers.insert(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

/// The middleware that refuses a state-changing request that did not come
/// from the app's own origin.
pub async fn same_origin(State(origin): State<Arc<str>>, request: Request, next: Next) -> Response {
    if is_state_changing(request.method()) && !comes_from_origin(&origin, request.headers()) {
        tracing::info!(
            method = %request.method(),
            path = %request.uri().path(),
            "refused a state-changing request that did not come from the app's origin"
        );
        return (StatusCode::FORBIDDEN, CROSS_ORIGIN_REFUSED).into_response();
    }
    next.run(request).await
}

/// The Cache-Control of a response to `path`. The built site's files (WASM,
/// JS, CSS) hold nobody's data: one named by its content (`recovery.<hash>.wasm`,
/// as the release build names them) never changes and is kept for a year,
/// and so is the common-password list, named by its content too;
/// another is revalidated each time. Everything else is never stored.
pub fn asset_caching(path: &str) -> &'static str {
    if path == crate::http::common_list::path() {
        return "public, max-age=31536000, immutable";
    }
    match path.strip_prefix("/pkg/") {
        Some(file) if is_content_named(file) => "public, max-age=31536000, immutable",
        Some(_) => "no-cache",
        None => "no-store",
    }
}

/// `name.<hash>.ext`, the hash being the 22 characters of an unpadded
/// base64url MD5, as cargo-leptos writes it.
fn is_content_named(file: &str) -> bool {
    !file.contains('/')
        && file.split('.').any(|part| {
            part.len() == 22
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                // The split loader's name before hashing is 22 underscores.
                && !part.chars().all(|c| c == '_')
        })
}

/// Runs in the Leptos context of every page render and server function
/// (`leptos_routes_with_context` and the fallback's
/// `file_and_error_handler_with_context`). leptos_axum has already provided
/// a nonce of its own by then; replacing it with the one [`harden`] chose
/// makes the `nonce` on the hydration script and on every streamed
/// resource script match the CSP header.
pub fn provide_csp_nonce() {
    let nonce = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(nonce) = nonce {
        provide_context(Nonce::from_value(nonce.0));
    }
}

/// Safe methods change nothing, so they need no origin check (and the
/// health probes and page loads carry no Origin).
fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// OWASP CSRF Prevention Cheat Sheet, "Verifying Origin with standard
/// headers" (ASVS 4.0.3 V4.2.2, anti-CSRF): the browser-set `Origin` must be
/// the app's own; without it, the `Referer`'s origin must be.
///
/// Our own `Referrer-Policy: no-referrer` makes browsers send `Origin: null`
/// and no `Referer` on a plain `<form>` POST (Fetch, "append a request
/// Origin header"), which is exactly the no-JavaScript path of every form
/// here. For that case only, `Sec-Fetch-Site: same-origin` is accepted as
/// the browser's word that our own page sent it (OWASP CSRF Cheat Sheet,
/// "Fetch Metadata headers"). A real foreign Origin is never overruled.
fn comes_from_origin(configured: &str, headers: &HeaderMap) -> bool {
    let Some(expected) = normalize_origin(configured) else {
        tracing::error!(
            origin = configured,
            "the configured public origin is not scheme://host[:port]; refusing every \
             state-changing request"
        );
        return false;
    };
    if headers.get_all(ORIGIN).iter().count() > 1 {
        return false;
    }
    match headers.get(ORIGIN).map(HeaderValue::to_str) {
        Some(Ok(origin)) if origin.trim() != "null" => {
            normalize_origin(origin).is_some_and(|origin| origin == expected)
        }
        Some(Err(_)) => false,
        // Absent, or withheld by the browser as "null".
        _ => {
            let referer_matches = headers
                .get(REFERER)
                .and_then(|value| value.to_str().ok())
                .and_then(normalize_origin)
                .is_some_and(|origin| origin == expected);
            let fetch_metadata_same_origin = headers
                .get(SEC_FETCH_SITE)
                .is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"same-origin"));
            referer_matches || fetch_metadata_same_origin
        }
    }
}

/// `scheme://host[:port]` with scheme and host lowercased and the scheme's
/// default port dropped, from an origin or a full URL (a `Referer`). `None`
/// for anything that is not an http(s) tuple origin, such as `null`.
pub fn normalize_origin(value: &str) -> Option<String> {
    let (scheme, rest) = value.trim().split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => 80,
        "https" => 443,
        _ => return None,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // Browsers never put credentials in Origin or Referer; a URL that has
    // them is not one a browser sent.
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let (host, port) = if let Some(bracketed) = authority.strip_prefix('[') {
        // An IPv6 literal: `[::1]` or `[::1]:3000`.
        let (address, after) = bracketed.split_once(']')?;
        (format!("[{address}]"), after)
    } else {
        match authority.find(':') {
            Some(colon) => (authority[..colon].to_owned(), &authority[colon..]),
            None => (authority.to_owned(), ""),
        }
    };
    if host.is_empty() || host == "[]" {
        return None;
    }
    let port = match port.strip_prefix(':') {
        None if port.is_empty() => None,
        None => return None,
        // `http://host:` means the default port (WHATWG URL).
        Some("") => None,
        Some(digits) if digits.bytes().all(|b| b.is_ascii_digit()) => {
            Some(digits.parse::<u16>().ok()?)
        }
        Some(_) => return None,
    };
    let host = host.to_ascii_lowercase();
    Some(match port {
        Some(port) if port != default_port => format!("{scheme}://{host}:{port}"),
        _ => format!("{scheme}://{host}"),
    })
}

/// ASVS 4.0.3 V14.4.3 (CSP), V14.4.4 (nosniff), V14.4.6 (Referrer-Policy),
/// V14.4.7 (no framing by other sites). Set on every response, since a
/// header missing from one error page is a page that can be framed or
/// sniffed.
fn set_security_headers(headers: &mut HeaderMap, nonce: &CspNonce) {
    // Only the app's own files and its WASM; the one inline script allowed
    // is Leptos's hydration loader, by nonce. No 'unsafe-inline' anywhere.
    let csp = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-{}'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; \
         base-uri 'none'; object-src 'none'; frame-ancestors 'none'",
        nonce.as_str()
    );
    if let Ok(csp) = HeaderValue::from_str(&csp) {
        headers.insert(CONTENT_SECURITY_POLICY, csp);
    }
    // Recovery pages may carry flow state in their URLs; never hand those
    // to another site.
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // For browsers that predate CSP's frame-ancestors.
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
}

#[cfg(test)]
mod tests;
