//! How an SMS leaves the outbox (`crate::infra::outbox`): through the configured
//! sender, at most [`MAX_ATTEMPTS`] times. A code that expired on the way
//! is dropped unsent (it would only arrive dead), marked `expired`; a
//! message sent (unless the sender's delivery is the stored row),
//! dropped or given up on keeps no text.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use async_trait::async_trait;

use super::{SmsQueue, SmsSender};
use crate::infra::clock::SharedClock;
use crate::infra::db::Db;
use crate::infra::outbox::{self, Courier, Delivery};

/// Attempts before a message is marked failed.
pub const MAX_ATTEMPTS: i64 = 8;
/// Other instances' messages are found by polling this often.
const POLL: Duration = Duration::from_secs(1);

pub use crate::infra::outbox::backoff;

struct Sms {
    sender: Arc<dyn SmsSender>,
    clock: SharedClock,
}

pub fn spawn_worker(db: Db, sender: Arc<dyn SmsSender>, queue: SmsQueue, clock: SharedClock) {
    let courier = Sms {
        sender,
        clock: clock.clone(),
    };
    outbox::spawn(db, courier, clock, queue.notify(), POLL);
}

#[async_trait]
impl Courier for Sms {
    const TABLE: &'static str = "sms_messages";
    const NAME: &'static str = "sms";
    const MAX_ATTEMPTS: i64 = MAX_ATTEMPTS;

    async fn before_round(&self, db: &Db, now: i64) -> anyhow::Result<()> {
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
        Ok(())
    }

    async fn deliver(&self, db: &Db, id: &str) -> anyhow::Result<Delivery> {
        let (to, text, expires_at): (String, String, Option<i64>) =
            sqlx::query_as("SELECT to_number, text, expires_at FROM sms_messages WHERE id = $1")
                .bind(id)
                .fetch_one(&db.pool)
                .await
                .context("read a claimed SMS")?;
        // Earlier sends of this round may have taken a while.
        if expires_at.is_some_and(|at| at <= self.clock.now()) {
            return Ok(Delivery::Dropped("expired"));
        }
        // Senders word their errors without secrets: no URL, no text.
        Ok(match self.sender.send(&to, &text).await {
            Ok(()) => Delivery::Sent,
            Err(err) => Delivery::NotSent(err),
        })
    }

    fn forget(&self, status: &str) -> &'static str {
        match status {
            "sent" if self.sender.keeps_text() => "",
            "queued" => "",
            _ => ", text = ''",
        }
    }

    fn count(&self, status: &'static str) {
        crate::infra::metrics::sms(status);
    }
}
