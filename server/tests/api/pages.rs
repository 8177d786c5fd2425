use base64::engine::general_purpose::URL_SAFE;
use base64::Engine;

use crate::helpers::{spawn_app, spawn_app_with, TestApp};

#[tokio::test]
async fn the_logon_page_is_rendered_on_the_server_with_its_form() {
    let app = spawn_app().await;
    let response = app.get("/login").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(
        html.contains(r#"<label for="login-email">Email address</label>"#),
        "{html}"
    );
    assert!(html.contains(r#"<label for="login-password">Password</label>"#));
    assert!(html.contains(">Log On</button>"));
    assert!(html.contains(">Forgot Password</a>"));
}

#[tokio::test]
async fn an_unknown_path_is_a_404_page() {
    let app = spawn_app().await;
    let response = app.get("/no/such/page").await;
    assert_eq!(response.status(), 404);
    assert!(response.text().await.unwrap().contains("Page not found"));
}

#[tokio::test]
async fn the_dev_pages_do_not_exist_outside_demo_mode() {
    let app = spawn_app().await;
    assert_eq!(app.get("/dev/policy").await.status(), 404);
}

#[tokio::test]
async fn the_dev_policy_page_exists_in_demo_mode() {
    let app = spawn_app_with(&["--demo"]).await;
    let response = app.get("/dev/policy").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"data-rule="too_short""#), "{html}");
    assert!(html.contains(r#"aria-live="polite""#));
}

/// What a forged link would make the app say in its own alert.
const ATTACKER: &str = "Your account is suspended, call 800-555-0100";

/// `page` opened from a link that claims the server function at `fn_path`
/// failed with the error `json` (how a plain form post comes back), as
/// HTML.
async fn page_with_url_error(app: &TestApp, page: &str, fn_path: &str, json: &str) -> String {
    let err = URL_SAFE.encode(json).replace('=', "%3D");
    let response = app
        .get(&format!("{page}?__path={fn_path}&__err={err}"))
        .await;
    assert_eq!(response.status(), 200, "{json}");
    response.text().await.unwrap()
}

/// The text of the page's alert, if it has one.
fn alert(html: &str) -> Option<&str> {
    let tag = html.find(r#"role="alert""#)?;
    let start = tag + html[tag..].find('>')? + 1;
    let end = start + html[start..].find('<')?;
    Some(&html[start..end])
}

#[tokio::test]
async fn a_closed_error_code_in_the_url_is_shown_on_the_logon_page() {
    let app = spawn_app().await;
    let html = page_with_url_error(&app, "/login", "/api/log_on", r#""BadCredentials""#).await;
    assert_eq!(
        alert(&html),
        Some("The email address or password is incorrect."),
        "{html}"
    );
    let html = page_with_url_error(
        &app,
        "/login",
        "/api/log_on",
        r#"{"Invalid":{"LoginTooLong":{"max":254}}}"#,
    )
    .await;
    assert_eq!(
        alert(&html),
        Some("An email address or account name has at most 254 characters."),
        "{html}"
    );
}

#[tokio::test]
async fn a_forged_link_cannot_put_its_own_text_in_the_logon_pages_alert() {
    let app = spawn_app().await;
    // Text in a variant that no longer carries any: nothing is shown.
    for json in [
        format!(r#"{{"Invalid":"{ATTACKER}"}}"#),
        format!(r#"{{"Transport":"{ATTACKER}"}}"#),
        "not json".to_owned(),
    ] {
        let html = page_with_url_error(&app, "/login", "/api/log_on", &json).await;
        assert!(!html.contains("suspended"), "{json}: {html}");
        assert_eq!(alert(&html), None, "{json}: {html}");
    }
    // Keyword and policy failures lose the parts that name text; the
    // sentence of the error itself still shows.
    for (json, sentence) in [
        (
            format!(r#"{{"Keywords":[{{"code":"too_short","keyword":"{ATTACKER}"}}]}}"#),
            "The keyword list was not saved.",
        ),
        (
            format!(
                r#"{{"Keywords":[{{"code":"duplicate","first":"{ATTACKER}","second":"x"}},
                    {{"code":"too_many","count":201,"max":200}}]}}"#
            ),
            "The keyword list was not saved: The list has 201 keywords; at most 200 are allowed.",
        ),
        (
            format!(r#"{{"Policy":[{{"code":"contains_keyword","keywords":["{ATTACKER}"]}}]}}"#),
            "The new password does not meet the password policy.",
        ),
        (
            format!(
                r#"{{"Policy":[{{"code":"contains_account","part":"{ATTACKER}"}},
                    {{"code":"invalid_chars","shown":["{ATTACKER}"]}}]}}"#
            ),
            "The new password does not meet the password policy.",
        ),
    ] {
        let html = page_with_url_error(&app, "/login", "/api/log_on", &json).await;
        assert!(!html.contains("suspended"), "{json}: {html}");
        assert_eq!(alert(&html), Some(sentence), "{json}: {html}");
    }
}

#[tokio::test]
async fn a_forged_link_cannot_put_its_own_text_on_a_forgot_password_page() {
    let app = spawn_app_with(&["--demo"]).await;
    let path = "/forgot/api/submit_address";
    let html = page_with_url_error(&app, "/forgot", path, r#""CaptchaWrong""#).await;
    assert!(
        alert(&html).is_some_and(|text| text.contains("does not match the image")),
        "{html}"
    );
    let json = format!(r#"{{"Keywords":[{{"code":"too_long","keyword":"{ATTACKER}"}}]}}"#);
    let html = page_with_url_error(&app, "/forgot", path, &json).await;
    assert!(!html.contains("suspended"), "{html}");
    assert_eq!(
        alert(&html),
        Some("The keyword list was not saved."),
        "{html}"
    );
}

/// The `lang` attribute and the logon button of `/login` as `client`
/// asks for it, with `headers`.
async fn logon_page_language(app: &TestApp, headers: &[(&str, &str)]) -> (String, bool) {
    let mut request = reqwest::Client::new().get(app.url("/login"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let html = request.send().await.unwrap().text().await.unwrap();
    let lang = html
        .split("<html lang=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_owned();
    (lang, html.contains(">登录"))
}

#[tokio::test]
async fn the_language_is_the_cookie_else_accept_language_else_english() {
    let app = spawn_app().await;
    assert_eq!(logon_page_language(&app, &[]).await, ("en".into(), false));
    assert_eq!(
        logon_page_language(&app, &[("accept-language", "zh-CN,zh;q=0.9,en;q=0.8")]).await,
        ("zh-CN".into(), true)
    );
    assert_eq!(
        logon_page_language(&app, &[("accept-language", "zh-TW, en;q=0.5")]).await,
        ("en".into(), false),
        "Traditional Chinese is not offered"
    );
    assert_eq!(
        logon_page_language(&app, &[("accept-language", "zh-CN"), ("cookie", "lang=en")]).await,
        ("en".into(), false),
        "the explicit choice beats the browser's"
    );
    assert_eq!(
        logon_page_language(&app, &[("accept-language", "en"), ("cookie", "lang=zh-CN")]).await,
        ("zh-CN".into(), true)
    );
    assert_eq!(
        logon_page_language(&app, &[("accept-language", "zh"), ("cookie", "lang=fr")]).await,
        ("zh-CN".into(), true),
        "a cookie naming no language of ours is ignored"
    );
}

#[tokio::test]
async fn choosing_a_language_keeps_it_and_goes_back_only_to_this_site() {
    let app = spawn_app().await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let choose = |lang: &'static str, back: &'static str| {
        client
            .post(app.url("/language"))
            .header("origin", &app.address)
            .form(&[("lang", lang), ("back", back)])
            .send()
    };
    let answer = choose("zh-CN", "/forgot?expired=1").await.unwrap();
    assert_eq!(answer.status(), 303);
    assert_eq!(answer.headers()["location"], "/forgot?expired=1");
    let cookie = answer.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("lang=zh-CN;"), "{cookie}");
    assert!(cookie.contains("Max-Age=31536000"), "{cookie}");
    for hostile in [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
    ] {
        let answer = choose("en", hostile).await.unwrap();
        assert_eq!(answer.headers()["location"], "/login", "{hostile}");
    }
    assert_eq!(choose("fr", "/login").await.unwrap().status(), 422);
    // From another site, nothing is set.
    let forged = client
        .post(app.url("/language"))
        .header("origin", "https://evil.example")
        .form(&[("lang", "zh-CN"), ("back", "/login")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    assert!(forged.headers().get("set-cookie").is_none());
}
