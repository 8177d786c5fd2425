//! Bad input is refused before it costs or stores anything.

use app::error::UserError;

use super::judged_failures;
use crate::helpers::{spawn_demo_app, user_error, EMPLOYEE_PASSWORD};

async fn rows(app: &crate::helpers::TestApp, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&app.db.pool)
        .await
        .expect("count rows")
}

#[tokio::test]
async fn an_address_over_254_characters_is_refused_before_anything_is_stored() {
    let app = spawn_demo_app().await;
    let audit_before = rows(&app, "audit_events").await;
    let huge = format!("{}@example.com", "a".repeat(60 * 1024));
    let response = app.log_on(&huge, "Wrong#Pass2026").await;
    assert_eq!(response.status(), 422);
    assert!(matches!(user_error(response).await, UserError::Invalid(_)));
    let just_over = format!("{}@example.com", "a".repeat(255 - 12));
    assert_eq!(app.log_on(&just_over, "Wrong#Pass2026").await.status(), 422);
    assert_eq!(rows(&app, "counters").await, 0);
    assert_eq!(rows(&app, "audit_events").await, audit_before);
    // 254 is still an address (judged, wrong).
    let longest = format!("{}@example.com", "a".repeat(254 - 12));
    assert_eq!(app.log_on(&longest, "Wrong#Pass2026").await.status(), 401);
    assert_eq!(judged_failures(&app, &longest).await, 1);
}

#[tokio::test]
async fn a_disabled_account_answers_a_right_and_a_wrong_password_alike() {
    let app = spawn_demo_app().await;
    app.exec(
        "UPDATE mail_accounts SET status = 'disabled' WHERE address = $1",
        &["wang.wu@example.com"],
    )
    .await;
    let right = app.log_on("wang.wu@example.com", EMPLOYEE_PASSWORD).await;
    let wrong = app.log_on("wang.wu@example.com", "Wrong#Pass2026").await;
    assert_eq!(right.status(), wrong.status());
    assert!(right.headers().get("set-cookie").is_none());
    assert_eq!(user_error(right).await, user_error(wrong).await);
}
