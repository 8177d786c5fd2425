//! The same wrong password counts once; a previous password counts never.

use services::lockout::FingerprintKey;

use super::{change_each_way, guess, stranger_logs_on, strangers_count};
use crate::helpers::{spawn_app_with, spawn_demo_app, EMPLOYEE_PASSWORD};
use crate::limits::audit_events;
use crate::recovery::{next_sms, sms_count, ZHANG, ZHANG_PHONE};
use app::error::UserError;

#[tokio::test]
async fn the_same_wrong_password_eight_times_counts_once() {
    let app = spawn_demo_app().await;
    for _ in 0..8 {
        assert_eq!(
            stranger_logs_on(&app, ZHANG, "Typo#Employee2026").await,
            Some(UserError::BadCredentials)
        );
    }
    assert_eq!(strangers_count(&app, ZHANG).await, 1);
    // Every one was judged and is in the audit log.
    assert_eq!(audit_events(&app, "logon_failed", ZHANG).await, 8);
    // It counted as one: three new guesses and the right password still
    // get through, and the next new guess is the fifth counted failure.
    for n in 0..3 {
        assert_eq!(
            stranger_logs_on(&app, ZHANG, &guess(n)).await,
            Some(UserError::BadCredentials)
        );
    }
    assert_eq!(stranger_logs_on(&app, ZHANG, EMPLOYEE_PASSWORD).await, None);
    assert_eq!(
        stranger_logs_on(&app, ZHANG, &guess(3)).await,
        Some(UserError::Locked)
    );
}

#[tokio::test]
async fn after_each_kind_of_change_the_previous_password_is_refused_but_not_counted() {
    let app = spawn_demo_app().await;
    for changed in change_each_way(&app).await {
        for _ in 0..8 {
            assert_eq!(
                stranger_logs_on(&app, changed.login, changed.old).await,
                Some(UserError::BadCredentials),
                "the previous password after the {}",
                changed.how
            );
        }
        assert_eq!(
            strangers_count(&app, changed.login).await,
            0,
            "after the {}",
            changed.how
        );
        assert_eq!(
            stranger_logs_on(&app, changed.login, changed.new).await,
            None,
            "the new password works after the {}",
            changed.how
        );
    }
    let previous: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_events WHERE action = 'logon_failed' AND detail = $1",
    )
    .bind(services::infra::audit::PREVIOUS_PASSWORD)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        previous, 32,
        "each is in the audit log as a previous password"
    );
}

const KEY: &str = "lockout-test-mail-key";

/// Dovecot's auth-policy request for `login` presenting `password`.
async fn imap_allow(
    app: &crate::helpers::TestApp,
    login: &str,
    password: &str,
    remote: &str,
) -> serde_json::Value {
    let key = FingerprintKey::from_mail_auth_key(&app::secret::Secret::new(KEY));
    let pwhash = format!("{:04x}", key.of(&login.to_lowercase(), password).0);
    let body = serde_json::json!({
        "login": login, "pwhash": pwhash, "remote": remote, "protocol": "imap"
    });
    reqwest::Client::new()
        .post(app.url("/mail-auth/policy?command=allow"))
        .header("authorization", format!("Bearer {KEY}"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_mail_app_with_the_previous_password_is_refused_uncounted_and_its_owner_told_once() {
    let app = spawn_app_with(&["--demo", "--mail-auth-key", KEY]).await;
    let changed = change_each_way(&app).await;
    let zhang = changed.iter().find(|c| c.login == ZHANG).unwrap();
    // Zhang San reads Chinese on the web: the SMS and notice are in it.
    app.exec(
        "UPDATE mail_accounts SET language = 'zh-CN' WHERE address = $1",
        &[ZHANG],
    )
    .await;
    let before = sms_count(&app, ZHANG_PHONE).await;
    for _ in 0..8 {
        let verdict = imap_allow(&app, ZHANG, zhang.old, "203.0.113.9").await;
        assert_eq!(verdict["status"], -1, "{verdict}");
        assert_eq!(
            verdict["msg"], "",
            "no sentence: Dovecot answers as for any wrong password"
        );
    }
    assert_eq!(strangers_count(&app, ZHANG).await, 0);
    let sms = next_sms(&app, ZHANG_PHONE, before).await;
    assert!(
        sms.contains("203.0.113.9") && sms.contains("以前的密码"),
        "{sms}"
    );
    // Told once, however often the phone retries.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(sms_count(&app, ZHANG_PHONE).await, before + 1);
    // The new password is let through to Dovecot's check.
    let verdict = imap_allow(&app, ZHANG, zhang.new, "203.0.113.9").await;
    assert_eq!(verdict["status"], 0, "{verdict}");
    // And the notice waits on the web.
    let browser = app.signed_in_client(ZHANG, zhang.new).await;
    let told = super::notices(&app, &browser).await;
    assert_eq!(
        told.iter().filter(|n| n.contains("203.0.113.9")).count(),
        1,
        "{told:?}"
    );
}
