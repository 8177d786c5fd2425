//! The reset grant and the final transaction.

use app::error::UserError;

use super::*;
use crate::helpers::{spawn_demo_app, Call, EMPLOYEE_PASSWORD};

const MINUTE: i64 = 60 * 1000;

/// The grant cookie the flow's browser holds, as a `Cookie` header value.
fn grant_cookie(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("recovery_grant="))
        .and_then(|v| v.split(';').next())
        .expect("a grant cookie")
        .to_owned()
}

async fn granted(app: &TestApp) -> (Flow<'_>, String) {
    let flow = Flow::new(app);
    flow.start(LI).await;
    assert_eq!(flow.choose("questions").await.status(), 200);
    let answered = flow.answer(ANSWERS).await;
    assert_eq!(answered.status(), 200);
    let cookie = grant_cookie(&answered);
    (flow, cookie)
}

#[tokio::test]
async fn the_grant_cookie_is_httponly_strict_and_scoped_to_the_flow() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    flow.start(LI).await;
    assert_eq!(flow.choose("questions").await.status(), 200);
    let answered = flow.answer(ANSWERS).await;
    let header = answered
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("recovery_grant="))
        .expect("a grant cookie")
        .to_owned();
    for part in ["HttpOnly", "SameSite=Strict", "Path=/forgot", "Max-Age=900"] {
        assert!(header.contains(part), "{header} lacks {part}");
    }
    let token = grant_cookie(&answered);
    let token = token.trim_start_matches("recovery_grant=");
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM recovery_flows WHERE grant_hash = $1")
            .bind(token)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(stored, 0, "only a hash of the grant is stored");
}

#[tokio::test]
async fn the_grant_works_once() {
    let app = spawn_demo_app().await;
    let (flow, cookie) = granted(&app).await;
    assert_eq!(flow.reset(NEW_PASSWORD).await.status(), 200);
    let again = ResetForgottenPassword {
        new_password: secret("Second#Meadow2026"),
        confirm_password: secret("Second#Meadow2026"),
        policy_version: None,
    };
    let replay = Call::of(again)
        .post(&app, &new_client())
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(expect_error(replay, 410).await, UserError::FlowExpired);
    assert_eq!(app.log_on(LI, NEW_PASSWORD).await.status(), 200);
}

#[tokio::test]
async fn the_grant_expires_after_fifteen_minutes() {
    let app = spawn_demo_app().await;
    let (flow, _) = granted(&app).await;
    app.clock.advance(15 * MINUTE);
    assert_eq!(
        expect_error(flow.reset(NEW_PASSWORD).await, 410).await,
        UserError::FlowExpired
    );
    assert_eq!(app.log_on(LI, EMPLOYEE_PASSWORD).await.status(), 200);
}

#[tokio::test]
async fn the_policy_is_checked_again_on_the_server() {
    let app = spawn_demo_app().await;
    let (flow, _) = granted(&app).await;
    let refused = expect_error(flow.reset("Example#Meadow2026").await, 422).await;
    assert!(matches!(refused, UserError::Policy(_)), "{refused:?}");
    let mismatch = flow
        .call(ResetForgottenPassword {
            new_password: secret(NEW_PASSWORD),
            confirm_password: secret("Other#Meadow2026"),
            policy_version: None,
        })
        .await;
    assert!(matches!(
        expect_error(mismatch, 422).await,
        UserError::Policy(_)
    ));
    // Refusals do not use the grant up.
    assert_eq!(flow.reset(NEW_PASSWORD).await.status(), 200);
}

#[tokio::test]
async fn a_failure_midway_changes_nothing_and_leaves_the_grant_usable() {
    let app = spawn_demo_app().await;
    let before_notices: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notices")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let (flow, _) = granted(&app).await;
    // The last write of the transaction (the notice) cannot succeed.
    app.exec("ALTER TABLE notices RENAME TO notices_away", &[])
        .await;
    assert_eq!(
        expect_error(flow.reset(NEW_PASSWORD).await, 500).await,
        UserError::Internal
    );
    app.exec("ALTER TABLE notices_away RENAME TO notices", &[])
        .await;
    assert_eq!(app.log_on(LI, EMPLOYEE_PASSWORD).await.status(), 200);
    let used: Option<i64> =
        sqlx::query_scalar("SELECT grant_used_at FROM recovery_flows WHERE step = 'granted'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(used, None, "the grant is unused");
    let audit: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'password_recovered'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(audit, 0);
    // Once the database is whole again, the same grant finishes the job.
    assert_eq!(flow.reset(NEW_PASSWORD).await.status(), 200);
    assert_eq!(app.log_on(LI, NEW_PASSWORD).await.status(), 200);
    let after_notices: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notices")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(after_notices, before_notices + 1);
}

#[tokio::test]
async fn an_account_disabled_during_the_flow_cannot_be_reset() {
    let app = spawn_demo_app().await;
    let (flow, _) = granted(&app).await;
    app.exec(
        "UPDATE mail_accounts SET status = 'disabled' WHERE address = $1",
        &[LI],
    )
    .await;
    assert_eq!(
        expect_error(flow.reset(NEW_PASSWORD).await, 403).await,
        UserError::AccountDisabled
    );
}
