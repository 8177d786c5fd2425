//! Password history (docs/policy.md "Password history"): a domain remembers
//! its accounts' last N passwords, the current one included, as their
//! argon2id hashes; a new password equal to one of them is refused with
//! `reused_password`. Only the server judges this, after the policy passed
//! (each comparison is a full argon2id verification). Previous hashes are
//! kept only as long as the setting needs them: N - 1 of them.

use proto::error::UserError;
use proto::policy::PolicyFailure;
use sqlx::AnyConnection;

use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::passwords::{PasswordHashString, Verified};

/// Refuses `password` for the mail account `account_id` when it equals one
/// of the last `remember` passwords (0 remembers none).
pub async fn refuse_reuse(
    ctx: &Ctx,
    account_id: &str,
    remember: u32,
    password: &str,
) -> Result<()> {
    if remember == 0 {
        return Ok(());
    }
    let mut hashes: Vec<String> =
        sqlx::query_scalar("SELECT password_hash FROM mail_accounts WHERE id = $1")
            .bind(account_id)
            .fetch_all(&ctx.db.pool)
            .await?;
    let previous: Vec<String> = sqlx::query_scalar(
        "SELECT password_hash FROM previous_passwords WHERE account_id = $1 \
         ORDER BY seq DESC LIMIT $2",
    )
    .bind(account_id)
    .bind(i64::from(remember - 1))
    .fetch_all(&ctx.db.pool)
    .await?;
    hashes.extend(previous);
    for hash in hashes {
        let stored = PasswordHashString::from_stored(hash);
        if !matches!(
            ctx.hasher.verify(Some(&stored), password).await?,
            Verified::No
        ) {
            return Err(UserError::Policy(vec![PolicyFailure::ReusedPassword]).into());
        }
    }
    Ok(())
}

/// Keeps the account's current hash as a previous one and drops what a
/// history of `remember` no longer needs, in the caller's transaction,
/// before the new hash replaces the current one.
pub async fn remember_current(
    tx: &mut AnyConnection,
    account_id: &str,
    remember: u32,
    now: i64,
) -> Result<()> {
    if remember > 1 {
        // Take the account's row first: a password set at the same moment
        // commits before this reads the hash it replaced, so that hash is
        // remembered too (PostgreSQL reads each statement afresh once the
        // lock is had).
        sqlx::query("UPDATE mail_accounts SET password_hash = password_hash WHERE id = $1")
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO previous_passwords (account_id, seq, password_hash, replaced_at) \
             SELECT a.id, COALESCE((SELECT MAX(p.seq) FROM previous_passwords p \
             WHERE p.account_id = a.id), 0) + 1, a.password_hash, $2 \
             FROM mail_accounts a WHERE a.id = $1",
        )
        .bind(account_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    trim(&mut *tx, account_id, remember).await
}

/// Drops an account's previous hashes beyond the newest `remember - 1`.
async fn trim(tx: &mut AnyConnection, account_id: &str, remember: u32) -> Result<()> {
    trim_where(tx, "p.account_id = $1", account_id, remember).await
}

/// After a domain's history setting changed: drops, for every account of
/// the domain, the previous hashes beyond the newest `remember - 1`.
pub async fn trim_domain(tx: &mut AnyConnection, domain_id: &str, remember: u32) -> Result<()> {
    let accounts = "p.account_id IN (SELECT id FROM mail_accounts WHERE domain_id = $1)";
    trim_where(tx, accounts, domain_id, remember).await
}

/// One statement for either: a row goes when `remember - 1` newer rows of
/// its account are kept.
async fn trim_where(tx: &mut AnyConnection, which: &str, bound: &str, remember: u32) -> Result<()> {
    let sql = format!(
        "DELETE FROM previous_passwords WHERE account_id IN \
         (SELECT p.account_id FROM previous_passwords p WHERE {which}) \
         AND (SELECT COUNT(*) FROM previous_passwords n \
              WHERE n.account_id = previous_passwords.account_id \
              AND n.seq > previous_passwords.seq) >= $2"
    );
    sqlx::query(&sql)
        .bind(bound)
        .bind(i64::from(remember.saturating_sub(1)))
        .execute(&mut *tx)
        .await?;
    Ok(())
}
