//! The Overview: recovery readiness by method, 30 days of resets and
//! lockouts, and the counts of locked and must-change accounts, each equal
//! to the filtered list it links to.

use app::admin::{AuditAction, EmployeeFilter, Overview, Readiness, OVERVIEW_DAYS};
use services::infra::audit::Event;
use services::infra::clock::Clock;

use super::as_postmaster;
use super::listing::list;
use crate::helpers::TestApp;

const DAY: i64 = 86_400_000;

async fn overview(app: &TestApp) -> Overview {
    app.read(services::admin::overview).await.unwrap()
}

async fn domain(app: &TestApp, name: &str) -> String {
    sqlx::query_scalar("SELECT id FROM domains WHERE name = $1")
        .bind(name)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn record(app: &TestApp, domain: &str, action: AuditAction, at: i64) {
    Event::by(
        "someone@example.com",
        Some(domain),
        "127.0.0.1",
        action,
        "x@example.com",
    )
    .record(&app.db.pool, at)
    .await
    .unwrap();
}

#[tokio::test]
async fn readiness_matches_the_demo_data_and_the_list_it_links_to() {
    let app = as_postmaster().await;
    let seen = overview(&app).await;
    assert_eq!(
        seen.readiness,
        Readiness {
            both: 1,
            sms_only: 1,
            questions_only: 1,
            none: 1
        }
    );
    let none = list(
        &app,
        EmployeeFilter {
            recovery: "none".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(none.total, seen.readiness.none);
    assert_eq!(seen.locked_now, 0);
    assert_eq!(seen.must_change, 0);

    // Questions set, SMS no longer allowed: Zhang San counts as questions only.
    sqlx::query("UPDATE domains SET allow_sms = 0 WHERE name = 'example.com'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let seen = overview(&app).await.readiness;
    assert_eq!(
        (seen.both, seen.sms_only, seen.questions_only, seen.none),
        (0, 0, 2, 2)
    );
}

#[tokio::test]
async fn thirty_days_of_resets_and_lockouts_by_utc_day() {
    let app = as_postmaster().await;
    let example = domain(&app, "example.com").await;
    let other = domain(&app, "example.org").await;
    let now = app.clock.now();
    let today = now - now.rem_euclid(DAY);
    for (action, at) in [
        (AuditAction::PasswordRecovered, now),
        (AuditAction::PasswordRecovered, today),
        (AuditAction::PasswordReset, today - 1),
        (AuditAction::LogonLocked, today - 29 * DAY),
        (AuditAction::AccountUnlocked, today - 5 * DAY + 3),
        // Outside the window, another domain, another action: not counted.
        (AuditAction::LogonLocked, today - 29 * DAY - 1),
        (AuditAction::Logon, now),
    ] {
        record(&app, &example, action, at).await;
    }
    record(&app, &other, AuditAction::PasswordRecovered, now).await;

    let days = overview(&app).await.days;
    assert_eq!(days.len(), OVERVIEW_DAYS);
    assert_eq!(days.last().unwrap().day, today);
    assert_eq!(days[0].day, today - 29 * DAY);
    assert_eq!(days[29].values(), [2, 0, 0, 0], "today");
    assert_eq!(days[28].values(), [0, 1, 0, 0], "yesterday");
    assert_eq!(days[24].values(), [0, 0, 0, 1]);
    assert_eq!(days[0].values(), [0, 0, 1, 0]);
    let total: i64 = days.iter().flat_map(|d| d.values()).sum();
    assert_eq!(total, 5);
}

#[tokio::test]
async fn locked_and_must_change_counts_follow_the_accounts() {
    let app = as_postmaster().await;
    let now = app.clock.now();
    sqlx::query(
        "UPDATE mail_accounts SET must_change_password = 1 WHERE address = 'li.si@example.com'",
    )
    .execute(&app.db.pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO counters (key, window_start, count, locked_until) \
         VALUES ('logon:mail:wang.wu@example.com', $1, 10, $2)",
    )
    .bind(now)
    .bind(now + 1_000)
    .execute(&app.db.pool)
    .await
    .unwrap();
    let seen = overview(&app).await;
    assert_eq!((seen.locked_now, seen.must_change), (1, 1));
    app.clock.advance(1_000);
    assert_eq!(overview(&app).await.locked_now, 0);
}
