//! Logon, lockout and rate limits for mail accounts and console owners.

use crate::helpers::{me, status};
use app::error::UserError;
use services::infra::clock::MINUTE;

use crate::helpers::{
    location, new_client, spawn_demo_app, user_error, CONSOLE_PASSWORD, EMPLOYEE_PASSWORD,
    POSTMASTER_PASSWORD,
};

#[tokio::test]
async fn an_employee_logs_on_and_lands_on_the_mailbox() {
    let app = spawn_demo_app().await;
    let response = app.log_on("zhang.san@example.com", EMPLOYEE_PASSWORD).await;
    assert_eq!(response.status(), 200);
    assert_eq!(location(&response).as_deref(), Some("/mail"));
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("mail_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    // Served over plain http on loopback, so not Secure (browsers would drop it).
    assert!(!cookie.contains("Secure"), "{cookie}");

    let me = serde_json::to_value(app.read(me).await.unwrap()).unwrap();
    assert_eq!(me["display_name"], "Zhang San");
    assert_eq!(me["role"], "employee");
}

#[tokio::test]
async fn the_address_is_matched_without_regard_to_case_or_spaces() {
    let app = spawn_demo_app().await;
    let response = app
        .log_on("  Zhang.San@Example.COM ", EMPLOYEE_PASSWORD)
        .await;
    assert_eq!(location(&response).as_deref(), Some("/mail"));
}

#[tokio::test]
async fn a_postmaster_lands_in_domain_management() {
    let app = spawn_demo_app().await;
    let response = app
        .log_on("postmaster@example.com", POSTMASTER_PASSWORD)
        .await;
    assert_eq!(location(&response).as_deref(), Some("/admin"));
}

#[tokio::test]
async fn an_owner_logs_on_to_the_console_and_sees_only_their_domains() {
    let app = spawn_demo_app().await;
    let response = app.console_log_on("owner2", CONSOLE_PASSWORD).await;
    assert_eq!(location(&response).as_deref(), Some("/console"));
    let owner = serde_json::to_value(app.read(services::identity::owner).await.unwrap()).unwrap();
    let domains: Vec<&str> = owner["domains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(domains, ["example.org"]);
}

#[tokio::test]
async fn a_console_session_is_not_a_mail_session() {
    let app = spawn_demo_app().await;
    app.console_log_on("owner", CONSOLE_PASSWORD).await;
    assert_eq!(status(&app.read(me).await), 401);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_address_get_the_same_answer() {
    let app = spawn_demo_app().await;
    let wrong = app.log_on("zhang.san@example.com", "Wrong#Pass1").await;
    let unknown = app.log_on("nobody@example.com", "Wrong#Pass1").await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(unknown.status(), wrong.status());
    assert!(wrong.headers().get("set-cookie").is_none());
    assert_eq!(user_error(wrong).await, UserError::BadCredentials);
    assert_eq!(user_error(unknown).await, UserError::BadCredentials);
}

#[tokio::test]
async fn five_failures_lock_the_account_for_fifteen_minutes() {
    let app = spawn_demo_app().await;
    for attempt in 1..=4 {
        let response = app
            .log_on("li.si@example.com", &format!("Wrong#Pass{attempt}"))
            .await;
        assert_eq!(
            user_error(response).await,
            UserError::BadCredentials,
            "attempt {attempt}"
        );
    }
    let fifth = app.log_on("li.si@example.com", "Wrong#Pass5").await;
    assert_eq!(fifth.status(), 403);
    assert_eq!(user_error(fifth).await, UserError::Locked);
    // Even the right password is refused while locked.
    let right = app.log_on("li.si@example.com", EMPLOYEE_PASSWORD).await;
    assert_eq!(user_error(right).await, UserError::Locked);

    app.clock.advance(15 * MINUTE - 1_000);
    let still = app.log_on("li.si@example.com", EMPLOYEE_PASSWORD).await;
    assert_eq!(user_error(still).await, UserError::Locked);
    app.clock.advance(1_000);
    let after = app.log_on("li.si@example.com", EMPLOYEE_PASSWORD).await;
    assert_eq!(location(&after).as_deref(), Some("/mail"));
}

#[tokio::test]
async fn an_unknown_address_locks_exactly_like_a_real_one() {
    let app = spawn_demo_app().await;
    let mut real = Vec::new();
    let mut fake = Vec::new();
    for n in 0..6 {
        let guess = format!("Wrong#Pass{n}");
        let r = app.log_on("wang.wu@example.com", &guess).await;
        real.push((r.status().as_u16(), r.text().await.unwrap()));
        let f = app.log_on("ghost@example.com", &guess).await;
        fake.push((f.status().as_u16(), f.text().await.unwrap()));
    }
    assert_eq!(real, fake);
    assert_eq!(real[4].0, 403, "locked at the fifth failure");
}

#[tokio::test]
async fn a_success_clears_only_its_own_browsers_count_never_the_strangers() {
    let app = spawn_demo_app().await;
    for n in 0..4 {
        app.log_on("wang.wu@example.com", &format!("Wrong#Pass{n}"))
            .await;
    }
    // The owner logs on: this browser is familiar from now on.
    let ok = app.log_on("wang.wu@example.com", EMPLOYEE_PASSWORD).await;
    assert_eq!(ok.status(), 200);
    // The strangers' four still count: the next stranger's guess locks.
    let stranger = app
        .log_on_with(&new_client(), "wang.wu@example.com", "Wrong#Pass4")
        .await;
    assert_eq!(user_error(stranger).await, UserError::Locked);
    // The familiar browser has its own budget, which its success clears.
    for n in 10..14 {
        let r = app
            .log_on("wang.wu@example.com", &format!("Wrong#Pass{n}"))
            .await;
        assert_eq!(user_error(r).await, UserError::BadCredentials);
    }
    let ok = app.log_on("wang.wu@example.com", EMPLOYEE_PASSWORD).await;
    assert_eq!(ok.status(), 200);
    for n in 20..24 {
        let r = app
            .log_on("wang.wu@example.com", &format!("Wrong#Pass{n}"))
            .await;
        assert_eq!(user_error(r).await, UserError::BadCredentials);
    }
}

#[tokio::test]
async fn one_client_address_gets_at_most_a_hundred_failed_logons_an_hour() {
    let app = spawn_demo_app().await;
    // Different addresses, so no account lock gets in the way.
    for i in 0..100 {
        let response = app
            .log_on(&format!("user{i}@example.com"), "Wrong#Pass1")
            .await;
        assert_eq!(response.status(), 401, "failure {i}");
    }
    let limited = app.log_on("zhang.san@example.com", EMPLOYEE_PASSWORD).await;
    assert_eq!(limited.status(), 429);
    assert!(limited.headers().get("retry-after").is_some());
    assert_eq!(user_error(limited).await, UserError::TooManyRequests);

    app.clock.advance(60 * MINUTE);
    let later = app.log_on("zhang.san@example.com", EMPLOYEE_PASSWORD).await;
    assert_eq!(later.status(), 200);
}

#[tokio::test]
async fn successful_logons_never_count_towards_the_client_limit() {
    let app = spawn_demo_app().await;
    for _ in 0..3 {
        app.log_on("zhang.san@example.com", EMPLOYEE_PASSWORD).await;
    }
    let count: Option<i64> =
        sqlx::query_scalar("SELECT count FROM counters WHERE key LIKE 'logon-client:%'")
            .fetch_optional(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(count.unwrap_or(0), 0);
}

#[tokio::test]
async fn a_disabled_account_cannot_log_on() {
    let app = spawn_demo_app().await;
    app.exec(
        "UPDATE mail_accounts SET status = 'disabled' WHERE address = $1",
        &["wang.wu@example.com"],
    )
    .await;
    let response = app.log_on("wang.wu@example.com", EMPLOYEE_PASSWORD).await;
    assert_eq!(response.status(), 403);
    assert!(response.headers().get("set-cookie").is_none());
    assert_eq!(user_error(response).await, UserError::AccountDisabled);
}

#[tokio::test]
async fn a_password_over_the_policy_maximum_is_refused_without_an_error() {
    let app = spawn_demo_app().await;
    let long = "A".repeat(10_000);
    let response = app.log_on("zhang.san@example.com", &long).await;
    assert_eq!(user_error(response).await, UserError::BadCredentials);
}

#[tokio::test]
async fn a_hash_with_older_parameters_is_upgraded_at_the_next_logon() {
    let app = spawn_demo_app().await;
    let weak = argon2::Params::new(1024, 1, 1, None).unwrap();
    let old = services::infra::passwords::hash_blocking(&weak, EMPLOYEE_PASSWORD).unwrap();
    app.exec(
        "UPDATE mail_accounts SET password_hash = $1 WHERE address = $2",
        &[&old, "li.si@example.com"],
    )
    .await;
    let response = app.log_on("li.si@example.com", EMPLOYEE_PASSWORD).await;
    assert_eq!(response.status(), 200);
    let stored: String =
        sqlx::query_scalar("SELECT password_hash FROM mail_accounts WHERE address = $1")
            .bind("li.si@example.com")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert!(
        stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{stored}"
    );
}

#[tokio::test]
async fn the_audit_log_records_logons_without_any_secret() {
    let app = spawn_demo_app().await;
    app.log_on("zhang.san@example.com", "Wrong#Secret77").await;
    app.log_on("zhang.san@example.com", EMPLOYEE_PASSWORD).await;
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT action, COALESCE(detail, '') || COALESCE(target, '') || actor FROM audit_events ORDER BY at",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let actions: Vec<&str> = rows.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(actions, ["logon_failed", "logon"]);
    for (_, text) in &rows {
        assert!(!text.contains("Wrong#Secret77") && !text.contains(EMPLOYEE_PASSWORD));
    }
}

#[tokio::test]
async fn two_clients_are_two_sessions() {
    let app = spawn_demo_app().await;
    let other = new_client();
    app.log_on("zhang.san@example.com", EMPLOYEE_PASSWORD).await;
    assert_eq!(status(&app.read_with(&other, me).await), 401);
}
