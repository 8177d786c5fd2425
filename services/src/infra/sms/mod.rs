//! SMS: every message is queued in the database (in the same transaction
//! as whatever it reports) and a worker hands it to the configured
//! `SmsSender` off the request path, so no response waits on the gateway.
//! Any instance's worker may deliver any message: a message is claimed
//! with a compare-and-swap on its next attempt time.

mod senders;
mod worker;

use std::sync::Arc;

use anyhow::Context;
use async_trait::async_trait;
use proto::language::{self, Language};
use proto::messages::{self, AccountNotice};
use serde::Serialize;
use tokio::sync::Notify;

pub use senders::{OutboxSender, WebhookSender};

pub use worker::{backoff, spawn_worker, MAX_ATTEMPTS};

use crate::config::{Config, SmsSenderKind};
use crate::infra::db::Db;

/// Hands one message to the outside world.
#[async_trait]
pub trait SmsSender: Send + Sync + 'static {
    async fn send(&self, to: &str, text: &str) -> anyhow::Result<()>;

    /// Whether a delivered message's text stays in the database. Only the
    /// outbox keeps it (it is the delivery); a gateway has it, so codes
    /// do not linger here.
    fn keeps_text(&self) -> bool {
        false
    }

    /// Where messages go, for the start-up log line: never a secret (a
    /// gateway is named by scheme, host and port only).
    fn describe(&self) -> String;
}

/// The sender the configuration names.
pub fn sender_from_config(config: &Config) -> anyhow::Result<Arc<dyn SmsSender>> {
    Ok(match config.sms_sender {
        SmsSenderKind::Outbox => Arc::new(OutboxSender {
            keep_text: config.demo,
        }),
        SmsSenderKind::Webhook => {
            let url = config
                .sms_webhook_url
                .clone()
                .context("--sms-sender webhook needs --sms-webhook-url (APP_SMS_WEBHOOK_URL)")?;
            Arc::new(WebhookSender::new(url, config.sms_webhook_token.clone())?)
        }
    })
}

/// The warning to log at start when messages would reach nobody: the
/// outbox only delivers into the database, which is what demo mode reads
/// (`/dev/outbox`), but outside it no phone ever gets a code.
pub fn outbox_warning(config: &Config) -> Option<&'static str> {
    (config.sms_sender == SmsSenderKind::Outbox && !config.demo).then_some(
        "SMS sender is `outbox`: messages are kept in the database and delivered to nobody; \
         set --sms-sender webhook (APP_SMS_SENDER) and --sms-webhook-url for a real gateway",
    )
}

/// Wakes this instance's worker when a message is queued.
#[derive(Clone, Default)]
pub struct SmsQueue {
    wake: Arc<Notify>,
}

impl SmsQueue {
    /// Call after the transaction that queued messages has committed.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// What the outbox's worker waits on.
    pub(crate) fn notify(&self) -> Arc<Notify> {
        self.wake.clone()
    }
}

/// Queues one message (a notice: it never expires); part of the caller's
/// transaction.
pub async fn enqueue<'e, E>(executor: E, to: &str, text: &str, now: i64) -> anyhow::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    insert(executor, to, text, now, None).await
}

/// Queues a message that carries a verification code valid until
/// `expires_at`; part of the caller's transaction. Once that time has
/// passed the worker drops the message unsent (status `expired`).
pub async fn enqueue_code<'e, E>(
    executor: E,
    to: &str,
    text: &str,
    now: i64,
    expires_at: i64,
) -> anyhow::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    insert(executor, to, text, now, Some(expires_at)).await
}

async fn insert<'e, E>(
    executor: E,
    to: &str,
    text: &str,
    now: i64,
    expires_at: Option<i64>,
) -> anyhow::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO sms_messages (id, to_number, text, created_at, next_attempt_at, expires_at) \
         VALUES ($1, $2, $3, $4, $4, $5)",
    )
    // Time-ordered ids keep "newest first" exact within one millisecond.
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(to)
    .bind(text)
    .bind(now)
    .bind(expires_at)
    .execute(executor)
    .await
    .context("queue an SMS")?;
    crate::infra::metrics::sms("queued");
    Ok(())
}

/// Queues `notice` to the account's verified secure phone, if it has
/// one, worded in `language` (the person who caused it, when that is the
/// holder) or else in the language the account last used on the web; part
/// of the caller's transaction. True when a message was queued.
pub async fn enqueue_for_account(
    conn: &mut sqlx::AnyConnection,
    account_id: &str,
    notice: &AccountNotice,
    language: Option<Language>,
    now: i64,
) -> anyhow::Result<bool> {
    match secure_phone(&mut *conn, account_id).await? {
        Some(phone) => {
            enqueue_to(conn, &phone, notice, language, now).await?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// A mail account's verified secure phone, and the language it last used
/// on the web (its notices are worded in it).
pub struct SecurePhone {
    number: String,
    language: Option<Language>,
}

/// The account's verified secure phone, if it has one.
pub async fn secure_phone(
    conn: &mut sqlx::AnyConnection,
    account_id: &str,
) -> anyhow::Result<Option<SecurePhone>> {
    let found: Option<(String, Option<String>)> = sqlx::query_as(
        "SELECT phone, language FROM mail_accounts \
         WHERE id = $1 AND phone IS NOT NULL AND phone_verified_at IS NOT NULL",
    )
    .bind(account_id)
    .fetch_optional(&mut *conn)
    .await
    .context("find the secure phone")?;
    Ok(found.map(|(number, last_used)| SecurePhone {
        number,
        language: last_used.as_deref().and_then(language::from_tag),
    }))
}

/// Queues `notice` to `phone`, worded in `language` or else in the one
/// the account last used; part of the caller's transaction.
pub async fn enqueue_to(
    conn: &mut sqlx::AnyConnection,
    phone: &SecurePhone,
    notice: &AccountNotice,
    language: Option<Language>,
    now: i64,
) -> anyhow::Result<()> {
    let language = language.or(phone.language).unwrap_or(Language::en);
    let text = messages::notice_sms(language, notice);
    enqueue(&mut *conn, &phone.number, &text, now).await
}

/// One message as `/dev/outbox` lists it.
#[derive(Debug, Serialize)]
pub struct OutboxEntry {
    pub to: String,
    pub text: String,
    /// RFC 3339, UTC.
    pub at: String,
}

/// The latest messages, newest first (demo mode only).
pub async fn outbox(db: &Db, limit: i64) -> anyhow::Result<Vec<OutboxEntry>> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT to_number, text, created_at FROM sms_messages \
         ORDER BY created_at DESC, id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&db.pool)
    .await
    .context("list the SMS outbox")?;
    Ok(rows
        .into_iter()
        .map(|(to, text, at)| OutboxEntry {
            to,
            text,
            at: proto::time::rfc3339(at),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::outbox_warning;
    use crate::config::Cli;
    use proto::time::rfc3339;

    #[test]
    fn the_outbox_outside_demo_mode_is_warned_about() {
        let config = |args: &[&str]| {
            let mut all = vec!["server"];
            all.extend_from_slice(args);
            Cli::try_parse_from(all).unwrap().serve
        };
        let warning = outbox_warning(&config(&[])).expect("a warning");
        assert!(warning.contains("delivered to nobody"), "{warning}");
        assert_eq!(outbox_warning(&config(&["--demo"])), None);
        let webhook = [
            "--sms-sender",
            "webhook",
            "--sms-webhook-url",
            "https://gw.example.com/",
        ];
        assert_eq!(outbox_warning(&config(&webhook)), None);
    }

    #[test]
    fn outbox_times_are_rfc3339() {
        assert_eq!(rfc3339(1_795_730_405_123), "2026-11-26T22:00:05.123Z");
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000Z");
    }
}
