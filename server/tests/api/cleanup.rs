//! Cleanup: what the janitor deletes, and what it must keep.

use crate::helpers::{me, status};
use services::infra::clock::{Clock, HOUR, MINUTE};
use services::infra::sessions::{ABSOLUTE_TIMEOUT, IDLE_TIMEOUT};
use services::limits::LONGEST_WINDOW;

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

    services::janitor::sweep(&app.db, now, Default::default())
        .await
        .unwrap();

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
    assert_eq!(status(&app.read(me).await), 200);
}

/// One table the janitor keeps bounded: a row it must delete (`old`) and
/// one it must keep (`fresh`), each inserted with `$1` = its tag and `$2`
/// = its time; `tagged` lists the tags left.
struct Swept {
    table: &'static str,
    insert: &'static str,
    old: i64,
    fresh: i64,
    tagged: &'static str,
}

#[tokio::test]
async fn every_table_that_grows_with_use_or_attack_is_swept() {
    let app = spawn_demo_app().await;
    let now = app.clock.now();
    let attacker = format!("logon:address:{}", "x".repeat(200));
    let tables = [
        Swept {
            table: "audit_events",
            insert:
                "INSERT INTO audit_events (id, at, actor, action) VALUES ($1, $2, 'test', 'test')",
            old: now - 401 * DAY,
            fresh: now - 399 * DAY,
            tagged: "SELECT id FROM audit_events WHERE actor = 'test'",
        },
        Swept {
            // Never sent (no doveadm configured): still queued.
            table: "mail_kicks",
            insert: "INSERT INTO mail_kicks (id, address, created_at, next_attempt_at) \
                     VALUES ($1, 'nobody@example.com', $2, $2)",
            old: now - DAY - MINUTE,
            fresh: now - HOUR,
            tagged: "SELECT id FROM mail_kicks WHERE address = 'nobody@example.com'",
        },
        Swept {
            table: "sms_messages",
            insert: "INSERT INTO sms_messages (id, to_number, text, created_at, next_attempt_at, \
                     status) VALUES ($1, '+8613800000000', '', $2, $2, 'sent')",
            old: now - 31 * DAY,
            fresh: now - 29 * DAY,
            tagged: "SELECT id FROM sms_messages WHERE to_number = '+8613800000000'",
        },
        Swept {
            // Keyed by what an attacker typed.
            table: "failed_fingerprints",
            insert: "INSERT INTO failed_fingerprints (counter_key, fingerprint, at) \
                     VALUES ($1, 7, $2)",
            old: now - LONGEST_WINDOW - MINUTE,
            fresh: now - HOUR,
            tagged: "SELECT counter_key FROM failed_fingerprints WHERE fingerprint = 7",
        },
        Swept {
            table: "known_devices",
            insert: "INSERT INTO known_devices (token_hash, id, subject_kind, subject_id, \
                     created_at, last_used_at) VALUES ($1, $1, 'mail', 'nobody', $2, $2)",
            old: now - 31 * DAY,
            fresh: now - 29 * DAY,
            tagged: "SELECT id FROM known_devices WHERE subject_id = 'nobody'",
        },
        Swept {
            table: "familiar_addresses",
            insert: "INSERT INTO familiar_addresses (account_id, address, last_success_at) \
                     VALUES ('nobody', $1, $2)",
            old: now - 31 * DAY,
            fresh: now - 29 * DAY,
            tagged: "SELECT address FROM familiar_addresses WHERE account_id = 'nobody'",
        },
        Swept {
            table: "recovery_flows",
            insert: "INSERT INTO recovery_flows (id, token_hash, created_at, expires_at, step, \
                     client_addr) VALUES ($1, $1, $2, $2, 'start', '192.0.2.1')",
            old: now - DAY - MINUTE,
            fresh: now - HOUR,
            tagged: "SELECT id FROM recovery_flows WHERE client_addr = '192.0.2.1'",
        },
        Swept {
            // "This wasn't me" links: kept until they expire (7 days).
            table: "report_links",
            insert: "INSERT INTO report_links (token_hash, account_id, what, happened_at, \
                     expires_at) VALUES ($1, (SELECT id FROM mail_accounts \
                     WHERE address = 'li.si@example.com'), 'own_change', $2, $2)",
            old: now - MINUTE,
            fresh: now + HOUR,
            tagged: "SELECT token_hash FROM report_links WHERE what = 'own_change'",
        },
        Swept {
            table: "captchas",
            insert: "INSERT INTO captchas (id, flow_id, answer_hash, image_png, expires_at) \
                     VALUES ($1, 'none', '', '', $2)",
            old: now - DAY - MINUTE,
            fresh: now - HOUR,
            tagged: "SELECT id FROM captchas WHERE flow_id = 'none'",
        },
    ];
    for swept in &tables {
        for (tag, at) in [("old", swept.old), ("fresh", swept.fresh)] {
            let tag = if swept.table == "failed_fingerprints" {
                format!("{attacker}:{tag}")
            } else {
                format!("{}-{tag}", swept.table)
            };
            sqlx::query(swept.insert)
                .bind(&tag)
                .bind(at)
                .execute(&app.db.pool)
                .await
                .unwrap_or_else(|err| panic!("{}: {err}", swept.table));
        }
    }
    // Counters keyed by an attacker's made-up address: gone once spent.
    add_counter(&app, &format!("{attacker}:spent"), now - 2 * DAY, None).await;
    add_counter(&app, &format!("{attacker}:open"), now - MINUTE, None).await;

    services::janitor::sweep(&app.db, now, services::janitor::Retention::audit_days(400))
        .await
        .unwrap();

    for swept in &tables {
        let left = left(&app, swept.tagged).await;
        assert_eq!(left.len(), 1, "{}: {left:?}", swept.table);
        assert!(left[0].ends_with("fresh"), "{}: {left:?}", swept.table);
    }
    let counters = left(
        &app,
        "SELECT key FROM counters WHERE key LIKE 'logon:address:xxx%'",
    )
    .await;
    assert_eq!(counters, [format!("{attacker}:open")]);
    // A shorter retention, set by the operator, is applied.
    services::janitor::sweep(&app.db, now, services::janitor::Retention::audit_days(30))
        .await
        .unwrap();
    assert!(
        left(&app, "SELECT id FROM audit_events WHERE actor = 'test'")
            .await
            .is_empty()
    );
}
