//! Scenario 1: Edit Account > Reset Password > Save.

use crate::helpers::secret;
use crate::helpers::{me, status};
use app::admin::api::ResetPassword;
use app::auth::{MailUser, PasswordContext};
use app::error::UserError;
use app::time::format_time;
use services::infra::clock::{Clock, MINUTE};

use super::{account_id, as_postmaster, audit_count, codes, reset, stored_hash};
use crate::helpers::{location, new_client, user_error, EMPLOYEE_PASSWORD};

const NEW_PASSWORD: &str = "Quiet#River88";

#[tokio::test]
async fn a_reset_password_logs_on_and_the_old_one_no_longer_does() {
    let app = as_postmaster().await;
    let id = account_id(&app, "zhang.san@example.com").await;
    let response = reset(&app, &id, NEW_PASSWORD, false).await;
    assert_eq!(response.status(), 200);
    let now = app.clock.now();
    assert_eq!(
        location(&response),
        Some(format!("/admin/accounts/{id}?reset={now}"))
    );

    let old = app
        .log_on_with(&new_client(), "zhang.san@example.com", EMPLOYEE_PASSWORD)
        .await;
    assert_eq!(user_error(old).await, UserError::BadCredentials);
    let new = app
        .log_on_with(&new_client(), "zhang.san@example.com", NEW_PASSWORD)
        .await;
    assert_eq!(location(&new).as_deref(), Some("/mail"));
}

#[tokio::test]
async fn without_the_checkbox_no_password_change_is_required() {
    let app = as_postmaster().await;
    let id = account_id(&app, "li.si@example.com").await;
    assert_eq!(reset(&app, &id, NEW_PASSWORD, false).await.status(), 200);
    let flag: i64 =
        sqlx::query_scalar("SELECT must_change_password FROM mail_accounts WHERE id = $1")
            .bind(&id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(flag, 0);
}

#[tokio::test]
async fn with_the_checkbox_the_employee_must_change_the_password_at_next_logon() {
    let app = as_postmaster().await;
    let id = account_id(&app, "zhang.san@example.com").await;
    assert_eq!(reset(&app, &id, NEW_PASSWORD, true).await.status(), 200);

    let employee = new_client();
    let logon = app
        .log_on_with(&employee, "zhang.san@example.com", NEW_PASSWORD)
        .await;
    assert_eq!(location(&logon).as_deref(), Some("/change-password"));
    let answer = app.read_with(&employee, me).await;
    assert_eq!(answer.unwrap_err(), UserError::MustChangePassword);
}

#[tokio::test]
async fn the_reset_signs_the_employee_out_of_every_session() {
    let app = as_postmaster().await;
    let phone = new_client();
    let laptop = new_client();
    for client in [&phone, &laptop] {
        app.log_on_with(client, "zhang.san@example.com", EMPLOYEE_PASSWORD)
            .await;
        assert_eq!(status(&app.read_with(client, me).await), 200);
    }
    let id = account_id(&app, "zhang.san@example.com").await;
    assert_eq!(reset(&app, &id, NEW_PASSWORD, false).await.status(), 200);

    for client in [&phone, &laptop] {
        let answer = app.read_with(client, me).await;
        assert_eq!(answer.unwrap_err(), UserError::NotSignedIn);
    }
    // The postmaster's own session is untouched.
    assert_eq!(status(&app.read(services::admin::home).await), 200);
}

#[tokio::test]
async fn a_password_against_the_policy_is_refused_with_its_codes_and_nothing_changes() {
    let app = as_postmaster().await;
    let id = account_id(&app, "zhang.san@example.com").await;
    let before = stored_hash(&app, "zhang.san@example.com").await;

    let keyword = reset(&app, &id, "Example#2026", false).await;
    assert_eq!(keyword.status(), 422);
    assert_eq!(codes(&user_error(keyword).await), ["contains_keyword"]);

    let account = reset(&app, &id, "Zhang#2026x", false).await;
    assert_eq!(codes(&user_error(account).await), ["contains_account"]);

    let mismatch = app
        .call(ResetPassword {
            id: id.to_string(),
            new_password: secret(NEW_PASSWORD),
            confirm_password: secret("Quiet#River89"),
            policy_version: None,
            must_change: None,
        })
        .await;
    assert_eq!(codes(&user_error(mismatch).await), ["mismatch"]);

    let short = reset(&app, &id, "Ab#1", false).await;
    assert_eq!(codes(&user_error(short).await), ["too_short"]);

    assert_eq!(stored_hash(&app, "zhang.san@example.com").await, before);
    assert_eq!(audit_count(&app, "password_reset").await, 0);
    let still = app
        .log_on_with(&new_client(), "zhang.san@example.com", EMPLOYEE_PASSWORD)
        .await;
    assert_eq!(location(&still).as_deref(), Some("/mail"));
}

#[tokio::test]
async fn the_postmaster_cannot_reset_their_own_password_here() {
    let app = as_postmaster().await;
    let own = account_id(&app, "postmaster@example.com").await;
    let before = stored_hash(&app, "postmaster@example.com").await;
    let response = reset(&app, &own, NEW_PASSWORD, false).await;
    assert_eq!(response.status(), 403);
    assert_eq!(user_error(response).await, UserError::NotAllowed);
    assert_eq!(stored_hash(&app, "postmaster@example.com").await, before);
}

#[tokio::test]
async fn the_employee_finds_a_notice_of_the_reset_after_logging_on() {
    let app = as_postmaster().await;
    let id = account_id(&app, "wang.wu@example.com").await;
    assert_eq!(reset(&app, &id, NEW_PASSWORD, false).await.status(), 200);
    let at = app.clock.now();

    let employee = new_client();
    app.log_on_with(&employee, "wang.wu@example.com", NEW_PASSWORD)
        .await;
    let me: MailUser = app.read_with(&employee, me).await.unwrap();
    let expected = format!(
        "Your password was reset by your administrator on {}.",
        format_time(at)
    );
    assert_eq!(me.notices.len(), 1);
    assert_eq!(me.notices[0].text, expected);
    assert_eq!(me.notices[0].at, at);
}

#[tokio::test]
async fn the_audit_log_lists_the_reset_newest_first_without_any_secret() {
    let app = as_postmaster().await;
    let id = account_id(&app, "zhang.san@example.com").await;
    app.clock.advance(MINUTE);
    assert_eq!(reset(&app, &id, NEW_PASSWORD, true).await.status(), 200);

    let log = app
        .read(async |c, r| services::admin::audit_log(c, r, &Default::default(), 1).await)
        .await
        .unwrap();
    let body = serde_json::to_string(&log).unwrap();
    assert!(!body.contains(NEW_PASSWORD), "{body}");
    assert!(!body.contains("argon2"), "{body}");
    let newest = &log.entries[0];
    assert_eq!(newest.action, "password_reset");
    assert_eq!(newest.actor, "postmaster@example.com");
    assert_eq!(newest.target.as_deref(), Some("zhang.san@example.com"));
    assert_eq!(newest.client_addr.as_deref(), Some("127.0.0.1"));
    assert_eq!(newest.at, app.clock.now());
    // Older events (the postmaster's logon) come after it.
    assert!(log.entries.iter().skip(1).any(|e| e.action == "logon"));
    assert!(log.entries.windows(2).all(|w| w[0].at >= w[1].at));
    assert_eq!(log.total, log.entries.len() as i64);

    // Nothing secret in any column of any stored event either.
    let stored: Vec<String> = sqlx::query_scalar(
        "SELECT actor || ' ' || action || ' ' || COALESCE(target, '') || ' ' || \
         COALESCE(detail, '') FROM audit_events",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    for event in stored {
        assert!(
            !event.contains(NEW_PASSWORD) && !event.contains("argon2"),
            "{event}"
        );
    }
}

#[tokio::test]
async fn the_checklist_context_is_the_employees_address_and_the_domain_keywords() {
    let app = as_postmaster().await;
    let id = account_id(&app, "li.si@example.com").await;
    let context: PasswordContext = app
        .read(async |c, r| services::admin::account_password_context(c, r, &id).await)
        .await
        .unwrap();
    assert_eq!(context.account, "li.si@example.com");
    assert_eq!(
        context.rules.keywords,
        ["example", "alibaba", "password", "123456", "qwerty"]
    );
}

#[tokio::test]
async fn a_reset_lifts_the_logon_lockout_of_the_old_password() {
    let app = as_postmaster().await;
    let id = account_id(&app, "wang.wu@example.com").await;
    let attacker = new_client();
    for n in 0..5 {
        app.log_on_with(&attacker, "wang.wu@example.com", &format!("Guess#Word1{n}"))
            .await;
    }
    let locked = app
        .log_on_with(&new_client(), "wang.wu@example.com", EMPLOYEE_PASSWORD)
        .await;
    assert_eq!(user_error(locked).await, UserError::Locked);

    assert_eq!(reset(&app, &id, NEW_PASSWORD, false).await.status(), 200);
    let after = app
        .log_on_with(&new_client(), "wang.wu@example.com", NEW_PASSWORD)
        .await;
    // Logged on (Wang Wu has no recovery method: the setup is next).
    assert_eq!(location(&after).as_deref(), Some("/settings/recovery"));
}
