//! SMS codes: 5 tries, 10 minutes, resend after 60 s, hourly caps.

use app::error::UserError;
use app::recovery::api::ResendCode;
use app::recovery::RecoveryView;

use super::*;
use crate::helpers::{spawn_app_with, spawn_demo_app};

const MINUTE: i64 = 60 * 1000;

/// A code that is not `code` (and has six digits).
fn other_than(code: &str) -> String {
    let n: u32 = code.parse().unwrap();
    format!("{:06}", (n + 1) % 1_000_000)
}

#[tokio::test]
async fn five_wrong_codes_kill_the_code() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    let code = flow.code_by_sms(ZHANG, ZHANG_PHONE).await;
    let wrong = other_than(&code);
    for tries_left in (1..=4).rev() {
        assert_eq!(
            expect_error(flow.verify(&wrong).await, 422).await,
            UserError::CodeWrong { tries_left }
        );
    }
    assert_eq!(
        expect_error(flow.verify(&wrong).await, 422).await,
        UserError::CodeDead
    );
    assert_eq!(
        expect_error(flow.verify(&code).await, 422).await,
        UserError::CodeDead,
        "the right code is dead too"
    );
}

#[tokio::test]
async fn a_malformed_code_is_refused_without_using_a_try() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    let code = flow.code_by_sms(ZHANG, ZHANG_PHONE).await;
    for _ in 0..6 {
        assert!(matches!(
            expect_error(flow.verify("12ab").await, 422).await,
            UserError::Invalid(_)
        ));
    }
    assert_eq!(flow.verify(&code).await.status(), 200);
}

#[tokio::test]
async fn a_code_expires_after_ten_minutes() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    let code = flow.code_by_sms(ZHANG, ZHANG_PHONE).await;
    app.clock.advance(10 * MINUTE);
    assert_eq!(
        expect_error(flow.verify(&code).await, 422).await,
        UserError::CodeDead
    );
}

#[tokio::test]
async fn resend_waits_sixty_seconds_and_replaces_the_code() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    let first = flow.code_by_sms(ZHANG, ZHANG_PHONE).await;
    assert_eq!(
        expect_error(flow.call(ResendCode {}).await, 429).await,
        UserError::ResendTooSoon(60)
    );
    app.clock.advance(45 * 1000);
    assert!(matches!(
        flow.state().await,
        RecoveryView::Sms { resend_in: 15, .. }
    ));
    assert_eq!(
        expect_error(flow.call(ResendCode {}).await, 429).await,
        UserError::ResendTooSoon(15)
    );
    app.clock.advance(15 * 1000);
    let sent = sms_count(&app, ZHANG_PHONE).await;
    let resent = flow.call(ResendCode {}).await;
    assert_eq!(resent.status(), 200);
    assert_eq!(resent.json::<i64>().await.unwrap(), 60);
    let second = next_code(&app, ZHANG_PHONE, sent).await;
    if first != second {
        assert_eq!(
            expect_error(flow.verify(&first).await, 422).await,
            UserError::CodeWrong { tries_left: 4 },
            "the first code was replaced"
        );
    }
    assert_eq!(flow.verify(&second).await.status(), 200);
}

#[tokio::test]
async fn one_number_gets_at_most_three_codes_an_hour_however_many_flows_ask() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    flow.start(ZHANG).await;
    assert_eq!(flow.choose("sms").await.status(), 200);
    for _ in 0..2 {
        app.clock.advance(MINUTE);
        assert_eq!(flow.call(ResendCode {}).await.status(), 200);
    }
    app.clock.advance(MINUTE);
    assert_eq!(
        expect_error(flow.call(ResendCode {}).await, 429).await,
        UserError::SmsNumberLimit
    );
    // A new flow (another browser) counts against the same number.
    let again = Flow::new(&app);
    again.start(ZHANG).await;
    assert_eq!(
        expect_error(again.choose("sms").await, 429).await,
        UserError::SmsNumberLimit
    );
    // An hour after the third, SMS flow again (the old flow has expired).
    app.clock.advance(60 * MINUTE);
    let later = Flow::new(&app);
    later.start(ZHANG).await;
    assert_eq!(later.choose("sms").await.status(), 200);
}

#[tokio::test]
async fn at_most_twenty_sms_per_client_address_per_hour() {
    let app = spawn_app_with(&["--demo", "--trust-forwarded-for"]).await;
    // Seven accounts with a secure phone of their own (a number gets 3
    // codes an hour): the four of the demo, Li Si, Wang Wu and one more.
    for (address, phone) in [
        ("li.si@example.com", "+8613800138009"),
        ("wang.wu@example.com", "+8613800138010"),
    ] {
        app.exec(
            "UPDATE mail_accounts SET phone = $1, phone_verified_at = 1 WHERE address = $2",
            &[phone, address],
        )
        .await;
    }
    app.exec(
        "INSERT INTO mail_accounts (id, domain_id, address, display_name, role, status, \
         password_hash, password_changed_at, phone, phone_verified_at, created_at) \
         SELECT 'extra-account', domain_id, 'extra@example.com', 'Extra', 'employee', \
         'enabled', password_hash, password_changed_at, '+8613800138011', 1, created_at \
         FROM mail_accounts WHERE address = 'zhang.san@example.com'",
        &[],
    )
    .await;
    let accounts = [
        "zhang.san@example.com",
        "postmaster@example.com",
        "postmaster@example.org",
        "zhao.liu@example.org",
        LI,
        "wang.wu@example.com",
    ];
    for account in accounts {
        let flow = Flow::from_addr(&app, "10.0.0.1");
        flow.start(account).await;
        assert_eq!(flow.choose("sms").await.status(), 200, "{account}");
        for _ in 0..2 {
            app.clock.advance(MINUTE);
            assert_eq!(flow.call(ResendCode {}).await.status(), 200);
        }
    }
    // The 19th and 20th go; the 21st SMS from this address is refused.
    let flow = Flow::from_addr(&app, "10.0.0.1");
    flow.start("extra@example.com").await;
    assert_eq!(flow.choose("sms").await.status(), 200);
    app.clock.advance(MINUTE);
    assert_eq!(flow.call(ResendCode {}).await.status(), 200);
    app.clock.advance(MINUTE);
    assert_eq!(
        expect_error(flow.call(ResendCode {}).await, 429).await,
        UserError::SmsLimit
    );
    // Another address is not affected.
    let elsewhere = Flow::from_addr(&app, "10.0.0.2");
    elsewhere.start("extra@example.com").await;
    app.clock.advance(MINUTE);
    assert_eq!(elsewhere.choose("sms").await.status(), 200);
}

#[tokio::test]
async fn codes_are_stored_hashed() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    let code = flow.code_by_sms(ZHANG, ZHANG_PHONE).await;
    let stored: String =
        sqlx::query_scalar("SELECT code_hash FROM recovery_flows WHERE code_hash IS NOT NULL")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert!(stored.starts_with("$argon2id$"), "{stored}");
    assert!(!stored.contains(&code));
}
