//! Dropping a mailbox's open IMAP sessions when its password is reset or
//! the account is disabled: a request to Dovecot's doveadm HTTP API
//! (`kick`), queued in the same transaction as the change that causes it
//! and sent by a worker, retried with backoff, so the mail server being
//! down neither blocks the reset nor loses the kick. Any instance's worker
//! may send any request: a row is claimed by moving its next attempt time
//! (compare-and-swap), as SMS are.

use std::time::Duration;

use anyhow::Context;
use base64::Engine;

use crate::clock::{SharedClock, MINUTE};
use crate::db::Db;
use crate::sms::backoff;

/// Attempts before a kick is marked failed (about 20 minutes of retries).
pub const MAX_ATTEMPTS: i64 = 10;
/// How long a claimed kick stays reserved for the instance sending it.
const LEASE: i64 = MINUTE;
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
    crate::metrics::kick("queued");
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
    tokio::spawn(async move {
        loop {
            if let Err(err) = send_due(&db, &doveadm, &clock).await {
                tracing::warn!(error = %format!("{err:#}"), "mail session kick round failed");
            }
            tokio::time::sleep(POLL).await;
        }
    });
}

#[derive(sqlx::FromRow)]
struct Due {
    id: String,
    address: String,
    attempts: i64,
    next_attempt_at: i64,
}

/// Sends every kick that is due; returns how many were done.
pub async fn send_due(db: &Db, doveadm: &Doveadm, clock: &SharedClock) -> anyhow::Result<usize> {
    let now = clock.now();
    let due: Vec<Due> = sqlx::query_as(
        "SELECT id, address, attempts, next_attempt_at FROM mail_kicks \
         WHERE status = 'queued' AND next_attempt_at <= $1 ORDER BY created_at LIMIT 20",
    )
    .bind(now)
    .fetch_all(&db.pool)
    .await
    .context("find due mail session kicks")?;
    let mut done = 0;
    for kick in due {
        let claimed = sqlx::query(
            "UPDATE mail_kicks SET next_attempt_at = $1 \
             WHERE id = $2 AND status = 'queued' AND next_attempt_at = $3",
        )
        .bind(now + LEASE)
        .bind(&kick.id)
        .bind(kick.next_attempt_at)
        .execute(&db.pool)
        .await
        .context("claim a mail session kick")?;
        if claimed.rows_affected() != 1 {
            continue; // another instance has it
        }
        let attempts = kick.attempts + 1;
        let (status, next, error) = match doveadm.kick(&kick.address, &kick.id).await {
            Ok(()) => ("sent", clock.now(), None),
            Err(err) => {
                let error = format!("{err:#}");
                let give_up = attempts >= MAX_ATTEMPTS;
                tracing::warn!(kick = %kick.id, attempts, give_up, %error, "mail sessions not kicked");
                let status = if give_up { "failed" } else { "queued" };
                (status, clock.now() + backoff(attempts - 1), Some(error))
            }
        };
        sqlx::query(
            "UPDATE mail_kicks SET status = $1, attempts = $2, next_attempt_at = $3, \
             last_error = $4, sent_at = CASE WHEN $1 = 'sent' THEN $3 ELSE sent_at END \
             WHERE id = $5",
        )
        .bind(status)
        .bind(attempts)
        .bind(next)
        .bind(error)
        .bind(&kick.id)
        .execute(&db.pool)
        .await
        .context("record a mail session kick")?;
        if status != "queued" {
            crate::metrics::kick(status);
        }
        if status == "sent" {
            done += 1;
        }
    }
    Ok(done)
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
