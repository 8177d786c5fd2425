//! Delivers queued messages: claims each due one with a lease (so another
//! instance leaves it alone), sends it, and marks it sent, or schedules a
//! retry with exponential backoff until it gives up. A code that expired
//! on the way is dropped unsent.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;

use super::{SmsQueue, SmsSender};
use crate::clock::{SharedClock, MINUTE, SECOND};
use crate::db::Db;

/// Attempts before a message is marked failed.
pub const MAX_ATTEMPTS: i64 = 8;
/// How long a claimed message stays reserved for the instance sending it.
const LEASE: i64 = MINUTE;
/// Other instances' messages are found by polling this often.
const POLL: Duration = Duration::from_secs(1);

/// Wait before attempt `attempts + 1`: 2 s, 4 s, 8 s, … at most 5 minutes.
pub fn backoff(attempts: i64) -> i64 {
    ((2 * SECOND) << attempts.clamp(0, 16)).min(5 * MINUTE)
}

pub fn spawn_worker(db: Db, sender: Arc<dyn SmsSender>, queue: SmsQueue, clock: SharedClock) {
    tokio::spawn(async move {
        loop {
            if let Err(err) = deliver_due(&db, sender.as_ref(), &clock).await {
                tracing::warn!(error = %format!("{err:#}"), "SMS delivery round failed");
            }
            tokio::select! {
                () = queue.notified() => {}
                () = tokio::time::sleep(POLL) => {}
            }
        }
    });
}

/// Sends every message that is due now; returns how many were sent. A
/// code whose time has passed is dropped instead: marked `expired`, its
/// text blanked, never sent (it would only arrive dead). A message that
/// gives up (`failed`) keeps no text either.
/// A queued message whose next attempt is due.
#[derive(sqlx::FromRow)]
struct Due {
    id: String,
    to_number: String,
    text: String,
    attempts: i64,
    next_attempt_at: i64,
    expires_at: Option<i64>,
}

pub async fn deliver_due(
    db: &Db,
    sender: &dyn SmsSender,
    clock: &SharedClock,
) -> anyhow::Result<usize> {
    let now = clock.now();
    // Due means unclaimed (a claim moves the time past now), so no other
    // instance is sending these.
    let expired = sqlx::query(
        "UPDATE sms_messages SET status = 'expired', text = '' \
         WHERE status = 'queued' AND next_attempt_at <= $1 AND expires_at <= $1",
    )
    .bind(now)
    .execute(&db.pool)
    .await
    .context("drop expired SMS")?;
    if expired.rows_affected() > 0 {
        tracing::warn!(
            count = expired.rows_affected(),
            "SMS codes expired before they could be delivered; dropped unsent"
        );
    }
    let due: Vec<Due> = sqlx::query_as(
        "SELECT id, to_number, text, attempts, next_attempt_at, expires_at FROM sms_messages \
         WHERE status = 'queued' AND next_attempt_at <= $1 ORDER BY created_at LIMIT 20",
    )
    .bind(now)
    .fetch_all(&db.pool)
    .await
    .context("find due SMS")?;
    let mut sent = 0;
    for Due {
        id,
        to_number: to,
        text,
        attempts,
        next_attempt_at: due_at,
        expires_at,
    } in due
    {
        let claimed = sqlx::query(
            "UPDATE sms_messages SET next_attempt_at = $1 \
             WHERE id = $2 AND status = 'queued' AND next_attempt_at = $3",
        )
        .bind(now + LEASE)
        .bind(&id)
        .bind(due_at)
        .execute(&db.pool)
        .await
        .context("claim an SMS")?;
        if claimed.rows_affected() != 1 {
            continue; // another instance has it
        }
        // Earlier sends of this round may have taken a while.
        if expires_at.is_some_and(|at| at <= clock.now()) {
            tracing::warn!(
                sms = %id,
                attempts,
                "SMS code expired before it could be delivered; dropped unsent"
            );
            sqlx::query("UPDATE sms_messages SET status = 'expired', text = '' WHERE id = $1")
                .bind(&id)
                .execute(&db.pool)
                .await
                .context("drop an expired SMS")?;
            crate::metrics::sms("expired");
            continue;
        }
        let attempts = attempts + 1;
        match sender.send(&to, &text).await {
            Ok(()) => {
                sqlx::query(
                    "UPDATE sms_messages SET status = 'sent', attempts = $1, sent_at = $2, \
                     last_error = NULL, text = CASE WHEN $3 = 1 THEN text ELSE '' END \
                     WHERE id = $4",
                )
                .bind(attempts)
                .bind(clock.now())
                .bind(i64::from(sender.keeps_text()))
                .bind(&id)
                .execute(&db.pool)
                .await
                .context("mark an SMS sent")?;
                crate::metrics::sms("sent");
                sent += 1;
            }
            Err(err) => {
                // Senders word their errors without secrets: no URL, no text.
                let error = format!("{err:#}");
                let give_up = attempts >= MAX_ATTEMPTS;
                tracing::warn!(sms = %id, attempts, give_up, %error, "SMS not delivered");
                sqlx::query(
                    "UPDATE sms_messages SET status = $1, attempts = $2, next_attempt_at = $3, \
                     last_error = $4, text = CASE WHEN $5 = 1 THEN '' ELSE text END \
                     WHERE id = $6",
                )
                .bind(if give_up { "failed" } else { "queued" })
                .bind(attempts)
                .bind(clock.now() + backoff(attempts - 1))
                .bind(&error)
                .bind(i64::from(give_up))
                .bind(&id)
                .execute(&db.pool)
                .await
                .context("schedule an SMS retry")?;
                if give_up {
                    crate::metrics::sms("failed");
                }
            }
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
