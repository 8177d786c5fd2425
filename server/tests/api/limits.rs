//! Every attempt cap under attack: bursts of simultaneous requests
//! (`join_all` of 40), forged `X-Forwarded-For` hops, rotating IPv6
//! addresses, hostile links. Each test counts what was *judged* (an audit
//! event or a counter per hashed attempt), not only what was answered.

mod bursts;
mod clients;
mod flows;
mod input;
mod shedding;
mod slow_clients;

pub use crate::helpers::audit_events;
use crate::helpers::TestApp;

/// How many parallel requests a burst sends.
pub const BURST: usize = 40;

/// A wrong password that passes the policy (the attempts are judged).
pub const WRONG: &str = "Wrong#Pass2026";

/// `count` different wrong passwords: a guesser's burst (the same wrong
/// password again counts once, see `lockout`).
pub fn guesses(count: usize) -> Vec<String> {
    (0..count).map(|n| format!("Wrong#Pass{n:04}")).collect()
}

/// Rows in `table`.
pub async fn rows(app: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&app.db.pool)
        .await
        .expect("count rows")
}

/// Failed logons judged for `login`: each judged wrong password is one
/// `logon_failed` event, or `logon_locked` for the one that locked.
pub async fn judged_failures(app: &TestApp, login: &str) -> i64 {
    audit_events(app, "logon_failed", login).await + audit_events(app, "logon_locked", login).await
}

/// The count of a counter row (0 when absent).
pub async fn counter(app: &TestApp, key: &str) -> i64 {
    sqlx::query_scalar::<_, i64>("SELECT count FROM counters WHERE key = $1")
        .bind(key)
        .fetch_optional(&app.db.pool)
        .await
        .expect("read a counter")
        .unwrap_or(0)
}

/// Sets a counter as if `count` events had happened just now.
pub async fn preset_counter(app: &TestApp, key: &str, count: i64) {
    sqlx::query(
        "INSERT INTO counters (key, window_start, count, locked_until) VALUES ($1, $2, $3, NULL)",
    )
    .bind(key)
    .bind(services::infra::clock::Clock::now(&*app.clock))
    .bind(count)
    .execute(&app.db.pool)
    .await
    .expect("preset a counter");
}
