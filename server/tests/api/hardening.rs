//! The web hardening every response and state-changing request gets: the
//! same-origin gate, the body cap, and the security headers with the CSP
//! nonce that must match the page's inline scripts.

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{spawn_app, spawn_app_with, spawn_demo_app, TestApp};

const REFUSED: &str = "Cross-origin request refused.";

/// `/login` only answers GET, so a POST that passes the gate gets 405;
/// anything but 403 proves the gate let it through.
async fn post_login(app: &TestApp, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url("/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("email=a%40example.com");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("request is sent")
}

fn header<'r>(response: &'r reqwest::Response, name: &str) -> &'r str {
    response
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("{name} header"))
        .to_str()
        .expect("header is text")
}

/// The nonce the CSP header allows scripts by.
fn csp_nonce(csp: &str) -> String {
    let start = csp.find("'nonce-").expect("a nonce source in the CSP") + "'nonce-".len();
    let end = start + csp[start..].find('\'').expect("the nonce source ends");
    csp[start..end].to_owned()
}

/// Every `<script …>` opening tag in the page.
fn script_tags(html: &str) -> Vec<&str> {
    html.match_indices("<script")
        .map(|(start, _)| {
            let end = start + html[start..].find('>').expect("the tag closes");
            &html[start..=end]
        })
        .collect()
}

/// Every value of a `nonce="…"` attribute in the page.
fn nonce_attributes(html: &str) -> Vec<&str> {
    html.match_indices(" nonce=\"")
        .map(|(start, found)| {
            let value = &html[start + found.len()..];
            &value[..value.find('"').expect("the attribute closes")]
        })
        .collect()
}

fn assert_security_headers(response: &reqwest::Response) -> String {
    let csp = header(response, "content-security-policy");
    let nonce = csp_nonce(csp);
    assert_eq!(
        csp,
        format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-{nonce}'; \
             style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; \
             base-uri 'none'; object-src 'none'; frame-ancestors 'none'"
        )
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(header(response, "referrer-policy"), "no-referrer");
    assert_eq!(header(response, "x-content-type-options"), "nosniff");
    assert_eq!(header(response, "x-frame-options"), "DENY");
    nonce
}

/// The page's inline scripts all carry the header's nonce, and no other
/// nonce appears anywhere in it.
fn assert_scripts_carry(html: &str, nonce: &str) {
    let scripts = script_tags(html);
    assert!(
        !scripts.is_empty(),
        "the page has its hydration script: {html}"
    );
    for tag in scripts {
        assert!(
            tag.contains(&format!(" nonce=\"{nonce}\"")),
            "{tag} lacks nonce {nonce}"
        );
    }
    let attributes = nonce_attributes(html);
    assert!(!attributes.is_empty());
    assert!(
        attributes.iter().all(|value| *value == nonce),
        "{attributes:?} vs {nonce}"
    );
}

#[tokio::test]
async fn a_post_without_an_origin_is_refused_with_403() {
    let app = spawn_app().await;
    let response = post_login(&app, &[]).await;
    assert_eq!(response.status(), 403);
    assert_security_headers(&response);
    assert_eq!(response.text().await.unwrap(), REFUSED);
}

#[tokio::test]
async fn a_post_from_a_foreign_origin_is_refused() {
    let app = spawn_app().await;
    let response = post_login(&app, &[("origin", "http://evil.example")]).await;
    assert_eq!(response.status(), 403);
    assert_eq!(response.text().await.unwrap(), REFUSED);
}

#[tokio::test]
async fn a_post_from_another_port_of_the_same_host_is_refused() {
    let app = spawn_app().await;
    let response = post_login(&app, &[("origin", "http://127.0.0.1:1")]).await;
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn a_post_from_the_apps_own_origin_passes_the_gate() {
    let app = spawn_app().await;
    let response = post_login(&app, &[("origin", &app.address)]).await;
    assert_ne!(response.status(), 403);
    assert_eq!(
        response.status(),
        405,
        "reached the router, which has no POST /login"
    );
}

#[tokio::test]
async fn a_post_to_a_server_function_path_with_the_right_origin_passes_the_gate() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/no_such_function"))
        .header("origin", &app.address)
        .body("")
        .send()
        .await
        .unwrap();
    assert_ne!(response.status(), 403);
}

#[tokio::test]
async fn a_server_function_call_without_an_origin_is_refused() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/log_on"))
        .form(&[("email", "a@example.com"), ("password", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn a_same_origin_referer_is_accepted_when_the_origin_is_absent() {
    let app = spawn_app().await;
    let referer = app.url("/login?from=test");
    let response = post_login(&app, &[("referer", &referer)]).await;
    assert_ne!(response.status(), 403);
}

#[tokio::test]
async fn a_foreign_referer_is_refused_when_the_origin_is_absent() {
    let app = spawn_app().await;
    let response = post_login(&app, &[("referer", "http://evil.example/login")]).await;
    assert_eq!(response.status(), 403);
}

/// Under `Referrer-Policy: no-referrer`, browsers send `Origin: null` and no
/// Referer on a plain form POST, so the no-JavaScript forms rely on Fetch
/// Metadata.
#[tokio::test]
async fn a_form_post_whose_origin_the_browser_withheld_passes_on_fetch_metadata() {
    let app = spawn_app().await;
    let response = post_login(
        &app,
        &[("origin", "null"), ("sec-fetch-site", "same-origin")],
    )
    .await;
    assert_ne!(response.status(), 403);
}

#[tokio::test]
async fn a_null_origin_from_another_site_is_refused() {
    let app = spawn_app().await;
    assert_eq!(post_login(&app, &[("origin", "null")]).await.status(), 403);
    let response = post_login(
        &app,
        &[("origin", "null"), ("sec-fetch-site", "cross-site")],
    )
    .await;
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn fetch_metadata_never_overrules_a_foreign_origin() {
    let app = spawn_app().await;
    let response = post_login(
        &app,
        &[
            ("origin", "http://evil.example"),
            ("sec-fetch-site", "same-origin"),
        ],
    )
    .await;
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn a_configured_origin_matches_regardless_of_case_slash_and_default_port() {
    let app = spawn_app_with(&["--public-origin", "HTTPS://Mail.Example.com:443/"]).await;
    let response = post_login(&app, &[("origin", "https://mail.example.com")]).await;
    assert_ne!(response.status(), 403);
    // The bind address is not the public origin any more.
    let response = post_login(&app, &[("origin", &app.address)]).await;
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn the_logon_page_carries_the_security_headers_and_its_scripts_the_same_nonce() {
    let app = spawn_app().await;
    let response = app.get("/login").await;
    assert_eq!(response.status(), 200);
    let nonce = assert_security_headers(&response);
    assert_eq!(nonce.len(), 32, "128 bits, hex");
    let html = response.text().await.unwrap();
    assert_scripts_carry(&html, &nonce);
}

#[tokio::test]
async fn the_not_found_page_scripts_carry_the_headers_nonce_too() {
    let app = spawn_app().await;
    let response = app.get("/no/such/page").await;
    assert_eq!(response.status(), 404);
    let nonce = assert_security_headers(&response);
    assert_scripts_carry(&response.text().await.unwrap(), &nonce);
}

#[tokio::test]
async fn every_response_gets_a_fresh_nonce() {
    let app = spawn_app().await;
    let first = csp_nonce(header(&app.get("/login").await, "content-security-policy"));
    let second = csp_nonce(header(&app.get("/login").await, "content-security-policy"));
    assert_ne!(first, second);
}

#[tokio::test]
async fn healthz_also_carries_nosniff_and_the_csp() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200, "GET needs no Origin");
    assert_security_headers(&response);
}

#[tokio::test]
async fn a_70_kib_body_with_a_valid_origin_is_refused_with_413() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/log_on"))
        .header("origin", &app.address)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'a'; 70 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert_security_headers(&response);
    assert_eq!(
        response.text().await.unwrap(),
        "Request body too large (limit 64 KiB)."
    );
}

#[tokio::test]
async fn a_body_at_the_cap_is_let_through() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/login"))
        .header("origin", &app.address)
        .body(vec![b'a'; 64 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405, "reached the router");
}

#[tokio::test]
async fn a_70_kib_chunked_body_without_a_length_is_refused_with_413_too() {
    let app = spawn_app().await;
    let host = app.address.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let head = format!(
        "POST /api/log_on HTTP/1.1\r\nHost: {host}\r\nOrigin: {}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        app.address
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    // Seventy 1 KiB chunks; the cap can only be noticed by counting.
    let chunk = format!("400\r\n{}\r\n", "a".repeat(1024));
    for _ in 0..70 {
        if stream.write_all(chunk.as_bytes()).await.is_err() {
            break; // the server answered and closed early: fine
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n").await;
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(
        answer.ends_with("Request body too large (limit 64 KiB)."),
        "{answer}"
    );
}

#[tokio::test]
async fn pages_and_server_function_answers_are_compressed_for_browsers_that_accept_it() {
    let app = spawn_app().await;
    for encoding in ["br", "gzip"] {
        let page = app
            .client
            .get(app.url("/login"))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        assert_eq!(header(&page, "content-encoding"), encoding);
        assert!(header(&page, "vary").contains("accept-encoding"));
        assert_eq!(header(&page, "cache-control"), "no-store");
        let compressed = page.bytes().await.unwrap().len();
        let plain = app.client.get(app.url("/login")).send().await.unwrap();
        assert!(plain.headers().get("content-encoding").is_none());
        let plain = plain.bytes().await.unwrap().len();
        assert!(
            compressed * 2 < plain,
            "{encoding}: {compressed} of {plain} B"
        );
    }
    // A server function's JSON answer, too (a refusal naming every rule
    // the new password fails).
    let app = spawn_demo_app().await;
    assert_eq!(
        app.log_on("zhang.san@example.com", "Employee#2026")
            .await
            .status(),
        200
    );
    let answer = app
        .client
        .post(app.url("/api/change_password"))
        .header("origin", &app.address)
        .header("accept-encoding", "br")
        .form(&[
            ("current_password", "Employee#2026"),
            ("new_password", "a"),
            ("confirm_password", "b"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 422);
    assert_eq!(header(&answer, "content-encoding"), "br");
    assert_eq!(header(&answer, "cache-control"), "no-store");
}
