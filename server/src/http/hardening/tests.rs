//! Unit tests of the hardening middleware: origin checks, nonces, the
//! body cap.

use super::*;

use axum::body::{to_bytes, Body, Bytes, HttpBody};
use axum::extract::Request;
use axum::routing::post;
use axum::Router;
use futures::StreamExt;
use tower::ServiceExt;

#[test]
fn an_origin_is_compared_without_case_trailing_slash_or_default_port() {
    let same = |value| normalize_origin(value);
    assert_eq!(
        same("http://127.0.0.1:3000").as_deref(),
        Some("http://127.0.0.1:3000")
    );
    assert_eq!(
        same("HTTPS://Mail.Example.COM:443/").as_deref(),
        Some("https://mail.example.com")
    );
    assert_eq!(
        same("http://example.com:80").as_deref(),
        Some("http://example.com")
    );
    assert_eq!(
        same("http://example.com:").as_deref(),
        Some("http://example.com")
    );
    assert_eq!(
        same("https://example.com:80").as_deref(),
        Some("https://example.com:80")
    );
    assert_eq!(
        same("http://[::1]:3000/login?x=1").as_deref(),
        Some("http://[::1]:3000")
    );
    assert_eq!(same("http://[::1]").as_deref(), Some("http://[::1]"));
}

#[test]
fn what_is_not_an_http_origin_normalizes_to_nothing() {
    for value in [
        "null",
        "",
        "example.com",
        "ftp://example.com",
        "http://",
        "http://user:pw@example.com",
        "http://example.com:99999",
        "http://example.com:80x",
        "http://[::1",
    ] {
        assert_eq!(normalize_origin(value), None, "{value:?}");
    }
}

fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(*name, HeaderValue::from_static(value));
    }
    map
}

#[test]
fn a_foreign_origin_is_refused_whatever_else_the_request_says() {
    let configured = "http://127.0.0.1:3000/";
    assert!(comes_from_origin(
        configured,
        &headers(&[("origin", "http://127.0.0.1:3000")])
    ));
    assert!(!comes_from_origin(
        configured,
        &headers(&[
            ("origin", "http://evil.example"),
            ("referer", "http://127.0.0.1:3000/login"),
            ("sec-fetch-site", "same-origin"),
        ])
    ));
    assert!(!comes_from_origin(
        configured,
        &headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("origin", "http://evil.example")
        ])
    ));
}

#[test]
fn a_withheld_origin_falls_back_to_referer_then_fetch_metadata() {
    let configured = "http://127.0.0.1:3000";
    assert!(comes_from_origin(
        configured,
        &headers(&[("referer", "http://127.0.0.1:3000/login")])
    ));
    assert!(!comes_from_origin(
        configured,
        &headers(&[("referer", "http://127.0.0.1:3001/login")])
    ));
    assert!(comes_from_origin(
        configured,
        &headers(&[("origin", "null"), ("sec-fetch-site", "same-origin")])
    ));
    assert!(!comes_from_origin(
        configured,
        &headers(&[("origin", "null"), ("sec-fetch-site", "same-site")])
    ));
    assert!(!comes_from_origin(
        configured,
        &headers(&[("origin", "null")])
    ));
    assert!(!comes_from_origin(configured, &headers(&[])));
}

#[test]
fn a_misconfigured_public_origin_refuses_rather_than_guesses() {
    assert!(!comes_from_origin(
        "localhost:3000",
        &headers(&[("origin", "http://localhost:3000")])
    ));
}

#[test]
fn nonces_are_fresh_and_128_bits() {
    let (a, b) = (CspNonce::generate(), CspNonce::generate());
    assert_eq!(a.as_str().len(), 32);
    assert!(a.as_str().bytes().all(|b| b.is_ascii_hexdigit()));
    assert_ne!(a.as_str(), b.as_str());
}

fn echo_length() -> Router {
    Router::new()
        .route(
            "/",
            post(|body: Bytes| async move { body.len().to_string() }),
        )
        .layer(axum::middleware::from_fn(super::read_body))
}

async fn post_unsized(bytes: usize) -> (StatusCode, String) {
    // Re-wrapping a body as a stream forgets its length, like a chunked
    // upload, so the cap has to count it.
    let body = Body::from_stream(Body::from(vec![b'a'; bytes]).into_data_stream());
    assert_eq!(body.size_hint().upper(), None);
    let request = Request::post("/").body(body).expect("request builds");
    let response = echo_length().oneshot(request).await.expect("infallible");
    let status = response.status();
    let text = to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body reads");
    (status, String::from_utf8_lossy(&text).into_owned())
}

#[tokio::test]
async fn a_body_of_unknown_length_within_the_cap_arrives_whole() {
    assert_eq!(
        post_unsized(BODY_LIMIT_BYTES).await,
        (StatusCode::OK, BODY_LIMIT_BYTES.to_string())
    );
}

#[tokio::test]
async fn a_body_of_unknown_length_over_the_cap_is_refused() {
    assert_eq!(
        post_unsized(BODY_LIMIT_BYTES + 1).await,
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            super::body::BODY_TOO_LARGE.to_owned()
        )
    );
}

#[tokio::test(start_paused = true)]
async fn a_body_that_stops_arriving_is_cut_with_408_and_the_connection_closed() {
    // The head is in; one byte of the body comes, then nothing.
    let trickle = futures::stream::iter([Ok::<_, std::io::Error>(Bytes::from_static(b"a"))])
        .chain(futures::stream::pending());
    let request = Request::post("/")
        .body(Body::from_stream(trickle))
        .expect("request builds");
    let response = echo_length().oneshot(request).await.expect("infallible");
    assert_eq!(response.status(), StatusCode::REQUEST_TIMEOUT);
    assert_eq!(response.headers()["connection"], "close");
}

#[test]
fn only_content_named_built_files_are_kept_for_a_year() {
    use super::asset_caching;
    let year = "public, max-age=31536000, immutable";
    assert_eq!(
        asset_caching("/pkg/recovery.hY3pX0mbt0hgRJcFkYuWpw.wasm"),
        year
    );
    assert_eq!(
        asset_caching("/pkg/recovery.Ab-_0123456789abcdefgh.css"),
        year
    );
    assert_eq!(asset_caching("/pkg/recovery.wasm"), "no-cache");
    assert_eq!(
        asset_caching("/pkg/__wasm_split.______________________.js"),
        "no-cache"
    );
    assert_eq!(
        asset_caching("/pkg/a/recovery.hY3pX0mbt0hgRJcFkYuWpw.js"),
        "no-cache"
    );
    for page in [
        "/login",
        "/forgot",
        "/api/me",
        "/pkgx/recovery.hY3pX0mbt0hgRJcFkYuWpw.js",
    ] {
        assert_eq!(asset_caching(page), "no-store", "{page}");
    }
}
