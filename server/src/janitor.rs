//! Removes what has outlived its use: Forgot Password flows and images a
//! day after they expired, and delivered SMS after 30 days. Runs in every
//! instance; the deletes are idempotent.

use std::time::Duration;

use anyhow::Context;

use crate::clock::{SharedClock, HOUR};
use crate::db::Db;

const EVERY: Duration = Duration::from_secs(600);
const DAY: i64 = 24 * HOUR;

pub fn spawn(db: Db, clock: SharedClock) {
    tokio::spawn(async move {
        loop {
            if let Err(err) = sweep(&db, clock.now()).await {
                tracing::warn!(error = %format!("{err:#}"), "cleanup round failed");
            }
            tokio::time::sleep(EVERY).await;
        }
    });
}

pub async fn sweep(db: &Db, now: i64) -> anyhow::Result<()> {
    let day_ago = now - DAY;
    sqlx::query("DELETE FROM captchas WHERE expires_at < $1")
        .bind(day_ago)
        .execute(&db.pool)
        .await
        .context("delete old captchas")?;
    sqlx::query("DELETE FROM recovery_flows WHERE expires_at < $1")
        .bind(day_ago)
        .execute(&db.pool)
        .await
        .context("delete old recovery flows")?;
    sqlx::query("DELETE FROM sms_messages WHERE status <> 'queued' AND created_at < $1")
        .bind(now - 30 * DAY)
        .execute(&db.pool)
        .await
        .context("delete old SMS")?;
    Ok(())
}
