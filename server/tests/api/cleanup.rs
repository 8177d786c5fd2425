//! Cleanup: what the janitor deletes, and what it must keep.

use server::clock::{Clock, HOUR, MINUTE};
use server::limits::LONGEST_WINDOW;
use server::sessions::{ABSOLUTE_TIMEOUT, IDLE_TIMEOUT};

use crate::helpers::{spawn_demo_app, TestApp, EMPLOYEE_PASSWORD};

const DAY: i64 = 24 * HOUR;

async fn add_session(
    app: &TestApp,
    id: &str,
    created_at: i64,
    last_seen_at: i64,
    revoked_at: Option<i64>,
) {
    sqlx::query(
        "INSERT INTO sessions (id_hash, subject_kind, subject_id, created_at, last_seen_at, \
         revoked_at) VALUES ($1, 'mail', 'nobody', $2, $3, $4)",
    )
    .bind(id)
    .bind(created_at)
    .bind(last_seen_at)
    .bind(revoked_at)
    .execute(&app.db.pool)
    .await
    .unwrap();
}

async fn add_counter(app: &TestApp, key: &str, window_start: i64, locked_until: Option<i64>) {
    sqlx::query(
        "INSERT INTO counters (key, window_start, count, locked_until) VALUES ($1, $2, 3, $3)",
    )
    .bind(key)
    .bind(window_start)
    .bind(locked_until)
    .execute(&app.db.pool)
    .await
    .unwrap();
}

async fn left(app: &TestApp, sql: &str) -> Vec<String> {
    let mut left: Vec<String> = sqlx::query_scalar(sql)
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    left.sort();
    left
}

#[tokio::test]
async fn ended_sessions_and_spent_counters_are_swept_and_live_ones_kept() {
    let app = spawn_demo_app().await;
    assert_eq!(
        app.log_on("zhang.san@example.com", EMPLOYEE_PASSWORD)
            .await
            .status(),
        200
    );
    let now = app.clock.now();
    add_session(&app, "live", now - 2 * HOUR, now - MINUTE, None).await;
    // Ended less than a day ago: kept a while, like flows.
    add_session(
        &app,
        "idle-lately",
        now - 2 * HOUR,
        now - IDLE_TIMEOUT - HOUR,
        None,
    )
    .await;
    add_session(
        &app,
        "revoked-lately",
        now - 2 * HOUR,
        now - 2 * HOUR,
        Some(now - HOUR),
    )
    .await;
    // Ended over a day ago: idle, past the absolute timeout, revoked.
    let long_ago = now - DAY - MINUTE;
    add_session(&app, "idle", now - 2 * DAY, long_ago - IDLE_TIMEOUT, None).await;
    add_session(
        &app,
        "absolute",
        long_ago - ABSOLUTE_TIMEOUT,
        now - MINUTE,
        None,
    )
    .await;
    add_session(
        &app,
        "revoked",
        long_ago - HOUR,
        long_ago - MINUTE,
        Some(long_ago),
    )
    .await;

    add_counter(&app, "test:window-open", now - MINUTE, None).await;
    add_counter(
        &app,
        "test:longest-window-open",
        now - LONGEST_WINDOW + 1,
        None,
    )
    .await;
    add_counter(&app, "test:locked", now - 2 * DAY, Some(now + HOUR)).await;
    add_counter(&app, "test:spent", now - 2 * DAY, None).await;
    add_counter(&app, "test:lock-over", now - LONGEST_WINDOW, Some(now)).await;

    server::janitor::sweep(&app.db, now).await.unwrap();

    assert_eq!(
        left(
            &app,
            "SELECT id_hash FROM sessions WHERE subject_id = 'nobody'"
        )
        .await,
        ["idle-lately", "live", "revoked-lately"]
    );
    assert_eq!(
        left(&app, "SELECT key FROM counters WHERE key LIKE 'test:%'").await,
        [
            "test:locked",
            "test:longest-window-open",
            "test:window-open"
        ]
    );
    // The session just opened through the front door still works.
    assert_eq!(app.call("me", &[]).await.status(), 200);
}
