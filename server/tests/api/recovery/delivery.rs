//! SMS delivery: queued in the database, sent by a worker off the request
//! path, by the outbox or the webhook sender; codes that expire on the way
//! are dropped, and nothing undelivered keeps its text.

use crate::helpers::secret;
use app::admin::api::ResetPassword;
use app::auth::api::ConsoleLogOn;
use app::console::api::ResetPostmasterPassword;
use app::recovery::api::ResendCode;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use services::infra::clock::MINUTE;
use tokio::sync::Notify;

use super::*;
use crate::helpers::{spawn_app_with, spawn_demo_app, CONSOLE_PASSWORD, POSTMASTER_PASSWORD};

/// What the gateway was sent: the Authorization header and the body.
type Received = Vec<(Option<String>, serde_json::Value)>;

#[derive(Clone, Default)]
struct Gateway {
    received: Arc<Mutex<Received>>,
    /// Answers 500 to this many requests first.
    failures: Arc<Mutex<usize>>,
    /// When set, every request waits for it before answering.
    hold: Option<Arc<Notify>>,
}

async fn gateway_sms(
    State(gateway): State<Gateway>,
    headers: HeaderMap,
    Json(body): Json<serde_json::Value>,
) -> StatusCode {
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    gateway.received.lock().unwrap().push((auth, body));
    if let Some(hold) = &gateway.hold {
        hold.notified().await;
    }
    let mut failures = gateway.failures.lock().unwrap();
    if *failures > 0 {
        *failures -= 1;
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::OK
    }
}

async fn start_gateway(gateway: Gateway) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Router::new()
        .route("/sms", post(gateway_sms))
        .with_state(gateway);
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}/sms")
}

async fn webhook_app(url: &str) -> TestApp {
    spawn_app_with(&[
        "--demo",
        "--sms-sender",
        "webhook",
        "--sms-webhook-url",
        url,
        "--sms-webhook-token",
        "gateway-token",
    ])
    .await
}

async fn wait_for(gateway: &Gateway, count: usize) {
    for _ in 0..200 {
        if gateway.received.lock().unwrap().len() >= count {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the gateway got fewer than {count} requests");
}

async fn status_of_sms(app: &TestApp) -> (String, i64) {
    let row: (String, i64) = sqlx::query_as("SELECT status, attempts FROM sms_messages")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    row
}

#[tokio::test]
async fn the_webhook_gets_json_with_the_bearer_token_and_failures_are_retried() {
    let gateway = Gateway {
        failures: Arc::new(Mutex::new(1)),
        ..Gateway::default()
    };
    let url = start_gateway(gateway.clone()).await;
    let app = webhook_app(&url).await;
    let flow = Flow::new(&app);
    flow.start(ZHANG).await;
    assert_eq!(flow.choose("sms").await.status(), 200);
    wait_for(&gateway, 1).await;
    // The first try failed; the retry waits out its backoff (2 s).
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(status_of_sms(&app).await, ("queued".to_owned(), 1));
    app.clock.advance(3 * 1000);
    wait_for(&gateway, 2).await;
    let received = gateway.received.lock().unwrap().clone();
    let (auth, body) = &received[1];
    assert_eq!(auth.as_deref(), Some("Bearer gateway-token"));
    assert_eq!(body["to"], ZHANG_PHONE);
    let text = body["text"].as_str().unwrap();
    let code = code_in(text);
    assert_eq!(body.as_object().unwrap().len(), 2, "just to and text");
    for _ in 0..100 {
        if status_of_sms(&app).await.0 == "sent" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_eq!(status_of_sms(&app).await, ("sent".to_owned(), 2));
    let kept: String = sqlx::query_scalar("SELECT text FROM sms_messages")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        kept, "",
        "the gateway has the code; the database does not keep it"
    );
    assert_eq!(flow.verify(&code).await.status(), 200);
}

#[tokio::test]
async fn the_answer_never_waits_for_the_gateway() {
    let hold = Arc::new(Notify::new());
    let gateway = Gateway {
        hold: Some(hold.clone()),
        ..Gateway::default()
    };
    let url = start_gateway(gateway.clone()).await;
    let app = webhook_app(&url).await;
    let flow = Flow::new(&app);
    flow.start(ZHANG).await;
    // The gateway does not answer until told to, yet the step completes.
    assert_eq!(flow.choose("sms").await.status(), 200);
    wait_for(&gateway, 1).await;
    assert_eq!(status_of_sms(&app).await.0, "queued");
    hold.notify_waiters();
}

#[tokio::test]
async fn webhook_without_a_url_refuses_to_start() {
    let cli = <services::config::Cli as clap::Parser>::try_parse_from([
        "server",
        "--bind",
        "127.0.0.1:0",
        "--sms-sender",
        "webhook",
    ])
    .unwrap();
    let err = services::infra::sms::sender_from_config(&cli.serve)
        .err()
        .expect("refused")
        .to_string();
    assert!(err.contains("--sms-webhook-url"), "{err}");
}

#[tokio::test]
async fn the_outbox_lists_messages_newest_first() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    flow.start(ZHANG).await;
    assert_eq!(flow.choose("sms").await.status(), 200);
    app.clock.advance(60 * 1000);
    assert_eq!(flow.call(ResendCode {}).await.status(), 200);
    let messages = outbox(&app).await;
    assert_eq!(messages.len(), 2);
    let raw: serde_json::Value = app.get("/dev/outbox").await.json().await.unwrap();
    let first = raw[0].as_object().unwrap();
    assert_eq!(
        first.keys().map(String::as_str).collect::<Vec<_>>(),
        ["at", "text", "to"]
    );
    assert!(messages[0].at > messages[1].at, "newest first");
}

#[tokio::test]
async fn administrator_resets_notify_the_secure_phone() {
    let app = spawn_demo_app().await;
    // Scenario 1: the postmaster resets zhang.san.
    assert_eq!(
        app.log_on("postmaster@example.com", POSTMASTER_PASSWORD)
            .await
            .status(),
        200
    );
    let id: String = sqlx::query_scalar("SELECT id FROM mail_accounts WHERE address = $1")
        .bind(ZHANG)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let before = sms_count(&app, ZHANG_PHONE).await;
    let reset = app
        .call(ResetPassword {
            id: (id.as_str()).to_string(),
            new_password: secret(NEW_PASSWORD),
            confirm_password: secret(NEW_PASSWORD),
            policy_version: None,
            must_change: None,
        })
        .await;
    assert_eq!(reset.status(), 200, "{}", reset.text().await.unwrap());
    let text = next_sms(&app, ZHANG_PHONE, before).await;
    assert!(text.contains("Your administrator reset"), "{text}");

    // Scenario 3: the cloud account owner resets postmaster@example.com.
    let console = new_client();
    let logged_on = app
        .call_with(
            &console,
            ConsoleLogOn {
                account_name: "owner".into(),
                password: secret(CONSOLE_PASSWORD),
            },
        )
        .await;
    assert_eq!(logged_on.status(), 200);
    let domain: String = sqlx::query_scalar("SELECT id FROM domains WHERE name = 'example.com'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let before = sms_count(&app, "+8613800138000").await;
    let reset = app
        .call_with(
            &console,
            ResetPostmasterPassword {
                id: (domain.as_str()).to_string(),
                new_password: secret("Tide#Lantern55"),
                confirm_password: secret("Tide#Lantern55"),
                policy_version: None,
                must_change: None,
            },
        )
        .await;
    assert_eq!(reset.status(), 200, "{}", reset.text().await.unwrap());
    let text = next_sms(&app, "+8613800138000", before).await;
    assert!(text.contains("postmaster password was reset"), "{text}");
}

/// Waits until the only message has been tried `attempts` times.
async fn wait_for_attempts(app: &TestApp, attempts: i64) -> String {
    for _ in 0..200 {
        let (status, tried) = status_of_sms(app).await;
        if tried >= attempts {
            return status;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the SMS was not tried {attempts} times");
}

async fn wait_for_status(app: &TestApp, status: &str) {
    for _ in 0..200 {
        if status_of_sms(app).await.0 == status {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_eq!(status_of_sms(app).await.0, status);
}

/// Text, last error, creation and expiry times of the only message.
async fn stored_sms(app: &TestApp) -> (String, Option<String>, i64, Option<i64>) {
    sqlx::query_as("SELECT text, last_error, created_at, expires_at FROM sms_messages")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// A webhook app whose gateway refuses every message, with a Forgot
/// Password code for zhang.san queued.
async fn code_queued_while_the_gateway_is_down() -> (Gateway, TestApp) {
    let gateway = Gateway {
        failures: Arc::new(Mutex::new(usize::MAX)),
        ..Gateway::default()
    };
    let url = start_gateway(gateway.clone()).await;
    let app = webhook_app(&url).await;
    let flow = Flow::new(&app);
    flow.start(ZHANG).await;
    assert_eq!(flow.choose("sms").await.status(), 200);
    (gateway, app)
}

#[tokio::test]
async fn a_code_that_expires_before_delivery_is_dropped_unsent() {
    // The gateway is down...
    let (gateway, app) = code_queued_while_the_gateway_is_down().await;
    assert_eq!(wait_for_attempts(&app, 1).await, "queued");
    let (text, _, created_at, expires_at) = stored_sms(&app).await;
    assert!(text.contains("reset code"), "{text}");
    assert_eq!(
        expires_at,
        Some(created_at + 10 * MINUTE),
        "the code's expiry"
    );
    // ...and comes back only once the code has expired.
    *gateway.failures.lock().unwrap() = 0;
    app.clock.advance(10 * MINUTE);
    wait_for_status(&app, "expired").await;
    let (text, _, _, _) = stored_sms(&app).await;
    assert_eq!(text, "", "an expired code is not kept");
    // Later rounds leave it alone too.
    app.clock.advance(10 * MINUTE);
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(status_of_sms(&app).await, ("expired".to_owned(), 1));
    assert_eq!(
        gateway.received.lock().unwrap().len(),
        1,
        "the gateway only ever saw the attempt it refused"
    );
}

#[tokio::test]
async fn a_message_that_fails_for_good_keeps_no_text() {
    let (_, app) = code_queued_while_the_gateway_is_down().await;
    // Each retry as soon as its backoff allows: all within the code's life.
    for attempts in 1..services::infra::sms::MAX_ATTEMPTS {
        assert_eq!(wait_for_attempts(&app, attempts).await, "queued");
        app.clock
            .advance(services::infra::sms::backoff(attempts - 1));
    }
    wait_for_status(&app, "failed").await;
    assert_eq!(
        status_of_sms(&app).await,
        ("failed".to_owned(), services::infra::sms::MAX_ATTEMPTS)
    );
    let (text, error, _, _) = stored_sms(&app).await;
    assert_eq!(text, "", "a failed message is not kept");
    let error = error.expect("the last error is kept");
    assert!(error.contains("500"), "{error}");
    assert!(!error.contains("/sms"), "no URL path in {error}");
}

#[tokio::test]
async fn the_stored_error_names_the_gateway_without_its_path_or_key() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    }; // closed again: nothing listens there
    let app = webhook_app(&format!("http://127.0.0.1:{port}/send?key=SECRET123")).await;
    let flow = Flow::new(&app);
    flow.start(ZHANG).await;
    assert_eq!(flow.choose("sms").await.status(), 200);
    assert_eq!(wait_for_attempts(&app, 1).await, "queued");
    let (_, error, _, _) = stored_sms(&app).await;
    let error = error.expect("the error is kept");
    assert!(
        error.contains(&format!("http://127.0.0.1:{port}")),
        "{error}"
    );
    for secret in ["SECRET123", "/send", "key=", "gateway-token"] {
        assert!(!error.contains(secret), "{secret} in {error}");
    }
}

#[tokio::test]
async fn notices_never_expire() {
    let app = spawn_demo_app().await;
    assert_eq!(
        app.log_on("postmaster@example.com", POSTMASTER_PASSWORD)
            .await
            .status(),
        200
    );
    let id = crate::admin::account_id(&app, ZHANG).await;
    let reset = app
        .call(ResetPassword {
            id: (id.as_str()).to_string(),
            new_password: secret(NEW_PASSWORD),
            confirm_password: secret(NEW_PASSWORD),
            policy_version: None,
            must_change: None,
        })
        .await;
    assert_eq!(reset.status(), 200);
    let expiry: Option<i64> = sqlx::query_scalar("SELECT expires_at FROM sms_messages")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(expiry, None);
}
