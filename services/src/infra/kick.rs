//! Dropping a mailbox's open IMAP sessions when its password is reset or
//! the account is disabled: a request to Dovecot's doveadm HTTP API
//! (`kick`), queued in the same transaction as the change that causes it
//! and sent by a worker, retried with backoff, so the mail server being
//! down neither blocks the reset nor loses the kick. Any instance's worker
//! may send any request: `Doveadm` is the courier of the `mail_kicks`
//! queue in the one outbox (`crate::infra::outbox`), as the SMS sender is of SMS.

use std::time::Duration;

use anyhow::Context;
use base64::Engine;

use std::sync::Arc;

use async_trait::async_trait;
use tokio::sync::Notify;

use crate::infra::clock::{SharedClock, MINUTE};
use crate::infra::db::Db;
use crate::infra::outbox::{self, Courier, Delivery};

/// Attempts before a kick is marked failed (about 20 minutes of retries).
pub const MAX_ATTEMPTS: i64 = 10;
/// Kicks are found by polling this often (a reset is felt by the mail
/// client within about this long).
const POLL: Duration = Duration::from_millis(500);
/// One request to doveadm; a slow mail server is retried, not waited on.
const TIMEOUT: Duration = Duration::from_secs(5);
/// doveadm's exit code when the mask matched no session: nothing to drop.
const NO_SESSIONS: i64 = 68;

/// Queues a kick of `address`'s sessions; part of the caller's transaction.
pub async fn enqueue<'e, E>(executor: E, address: &str, now: i64) -> anyhow::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO mail_kicks (id, address, created_at, next_attempt_at) VALUES ($1, $2, $3, $3)",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(address)
    .bind(now)
    .execute(executor)
    .await
    .context("queue a mail session kick")?;
    crate::infra::metrics::kick("queued");
    Ok(())
}

/// Where and how to reach doveadm's HTTP API.
#[derive(Clone)]
pub struct Doveadm {
    url: String,
    /// `X-Dovecot-API <base64 key>`.
    authorization: String,
    client: reqwest::Client,
}

impl std::fmt::Debug for Doveadm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Doveadm")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl Doveadm {
    pub fn new(url: String, api_key: &str) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .build()
            .context("build the doveadm HTTP client")?;
        let key = base64::engine::general_purpose::STANDARD.encode(api_key);
        Ok(Doveadm {
            url,
            authorization: format!("X-Dovecot-API {key}"),
            client,
        })
    }

    /// Drops every session of `address`. An error says what failed without
    /// the key.
    pub async fn kick(&self, address: &str, tag: &str) -> anyhow::Result<()> {
        let body = serde_json::json!([["kick", { "mask": address }, tag]]);
        let response = self
            .client
            .post(&self.url)
            .header(reqwest::header::AUTHORIZATION, &self.authorization)
            .json(&body)
            .send()
            .await
            .map_err(|err| anyhow::anyhow!("doveadm unreachable: {}", err.without_url()))?;
        let status = response.status();
        if !status.is_success() {
            anyhow::bail!("doveadm answered HTTP {status}");
        }
        let answer: serde_json::Value = response
            .json()
            .await
            .map_err(|err| anyhow::anyhow!("doveadm answer unreadable: {}", err.without_url()))?;
        let first = &answer[0];
        match first[0].as_str() {
            Some("doveadmResponse") => Ok(()),
            Some("error") if first[1]["exitCode"].as_i64() == Some(NO_SESSIONS) => Ok(()),
            _ => anyhow::bail!("doveadm refused the kick: {first}"),
        }
    }
}

pub fn spawn_worker(db: Db, doveadm: Doveadm, clock: SharedClock) {
    // Nothing wakes it: kicks are polled for, often.
    outbox::spawn(db, doveadm, clock, Arc::new(Notify::new()), POLL);
}

#[async_trait]
impl Courier for Doveadm {
    const TABLE: &'static str = "mail_kicks";
    const NAME: &'static str = "mail session kicks";
    const MAX_ATTEMPTS: i64 = MAX_ATTEMPTS;

    async fn deliver(&self, db: &Db, id: &str) -> anyhow::Result<Delivery> {
        let address: String = sqlx::query_scalar("SELECT address FROM mail_kicks WHERE id = $1")
            .bind(id)
            .fetch_one(&db.pool)
            .await
            .context("read a claimed mail session kick")?;
        Ok(match self.kick(&address, id).await {
            Ok(()) => Delivery::Sent,
            Err(err) => Delivery::NotSent(err),
        })
    }

    fn count(&self, status: &'static str) {
        crate::infra::metrics::kick(status);
    }
}

/// Kicks done or given up on are kept a day, for the record.
pub const KEPT: i64 = 24 * 60 * MINUTE;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_never_shows_in_debug_output() {
        let doveadm =
            Doveadm::new("http://127.0.0.1:8080/doveadm/v1".into(), "s3cret-key").unwrap();
        let shown = format!("{doveadm:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(!shown.contains(&base64::engine::general_purpose::STANDARD.encode("s3cret-key")));
        assert!(shown.contains("127.0.0.1:8080"));
    }
}
