//! Sessions in the database, so any instance can serve any request and an
//! account's sessions can all be revoked at once. The cookie carries 256
//! random bits; the table keeps only their SHA-256, so a leaked table opens
//! no session. ASVS 3.3: idle and absolute timeouts.

use anyhow::Context;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::request::SetCookie;

use crate::infra::clock::{HOUR, MINUTE};
use crate::infra::db::Db;

pub const IDLE_TIMEOUT: i64 = 30 * MINUTE;
pub const ABSOLUTE_TIMEOUT: i64 = 12 * HOUR;
/// Last-seen times are written at most this often, to spare the database.
const TOUCH_EVERY: i64 = MINUTE;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Mail,
    Console,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Mail => "mail",
            Kind::Console => "console",
        }
    }

    pub fn cookie_name(self) -> &'static str {
        match self {
            Kind::Mail => "mail_session",
            Kind::Console => "console_session",
        }
    }
}

/// A session token as the cookie carries it; never printed.
pub struct Token(String);

impl Token {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(***)")
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn sha256_hex(value: &str) -> String {
    hex(&Sha256::digest(value.as_bytes()))
}

/// Compares two hashes without stopping at the first difference.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

pub async fn create<'e, E>(
    executor: E,
    kind: Kind,
    subject_id: &str,
    now: i64,
) -> anyhow::Result<Token>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let token = random_token();
    sqlx::query(
        "INSERT INTO sessions (id_hash, subject_kind, subject_id, created_at, last_seen_at) \
         VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(sha256_hex(&token))
    .bind(kind.as_str())
    .bind(subject_id)
    .bind(now)
    .execute(executor)
    .await
    .context("create session")?;
    Ok(Token(token))
}

/// The subject of a live session, touching its last-seen time.
pub async fn lookup(db: &Db, kind: Kind, token: &str, now: i64) -> anyhow::Result<Option<String>> {
    let id_hash = sha256_hex(token);
    let row: Option<(String, i64, i64)> = sqlx::query_as(
        "SELECT subject_id, created_at, last_seen_at FROM sessions \
         WHERE id_hash = $1 AND subject_kind = $2 AND revoked_at IS NULL",
    )
    .bind(&id_hash)
    .bind(kind.as_str())
    .fetch_optional(&db.pool)
    .await
    .context("look up session")?;
    let Some((subject, created_at, last_seen_at)) = row else {
        return Ok(None);
    };
    if now - created_at >= ABSOLUTE_TIMEOUT || now - last_seen_at >= IDLE_TIMEOUT {
        return Ok(None);
    }
    if now - last_seen_at >= TOUCH_EVERY {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
            .bind(now)
            .bind(&id_hash)
            .execute(&db.pool)
            .await
            .context("touch session")?;
    }
    Ok(Some(subject))
}

pub async fn revoke(db: &Db, token: &str, now: i64) -> anyhow::Result<()> {
    sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE id_hash = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(sha256_hex(token))
        .execute(&db.pool)
        .await
        .context("revoke session")?;
    Ok(())
}

/// Revokes every session of a subject, but the one `keep` names (the
/// session that made a change keeps working).
pub async fn revoke_all<'e, E>(
    executor: E,
    kind: Kind,
    subject_id: &str,
    keep: Option<&str>,
    now: i64,
) -> anyhow::Result<u64>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let keep_hash = keep.map(sha256_hex).unwrap_or_default();
    let done = sqlx::query(
        "UPDATE sessions SET revoked_at = $1 \
         WHERE subject_kind = $2 AND subject_id = $3 AND revoked_at IS NULL AND id_hash <> $4",
    )
    .bind(now)
    .bind(kind.as_str())
    .bind(subject_id)
    .bind(keep_hash)
    .execute(executor)
    .await
    .context("revoke sessions")?;
    Ok(done.rows_affected())
}

/// The session cookie.
pub fn cookie(kind: Kind, token: &str) -> SetCookie {
    SetCookie::new(kind.cookie_name(), token, ABSOLUTE_TIMEOUT / 1000)
}

pub fn clearing_cookie(kind: Kind) -> SetCookie {
    SetCookie::clear(kind.cookie_name())
}
