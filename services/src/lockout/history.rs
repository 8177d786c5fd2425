//! The current and the last [`KEEP`] previous passwords of an account, by
//! fingerprint: so a mail app that still presents the previous password
//! after a change is recognised, not counted as an attack.

use anyhow::Context;

use super::fingerprint::Fingerprint;
use crate::infra::sessions::Kind;

/// How many previous passwords are recognised.
pub const KEEP: i64 = 5;

fn table(kind: Kind) -> &'static str {
    match kind {
        Kind::Mail => "mail_accounts",
        Kind::Console => "cloud_accounts",
    }
}

/// Before a new password is stored: the current one becomes a previous
/// one (with the hash it had), the new one current, and only the last
/// [`KEEP`] previous ones stay. Part of the caller's transaction.
pub async fn replace(
    conn: &mut sqlx::AnyConnection,
    kind: Kind,
    subject_id: &str,
    new: Fingerprint,
    now: i64,
) -> anyhow::Result<()> {
    let sql = format!(
        "UPDATE password_history SET replaced_at = $1, \
           password_hash = (SELECT password_hash FROM {} WHERE id = $3) \
         WHERE subject_kind = $2 AND subject_id = $3 AND replaced_at IS NULL",
        table(kind)
    );
    sqlx::query(&sql)
        .bind(now)
        .bind(kind.as_str())
        .bind(subject_id)
        .execute(&mut *conn)
        .await
        .context("retire the current password")?;
    record_current(&mut *conn, kind, subject_id, new, now).await?;
    sqlx::query(
        "DELETE FROM password_history WHERE subject_kind = $1 AND subject_id = $2 \
         AND replaced_at IS NOT NULL AND id NOT IN (SELECT id FROM password_history \
           WHERE subject_kind = $1 AND subject_id = $2 AND replaced_at IS NOT NULL \
           ORDER BY replaced_at DESC LIMIT $3)",
    )
    .bind(kind.as_str())
    .bind(subject_id)
    .bind(KEEP)
    .execute(&mut *conn)
    .await
    .context("forget older passwords")?;
    Ok(())
}

/// Records the fingerprint of the current password, unless one is known
/// already: a new account's first password, the one `replace` just made
/// current, or (seen at its next successful logon) the password of an
/// account from before fingerprints were kept.
pub async fn record_current<'e, E>(
    executor: E,
    kind: Kind,
    subject_id: &str,
    fingerprint: Fingerprint,
    now: i64,
) -> anyhow::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO password_history (id, subject_kind, subject_id, fingerprint, set_at) \
         SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM password_history \
           WHERE subject_kind = $2 AND subject_id = $3 AND replaced_at IS NULL)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(kind.as_str())
    .bind(subject_id)
    .bind(fingerprint.0)
    .bind(now)
    .execute(executor)
    .await
    .context("record the current password's fingerprint")?;
    Ok(())
}

/// A previous password whose fingerprint a presented password has.
#[derive(Debug, sqlx::FromRow)]
pub struct Previous {
    pub id: String,
    /// The argon2id hash it had (absent when it was only ever seen by its
    /// fingerprint).
    pub password_hash: Option<String>,
    pub stale_noticed_at: Option<i64>,
}

/// The most recent previous password with `fingerprint`, unless the
/// current password has it too (then it may well be the current one).
pub async fn previous_with<'e, E>(
    executor: E,
    kind: Kind,
    subject_id: &str,
    fingerprint: Fingerprint,
) -> anyhow::Result<Option<Previous>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_as(
        "SELECT id, password_hash, stale_noticed_at FROM password_history \
         WHERE subject_kind = $1 AND subject_id = $2 AND fingerprint = $3 \
           AND replaced_at IS NOT NULL \
           AND NOT EXISTS (SELECT 1 FROM password_history \
             WHERE subject_kind = $1 AND subject_id = $2 AND fingerprint = $3 \
               AND replaced_at IS NULL) \
         ORDER BY replaced_at DESC LIMIT 1",
    )
    .bind(kind.as_str())
    .bind(subject_id)
    .bind(fingerprint.0)
    .fetch_optional(executor)
    .await
    .context("look for a previous password")
}

/// Marks a previous password as told about; true for the one caller
/// that marked it (the holder is told once).
pub async fn mark_noticed<'e, E>(executor: E, previous_id: &str, now: i64) -> anyhow::Result<bool>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "UPDATE password_history SET stale_noticed_at = $1 \
         WHERE id = $2 AND stale_noticed_at IS NULL",
    )
    .bind(now)
    .bind(previous_id)
    .execute(executor)
    .await
    .context("mark the stale password noticed")?;
    Ok(done.rows_affected() == 1)
}
