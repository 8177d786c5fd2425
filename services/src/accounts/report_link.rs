//! "This wasn't me" links: made in the transaction whose SMS carries one,
//! stored only as the token's SHA-256, valid for 7 days, used once
//! (`report` spends them).

use anyhow::Context;
use rand::distributions::{Alphanumeric, DistString};
use rand::rngs::OsRng;
use sqlx::AnyConnection;

use proto::report::{Reportable, LINK_TTL_MS, REPORT_PATH};

use crate::infra::sessions::sha256_hex;

/// Letters and digits in a token: 16 of 62 (95 bits) keep the link short
/// enough for one SMS segment.
const TOKEN_CHARS: usize = 16;

/// Makes a link reporting `what` (which happened at `now`) on the account,
/// and answers its URL under `origin`. `phone` is the new secure phone of
/// a phone change.
pub async fn issue(
    conn: &mut AnyConnection,
    origin: &str,
    account_id: &str,
    what: Reportable,
    phone: Option<&str>,
    now: i64,
) -> anyhow::Result<String> {
    let token = Alphanumeric.sample_string(&mut OsRng, TOKEN_CHARS);
    sqlx::query(
        "INSERT INTO report_links (token_hash, account_id, what, happened_at, phone, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(sha256_hex(&token))
    .bind(account_id)
    .bind(what.key())
    .bind(now)
    .bind(phone)
    .bind(now + LINK_TTL_MS)
    .execute(&mut *conn)
    .await
    .context("store a report link")?;
    Ok(format!("{origin}{REPORT_PATH}{token}"))
}

/// A link as stored.
#[derive(sqlx::FromRow)]
pub struct StoredLink {
    pub account_id: String,
    pub what: String,
    pub happened_at: i64,
    pub phone: Option<String>,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

/// The link `token` names, used or not.
pub async fn find<'e, E>(executor: E, token: &str) -> anyhow::Result<Option<StoredLink>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_as(
        "SELECT account_id, what, happened_at, phone, expires_at, used_at \
         FROM report_links WHERE token_hash = $1",
    )
    .bind(sha256_hex(token))
    .fetch_optional(executor)
    .await
    .context("find a report link")
}

/// Spends the link `token` names and every other open link of its
/// account, in the caller's transaction: true only for the one call that
/// found it open and live.
pub async fn spend(
    conn: &mut AnyConnection,
    token: &str,
    account_id: &str,
    now: i64,
) -> anyhow::Result<bool> {
    let spent = sqlx::query(
        "UPDATE report_links SET used_at = $1 \
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(sha256_hex(token))
    .execute(&mut *conn)
    .await
    .context("spend a report link")?;
    if spent.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query("UPDATE report_links SET used_at = $1 WHERE account_id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(account_id)
        .execute(&mut *conn)
        .await
        .context("spend the account's other report links")?;
    Ok(true)
}
