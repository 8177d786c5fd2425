//! Removes what has outlived its use, so no table grows without bound:
//! Forgot Password flows and images a day after they expired, sessions a
//! day after they ended (timed out or revoked), counters (whatever they are
//! keyed by, an attacker's made-up address included) and remembered wrong
//! passwords once no limit needs them, familiar browsers and mail clients
//! unseen for 30 days, SMS no longer queued (sent, failed, expired) after
//! 30 days, mail-session kicks after a day (sent or not: with no doveadm
//! configured none is ever sent, and a day-old kick is moot), and audit
//! events after the retention (`--audit-retention-days`, 400 by default).
//! Runs in every instance; the deletes are idempotent.

use std::time::Duration;

use anyhow::Context;

use crate::infra::clock::{SharedClock, HOUR};
use crate::infra::db::Db;
use crate::infra::sessions::{ABSOLUTE_TIMEOUT, IDLE_TIMEOUT};
use crate::limits::LONGEST_WINDOW;

const EVERY: Duration = Duration::from_secs(600);
const DAY: i64 = 24 * HOUR;

/// What is kept for how long, beyond the fixed lifetimes above.
#[derive(Clone, Copy, Debug)]
pub struct Retention {
    /// Audit events, in milliseconds.
    pub audit: i64,
}

impl Retention {
    pub fn audit_days(days: u32) -> Self {
        Retention {
            audit: i64::from(days) * DAY,
        }
    }
}

impl Default for Retention {
    fn default() -> Self {
        Retention::audit_days(400)
    }
}

pub fn spawn(db: Db, clock: SharedClock, retention: Retention) {
    tokio::spawn(async move {
        loop {
            if let Err(err) = sweep(&db, clock.now(), retention).await {
                tracing::warn!(error = %format!("{err:#}"), "cleanup round failed");
            }
            tokio::time::sleep(EVERY).await;
        }
    });
}

/// One cleanup round as of `now`.
pub async fn sweep(db: &Db, now: i64, retention: Retention) -> anyhow::Result<()> {
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
    // A session ends at its absolute or idle timeout, or when revoked
    // (`sessions::lookup` refuses it from then on).
    sqlx::query(
        "DELETE FROM sessions \
         WHERE created_at < $1 OR last_seen_at < $2 OR revoked_at < $3",
    )
    .bind(day_ago - ABSOLUTE_TIMEOUT)
    .bind(day_ago - IDLE_TIMEOUT)
    .bind(day_ago)
    .execute(&db.pool)
    .await
    .context("delete old sessions")?;
    // Unlocked, and its window over for every limit: the next attempt
    // would count afresh anyway.
    sqlx::query(
        "DELETE FROM counters \
         WHERE (locked_until IS NULL OR locked_until <= $1) AND window_start <= $2",
    )
    .bind(now)
    .bind(now - LONGEST_WINDOW)
    .execute(&db.pool)
    .await
    .context("delete old counters")?;
    sqlx::query("DELETE FROM sms_messages WHERE status <> 'queued' AND created_at < $1")
        .bind(now - 30 * DAY)
        .execute(&db.pool)
        .await
        .context("delete old SMS")?;
    // Familiar browsers and mail clients not seen for their lifetime are
    // strangers again; remembered wrong passwords outlive no window.
    sqlx::query("DELETE FROM known_devices WHERE last_used_at < $1")
        .bind(now - crate::lockout::devices::DEVICE_LIFETIME)
        .execute(&db.pool)
        .await
        .context("delete old devices")?;
    sqlx::query("DELETE FROM familiar_addresses WHERE last_success_at < $1")
        .bind(now - crate::lockout::ADDRESS_LIFETIME)
        .execute(&db.pool)
        .await
        .context("delete old familiar mail clients")?;
    sqlx::query("DELETE FROM failed_fingerprints WHERE at < $1")
        .bind(now - LONGEST_WINDOW)
        .execute(&db.pool)
        .await
        .context("delete old failed fingerprints")?;
    sqlx::query("DELETE FROM mail_kicks WHERE created_at < $1")
        .bind(now - DAY)
        .execute(&db.pool)
        .await
        .context("delete old mail session kicks")?;
    sqlx::query("DELETE FROM report_links WHERE expires_at < $1")
        .bind(now)
        .execute(&db.pool)
        .await
        .context("delete expired report links")?;
    sqlx::query("DELETE FROM audit_events WHERE at < $1")
        .bind(now - retention.audit)
        .execute(&db.pool)
        .await
        .context("delete audit events past their retention")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::infra::clock::HOUR;
    use crate::limits::{ALL, LONGEST_WINDOW};

    /// Names of the `Limit` constants declared in `dir`, recursively.
    fn declared_limits(dir: &Path, names: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                declared_limits(&path, names);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let source = std::fs::read_to_string(&path).unwrap();
                for line in source.lines() {
                    if let Some(name) = line
                        .trim_start()
                        .strip_prefix("pub const ")
                        .and_then(|rest| rest.split_once(": Limit = Limit"))
                    {
                        names.push(name.0.to_owned());
                    }
                }
            }
        }
    }

    #[test]
    fn counters_are_kept_as_long_as_any_limit_needs_them() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut names = Vec::new();
        declared_limits(&src, &mut names);
        let limits = std::fs::read_to_string(src.join("limits/mod.rs")).unwrap();
        let all = &limits[limits.find("pub const ALL").unwrap()..];
        let all = &all[..all.find("];").unwrap()];
        for name in &names {
            assert!(
                all.contains(&format!("{name},")),
                "{name} is missing from limits::ALL: the janitor would delete its counters early"
            );
        }
        assert_eq!(names.len(), ALL.len(), "{names:?}");
        assert!(ALL.iter().all(|limit| limit.window <= LONGEST_WINDOW));
        assert_eq!(LONGEST_WINDOW, 24 * HOUR, "the questions' lock window");
    }
}
