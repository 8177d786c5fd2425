//! One outbox for everything the app queues in the transaction of the
//! change that causes it and sends off the request path: SMS and
//! mail-session kicks, each with a [`Courier`] of its own. A worker in
//! each instance finds due rows, claims each with a lease (a
//! compare-and-swap on its next attempt time, so another instance leaves
//! it alone), hands it to the courier, and records the outcome: sent, or
//! retried after 2 s, 4 s, 8 s, … (at most 5 minutes apart) until the
//! kind's last attempt, then failed. A courier may also drop a row that
//! must not be sent any more (a code that expired on the way).
//!
//! Every queue table has `id`, `status` ('queued', 'sent', 'failed', or a
//! kind's own), `attempts`, `created_at`, `next_attempt_at`, `sent_at` and
//! `last_error`.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use async_trait::async_trait;
use tokio::sync::Notify;

use crate::infra::clock::{SharedClock, MINUTE, SECOND};
use crate::infra::db::Db;

/// How long a claimed row stays reserved for the instance sending it.
const LEASE: i64 = MINUTE;
/// How many due rows one round takes.
const ROUND: i64 = 20;

/// Wait before attempt `attempts + 1`: 2 s, 4 s, 8 s, … at most 5 minutes.
pub fn backoff(attempts: i64) -> i64 {
    ((2 * SECOND) << attempts.clamp(0, 16)).min(5 * MINUTE)
}

/// What a courier did with a claimed row.
pub enum Delivery {
    Sent,
    /// Not delivered; retried later, or failed after the last attempt. The
    /// error is worded without secrets (it is stored and logged).
    NotSent(anyhow::Error),
    /// Not to be sent any more; the row takes this status.
    Dropped(&'static str),
}

/// One kind of queued message and how it leaves.
#[async_trait]
pub trait Courier: Send + Sync + 'static {
    /// The queue's table.
    const TABLE: &'static str;
    /// Its name in logs.
    const NAME: &'static str;
    /// Attempts before a row is marked failed.
    const MAX_ATTEMPTS: i64;

    /// Before a round's rows are claimed, as of `now` (dropping in bulk
    /// what may not be sent any more).
    async fn before_round(&self, _db: &Db, _now: i64) -> anyhow::Result<()> {
        Ok(())
    }

    /// Delivers the claimed row `id`.
    async fn deliver(&self, db: &Db, id: &str) -> anyhow::Result<Delivery>;

    /// What else a row forgets when it takes `status` (an SMS's text), as
    /// extra `SET` assignments (`", text = ''"`), or nothing.
    fn forget(&self, _status: &str) -> &'static str {
        ""
    }

    /// Counts a row's final (or dropped) status.
    fn count(&self, status: &'static str);
}

/// Runs `courier`'s worker: a round as soon as `wake` is notified, or
/// every `poll`.
pub fn spawn<C: Courier>(
    db: Db,
    courier: C,
    clock: SharedClock,
    wake: Arc<Notify>,
    poll: Duration,
) {
    tokio::spawn(async move {
        loop {
            if let Err(err) = deliver_due(&db, &courier, &clock).await {
                tracing::warn!(error = %format!("{err:#}"), queue = C::NAME, "delivery round failed");
            }
            tokio::select! {
                () = wake.notified() => {}
                () = tokio::time::sleep(poll) => {}
            }
        }
    });
}

/// Delivers every row that is due now; returns how many were sent.
pub async fn deliver_due<C: Courier>(
    db: &Db,
    courier: &C,
    clock: &SharedClock,
) -> anyhow::Result<usize> {
    let table = C::TABLE;
    let now = clock.now();
    courier.before_round(db, now).await?;
    // Due means unclaimed (a claim moves the time past now), so no other
    // instance is sending these.
    let due: Vec<(String, i64, i64)> = sqlx::query_as(&format!(
        "SELECT id, attempts, next_attempt_at FROM {table} \
         WHERE status = 'queued' AND next_attempt_at <= $1 ORDER BY created_at LIMIT {ROUND}"
    ))
    .bind(now)
    .fetch_all(&db.pool)
    .await
    .with_context(|| format!("find due rows of {table}"))?;
    let mut sent = 0;
    for (id, attempts, due_at) in due {
        let claimed = sqlx::query(&format!(
            "UPDATE {table} SET next_attempt_at = $1 \
             WHERE id = $2 AND status = 'queued' AND next_attempt_at = $3"
        ))
        .bind(now + LEASE)
        .bind(&id)
        .bind(due_at)
        .execute(&db.pool)
        .await
        .with_context(|| format!("claim a row of {table}"))?;
        if claimed.rows_affected() != 1 {
            continue; // another instance has it
        }
        let attempts = attempts + 1;
        let delivery = courier.deliver(db, &id).await?;
        let (status, attempts, next, error) = match delivery {
            Delivery::Sent => ("sent", attempts, clock.now(), None),
            Delivery::NotSent(err) => {
                let error = format!("{err:#}");
                let give_up = attempts >= C::MAX_ATTEMPTS;
                tracing::warn!(queue = C::NAME, row = %id, attempts, give_up, %error, "not delivered");
                let status = if give_up { "failed" } else { "queued" };
                (
                    status,
                    attempts,
                    clock.now() + backoff(attempts - 1),
                    Some(error),
                )
            }
            Delivery::Dropped(status) => {
                tracing::warn!(queue = C::NAME, row = %id, status, "dropped unsent");
                (status, attempts - 1, clock.now(), None)
            }
        };
        sqlx::query(&format!(
            "UPDATE {table} SET status = $1, attempts = $2, next_attempt_at = $3, \
             last_error = $4, sent_at = CASE WHEN $1 = 'sent' THEN $3 ELSE sent_at END{} \
             WHERE id = $5",
            courier.forget(status)
        ))
        .bind(status)
        .bind(attempts)
        .bind(next)
        .bind(error)
        .bind(&id)
        .execute(&db.pool)
        .await
        .with_context(|| format!("record a row of {table}"))?;
        if status != "queued" {
            courier.count(status);
        }
        if status == "sent" {
            sent += 1;
        }
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped_at_five_minutes() {
        assert_eq!(backoff(0), 2 * SECOND);
        assert_eq!(backoff(1), 4 * SECOND);
        assert_eq!(backoff(3), 16 * SECOND);
        assert_eq!(backoff(10), 5 * MINUTE);
        assert_eq!(backoff(100), 5 * MINUTE);
    }
}
