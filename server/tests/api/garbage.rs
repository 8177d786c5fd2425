//! Garbage posted to every server function, as every role, in both the
//! JSON-answering path (the hydrated app) and the plain form path (no
//! JavaScript): a missing, repeated, oversized or malformed field is the
//! caller's fault and answers 4xx, never 5xx.

use crate::helpers::Browser;
use crate::helpers::{
    new_client, spawn_demo_app, TestApp, CONSOLE_PASSWORD, EMPLOYEE_PASSWORD, POSTMASTER_PASSWORD,
};

/// Every field name a form of this app sends, each twice with different
/// values: whatever a function reads, it finds a repeat.
const FIELDS: &[&str] = &[
    "email",
    "password",
    "account_name",
    "id",
    "enabled",
    "new_password",
    "confirm_password",
    "current_password",
    "must_change",
    "flow",
    "code",
    "answer",
    "method",
    "phone",
    "name",
    "keywords",
    "methods",
    "lang",
    "captcha",
    "question",
    "answers",
    "domain",
    "back",
    "token",
    "setup_required",
    "reconfirm_days",
    "phone_cooldown_hours",
];

/// The bodies a hostile caller sends, with their content types.
fn garbage() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let form = "application/x-www-form-urlencoded";
    let repeated: String = FIELDS
        .iter()
        .map(|field| format!("{field}=a&{field}=b"))
        .collect::<Vec<_>>()
        .join("&");
    let oversized: String = FIELDS
        .iter()
        .map(|field| format!("{field}={}", "x".repeat(2 * 1024)))
        .collect::<Vec<_>>()
        .join("&");
    let mistyped: String = FIELDS
        .iter()
        .map(|field| format!("{field}[x][y]=1&{field}%00=%ff%fe"))
        .collect::<Vec<_>>()
        .join("&");
    vec![
        ("missing fields", form, Vec::new()),
        ("repeated fields", form, repeated.into_bytes()),
        ("oversized fields", form, oversized.into_bytes()),
        ("mistyped fields", form, mistyped.into_bytes()),
        (
            "broken encoding",
            form,
            b"%%%&&==&=%zz&enabled=maybe".to_vec(),
        ),
        (
            "binary",
            form,
            vec![0xff, 0x00, 0xfe, 0x80, 0x0a, 0x26, 0x3d],
        ),
        (
            "JSON to a form",
            "application/json",
            br#"{"email":[1,2],"#.to_vec(),
        ),
        ("no content type", "", b"email=a".to_vec()),
    ]
}

/// A client signed in as the role, or an anonymous one.
async fn as_role(app: &TestApp, role: &str) -> Browser {
    match role {
        "anonymous" => new_client(),
        "employee" => {
            app.signed_in_client("zhang.san@example.com", EMPLOYEE_PASSWORD)
                .await
        }
        "postmaster" => {
            app.signed_in_client("postmaster@example.org", POSTMASTER_PASSWORD)
                .await
        }
        _ => {
            app.console_signed_in_client("owner", CONSOLE_PASSWORD)
                .await
        }
    }
}

/// Posts every garbage body to every server function as `role`; what was
/// answered 5xx.
async fn server_errors(app: &TestApp, role: &str, paths: &[String]) -> Vec<String> {
    let client = as_role(app, role).await;
    let mut errors = Vec::new();
    for path in paths {
        for (what, content_type, body) in garbage() {
            // The hydrated app's call, then a plain form's (no JavaScript).
            for accept in ["application/json", "text/html"] {
                let mut request = client
                    .post(app.url(path))
                    .header("origin", &app.address)
                    .header("accept", accept)
                    .body(body.clone());
                if !content_type.is_empty() {
                    request = request.header("content-type", content_type);
                }
                let status = request.send().await.expect("an answer").status();
                if status.is_server_error() {
                    errors.push(format!("{role} {path} {what} ({accept}): {status}"));
                }
            }
        }
    }
    errors
}

#[tokio::test]
async fn no_garbage_sent_to_any_server_function_by_any_role_answers_5xx() {
    let app = spawn_demo_app().await;
    // Every server function the app registers; logging out last, so each
    // role stays signed in while the others are tried.
    let mut paths: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    paths.sort_by_key(|path| (path.contains("log_out"), path.clone()));
    // 29 server functions: a registry that lost them would test nothing.
    assert!(paths.len() >= 29, "{paths:?}");
    let mut errors = Vec::new();
    for role in ["anonymous", "employee", "postmaster", "console owner"] {
        errors.extend(server_errors(&app, role, &paths).await);
    }
    assert!(
        errors.is_empty(),
        "{} of {} answered 5xx:\n{}",
        errors.len(),
        paths.len() * garbage().len() * 2 * 4,
        errors.join("\n")
    );
}

#[tokio::test]
async fn a_missing_field_is_a_400_with_a_closed_code_in_both_paths() {
    let app = spawn_demo_app().await;
    let json = app
        .post_form(
            &app.client,
            "/api/log_on",
            &[("email", "zhang.san@example.com")],
        )
        .await;
    assert_eq!(json.status(), 400);
    assert_eq!(
        crate::helpers::user_error(json).await,
        app::error::UserError::BadRequest
    );
    let plain = app
        .client
        .post(app.url("/api/log_on"))
        .header("origin", &app.address)
        .header("accept", "text/html")
        .form(&[("email", "zhang.san@example.com"), ("email", "again")])
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), 400);
}

#[tokio::test]
async fn what_a_page_reads_while_it_renders_is_no_endpoint() {
    let app = spawn_demo_app().await;
    let postmaster = app
        .signed_in_client("postmaster@example.com", POSTMASTER_PASSWORD)
        .await;
    let registered: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    for read in [
        "/api/me",
        "/api/me_for_password_change",
        "/api/console_me",
        "/api/load_password_context",
        "/api/admin_home",
        "/api/list_employees",
        "/api/load_overview",
        "/api/bulk_selection",
        "/api/list_departments",
        "/api/load_account",
        "/api/account_password_context",
        "/api/load_domain_policy",
        "/api/audit_log",
        "/api/load_security_setup",
        "/api/load_managed_domain",
        "/api/postmaster_password_context",
        "/api/console_password_context",
        "/forgot/api/state",
    ] {
        assert!(!registered.iter().any(|path| path == read), "{read}");
        let answer = postmaster
            .post(app.url(read))
            .header("origin", &app.address)
            .form(&[("page", "1"), ("id", "x")])
            .send()
            .await
            .expect("an answer");
        assert_eq!(answer.status(), 404, "{read}");
        let kind = answer.headers().get("content-type");
        let kind = kind.and_then(|v| v.to_str().ok()).unwrap_or_default();
        assert!(!kind.starts_with("application/json"), "{read}: {kind}");
    }
}
