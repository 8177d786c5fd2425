//! Familiar browsers (OWASP's device cookies): after a successful web
//! logon the browser gets a cookie bound to that account, renewed on each
//! logon. A failure from a browser that carries the account's cookie
//! counts against that device's own budget, not the strangers'. The
//! cookie carries 256 random bits and the table only their SHA-256, so it
//! can be revoked (a reset, a disable) and a copy of the table opens
//! nothing; nothing needs signing.

use anyhow::Context;

use crate::request::{Request, SetCookie};

use crate::infra::clock::HOUR;
use crate::infra::sessions::{random_token, sha256_hex, Kind};

/// A device unused this long is a stranger again.
pub const DEVICE_LIFETIME: i64 = 30 * 24 * HOUR;

fn cookie_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Mail => "mail_device",
        Kind::Console => "console_device",
    }
}

/// The device the request's cookie names, if it is a live one of `subject`.
pub async fn familiar<'e, E>(
    executor: E,
    request: &Request,
    kind: Kind,
    subject_id: &str,
    now: i64,
) -> anyhow::Result<Option<String>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let Some(token) = request.cookie(cookie_name(kind)) else {
        return Ok(None);
    };
    sqlx::query_scalar(
        "SELECT id FROM known_devices WHERE token_hash = $1 AND subject_kind = $2 \
         AND subject_id = $3 AND last_used_at > $4",
    )
    .bind(sha256_hex(token))
    .bind(kind.as_str())
    .bind(subject_id)
    .bind(now - DEVICE_LIFETIME)
    .fetch_optional(executor)
    .await
    .context("look up the device cookie")
}

/// After a successful logon: the browser's cookie, new (a token is used
/// once; the device keeps its id, and so its counter, across renewals).
pub async fn renew(
    conn: &mut sqlx::AnyConnection,
    kind: Kind,
    subject_id: &str,
    device: Option<&str>,
    now: i64,
) -> anyhow::Result<SetCookie> {
    let token = random_token();
    let done = match device {
        Some(id) => {
            sqlx::query("UPDATE known_devices SET token_hash = $1, last_used_at = $2 WHERE id = $3")
                .bind(sha256_hex(&token))
                .bind(now)
                .bind(id)
                .execute(&mut *conn)
                .await
                .context("renew the device cookie")?
                .rows_affected()
        }
        None => 0,
    };
    if done == 0 {
        sqlx::query(
            "INSERT INTO known_devices (token_hash, id, subject_kind, subject_id, created_at, \
             last_used_at) VALUES ($1, $2, $3, $4, $5, $5)",
        )
        .bind(sha256_hex(&token))
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(kind.as_str())
        .bind(subject_id)
        .bind(now)
        .execute(&mut *conn)
        .await
        .context("remember the device")?;
    }
    Ok(SetCookie::new(
        cookie_name(kind),
        token,
        DEVICE_LIFETIME / 1000,
    ))
}

/// Forgets every familiar browser and mail client address of a subject
/// (its password was set, or it was disabled): all are strangers again.
pub async fn forget_all(
    conn: &mut sqlx::AnyConnection,
    kind: Kind,
    subject_id: &str,
) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM known_devices WHERE subject_kind = $1 AND subject_id = $2")
        .bind(kind.as_str())
        .bind(subject_id)
        .execute(&mut *conn)
        .await
        .context("forget the devices")?;
    if kind == Kind::Mail {
        sqlx::query("DELETE FROM familiar_addresses WHERE account_id = $1")
            .bind(subject_id)
            .execute(&mut *conn)
            .await
            .context("forget the mail clients")?;
    }
    Ok(())
}
