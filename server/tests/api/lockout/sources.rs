//! Familiar browsers and strangers have budgets of their own.

use app::auth::api::LogOn;
use app::error::UserError;
use services::infra::clock::MINUTE;

use super::{guess, logs_on_with, notices, stranger_logs_on, strangers_count};
use crate::helpers::{new_client, secret, spawn_demo_app, Call, EMPLOYEE_PASSWORD};
use crate::limits::judged_failures;
use crate::recovery::{WANG, ZHANG};

#[tokio::test]
async fn a_strangers_guesses_do_not_lock_the_browser_the_owner_used_yesterday() {
    let app = spawn_demo_app().await;
    let browser = new_client();
    assert_eq!(
        logs_on_with(&app, &browser, WANG, EMPLOYEE_PASSWORD).await,
        None
    );
    app.clock.advance(24 * 60 * MINUTE);

    // Twelve wrong guesses from strangers: five are judged, then strangers
    // are locked out, the right password included.
    let mut answers = Vec::new();
    for n in 0..12 {
        answers.push(stranger_logs_on(&app, WANG, &guess(n)).await);
    }
    assert_eq!(judged_failures(&app, WANG).await, 5, "{answers:?}");
    assert_eq!(answers[4], Some(UserError::Locked));
    assert!(answers[5..].iter().all(|a| *a == Some(UserError::Locked)));
    assert_eq!(
        stranger_logs_on(&app, WANG, EMPLOYEE_PASSWORD).await,
        Some(UserError::Locked)
    );

    // The owner's browser still logs on, and is told someone tried.
    assert_eq!(
        logs_on_with(&app, &browser, WANG, EMPLOYEE_PASSWORD).await,
        None
    );
    let told = notices(&app, &browser).await;
    assert!(
        told.iter()
            .any(|n| n.contains("Someone tried wrong passwords")),
        "{told:?}"
    );
    // Once per lock, however often the owner logs on meanwhile.
    assert_eq!(
        logs_on_with(&app, &browser, WANG, EMPLOYEE_PASSWORD).await,
        None
    );
    let told = notices(&app, &browser).await;
    assert_eq!(
        told.iter().filter(|n| n.contains("Someone tried")).count(),
        1,
        "{told:?}"
    );
}

#[tokio::test]
async fn a_familiar_browser_has_a_budget_of_its_own() {
    let app = spawn_demo_app().await;
    let browser = new_client();
    assert_eq!(
        logs_on_with(&app, &browser, ZHANG, EMPLOYEE_PASSWORD).await,
        None
    );
    // Five typos of the owner lock that browser, not the strangers' count.
    for n in 0..5 {
        logs_on_with(&app, &browser, ZHANG, &guess(n)).await;
    }
    assert_eq!(
        logs_on_with(&app, &browser, ZHANG, EMPLOYEE_PASSWORD).await,
        Some(UserError::Locked)
    );
    assert_eq!(strangers_count(&app, ZHANG).await, 0);
    // Another browser (a stranger to the account) is not locked by them.
    assert_eq!(stranger_logs_on(&app, ZHANG, EMPLOYEE_PASSWORD).await, None);
    // The browser's own lock ends after 15 minutes.
    app.clock.advance(15 * MINUTE);
    assert_eq!(
        logs_on_with(&app, &browser, ZHANG, EMPLOYEE_PASSWORD).await,
        None
    );
}

#[tokio::test]
async fn the_owners_logons_never_refresh_a_strangers_budget() {
    let app = spawn_demo_app().await;
    let phone = new_client();
    // Five cycles: four guesses from a stranger, then the owner logs on
    // from elsewhere (a new browser the first time, familiar after).
    for cycle in 0..5 {
        for n in 0..4 {
            stranger_logs_on(&app, ZHANG, &guess(cycle * 4 + n)).await;
        }
        assert_eq!(
            logs_on_with(&app, &phone, ZHANG, EMPLOYEE_PASSWORD).await,
            None,
            "the owner logs on in cycle {cycle}"
        );
    }
    assert_eq!(
        judged_failures(&app, ZHANG).await,
        5,
        "five of the twenty guesses are judged"
    );
}

/// The value of the `name` cookie a response sets.
fn set_cookie(response: &reqwest::Response, name: &str) -> String {
    let cookies: Vec<String> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .collect();
    cookies
        .into_iter()
        .find(|c| c.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} cookie"))
}

fn value_of(cookie: &str) -> &str {
    cookie
        .split(';')
        .next()
        .and_then(|pair| pair.split_once('='))
        .map(|(_, value)| value)
        .unwrap()
}

/// A logon that sends exactly `cookie` (a browser holding that cookie).
async fn log_on_holding(
    app: &crate::helpers::TestApp,
    cookie: &str,
    email: &str,
) -> reqwest::Response {
    let logon = LogOn {
        email: email.to_owned(),
        password: secret(EMPLOYEE_PASSWORD),
    };
    Call::of(logon)
        .post(app, &new_client())
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_device_cookie_is_httponly_bound_to_its_account_and_renewed_on_each_logon() {
    let app = spawn_demo_app().await;
    let browser = new_client();
    let first = app.log_on_with(&browser, ZHANG, EMPLOYEE_PASSWORD).await;
    let device = set_cookie(&first, "mail_device");
    assert!(
        device.contains("HttpOnly")
            && device.contains("SameSite=Strict")
            && device.contains("Max-Age=2592000"),
        "{device}"
    );
    let old_token = value_of(&device).to_owned();
    let second = app.log_on_with(&browser, ZHANG, EMPLOYEE_PASSWORD).await;
    let renewed = set_cookie(&second, "mail_device");
    assert_ne!(value_of(&renewed), old_token, "each logon renews the token");
    let devices: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM known_devices")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(devices, 1, "a renewal replaces the token, not the device");

    // Strangers lock the account out.
    for n in 0..5 {
        stranger_logs_on(&app, ZHANG, &guess(n)).await;
    }
    // A copy of the token from before the renewal is a stranger.
    let copied = log_on_holding(&app, &format!("mail_device={old_token}"), ZHANG).await;
    assert_eq!(copied.status(), 403, "a used token opens nothing");
    // The account's cookie makes no one familiar to another account.
    let current = format!("mail_device={}", value_of(&renewed));
    for n in 10..15 {
        stranger_logs_on(&app, WANG, &guess(n)).await;
    }
    assert_eq!(log_on_holding(&app, &current, WANG).await.status(), 403);
    // The browser that holds it is familiar.
    assert_eq!(log_on_holding(&app, &current, ZHANG).await.status(), 200);
}

#[tokio::test]
async fn a_hundred_failures_from_strangers_in_a_day_lock_them_out_for_the_day() {
    let app = spawn_demo_app().await;
    let browser = new_client();
    assert_eq!(
        logs_on_with(&app, &browser, WANG, EMPLOYEE_PASSWORD).await,
        None
    );
    // 99 counted today already (over many 15-minute windows).
    crate::limits::preset_counter(&app, &format!("logon-daily:mail:{WANG}"), 99).await;
    assert_eq!(
        stranger_logs_on(&app, WANG, &guess(1)).await,
        Some(UserError::BadCredentials)
    );
    // The hundredth: strangers are out, well past the 15 minutes.
    app.clock.advance(16 * MINUTE);
    assert_eq!(
        stranger_logs_on(&app, WANG, EMPLOYEE_PASSWORD).await,
        Some(UserError::Locked)
    );
    app.clock.advance(12 * 60 * MINUTE);
    assert_eq!(
        stranger_logs_on(&app, WANG, EMPLOYEE_PASSWORD).await,
        Some(UserError::Locked)
    );
    // The owner's browser is not.
    assert_eq!(
        logs_on_with(&app, &browser, WANG, EMPLOYEE_PASSWORD).await,
        None
    );
    // A day after the hundredth, strangers are judged again.
    app.clock.advance(12 * 60 * MINUTE);
    assert_eq!(stranger_logs_on(&app, WANG, EMPLOYEE_PASSWORD).await, None);
}
