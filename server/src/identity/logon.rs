//! Logon and logout. The per-account counter is keyed by the address as
//! submitted, whether or not an account has it, and an unknown address
//! verifies a dummy hash: wrong password, unknown address and lockout read
//! and time the same.

use app::auth::ports::SessionStart;
use app::auth::{landing_path, Role};
use app::error::{Invalid, UserError};
use app::secret::Secret;
use http::request::Parts;
use sqlx::Row;

use super::{internal, IdentityServiceImpl};
use crate::audit::{self, Event};
use crate::limits::{self, FAILED_LOGONS_PER_ACCOUNT, FAILED_LOGONS_PER_CLIENT};
use crate::passwords::{PasswordHashString, Verified};
use crate::sessions::{self, Kind};

struct Candidate {
    id: String,
    domain_id: Option<String>,
    hash: PasswordHashString,
    enabled: bool,
    role: Role,
    must_change: bool,
}

/// Addresses and login names compare case-insensitively.
pub fn normalize_login(value: &str) -> String {
    value.trim().to_lowercase()
}

/// The longest address (RFC 5321: 254 characters in a path) or login name
/// accepted; anything longer is refused before any lookup, counter or
/// audit row.
pub const MAX_LOGIN_CHARS: usize = 254;

/// The login as compared, or a clear refusal when it cannot be one.
pub fn checked_login(value: &str) -> Result<String, UserError> {
    let login = normalize_login(value);
    if login.chars().count() > MAX_LOGIN_CHARS {
        return Err(UserError::Invalid(Invalid::LoginTooLong {
            max: MAX_LOGIN_CHARS,
        }));
    }
    Ok(login)
}

pub async fn mail(
    service: &IdentityServiceImpl,
    request: &Parts,
    address: &str,
    password: &Secret,
) -> Result<SessionStart, UserError> {
    if service.hasher.is_saturated() {
        return Err(UserError::Busy);
    }
    let address = checked_login(address)?;
    let row = sqlx::query(
        "SELECT id, domain_id, password_hash, status, role, must_change_password \
         FROM mail_accounts WHERE address = $1",
    )
    .bind(&address)
    .fetch_optional(&service.db.pool)
    .await
    .map_err(|e| internal(e.into()))?;
    let candidate = row.map(|row| Candidate {
        id: row.get(0),
        domain_id: Some(row.get(1)),
        hash: PasswordHashString::from_stored(row.get(2)),
        enabled: row.get::<String, _>(3) == "enabled",
        role: if row.get::<String, _>(4) == "postmaster" {
            Role::Postmaster
        } else {
            Role::Employee
        },
        must_change: row.get::<i64, _>(5) != 0,
    });
    attempt(service, request, Kind::Mail, &address, candidate, password).await
}

pub async fn console(
    service: &IdentityServiceImpl,
    request: &Parts,
    login_name: &str,
    password: &Secret,
) -> Result<SessionStart, UserError> {
    if service.hasher.is_saturated() {
        return Err(UserError::Busy);
    }
    let login_name = checked_login(login_name)?;
    let row = sqlx::query("SELECT id, password_hash FROM cloud_accounts WHERE login_name = $1")
        .bind(&login_name)
        .fetch_optional(&service.db.pool)
        .await
        .map_err(|e| internal(e.into()))?;
    let candidate = row.map(|row| Candidate {
        id: row.get(0),
        domain_id: None,
        hash: PasswordHashString::from_stored(row.get(1)),
        enabled: true,
        role: Role::Employee,
        must_change: false,
    });
    attempt(
        service,
        request,
        Kind::Console,
        &login_name,
        candidate,
        password,
    )
    .await
}

async fn attempt(
    service: &IdentityServiceImpl,
    request: &Parts,
    kind: Kind,
    login: &str,
    candidate: Option<Candidate>,
    password: &Secret,
) -> Result<SessionStart, UserError> {
    let db = &service.db;
    let now = service.now();
    let client = service.client_addr(request);
    let (bad_credentials, prefix) = match kind {
        Kind::Mail => (UserError::BadCredentials, "mail"),
        Kind::Console => (UserError::BadConsoleCredentials, "console"),
    };
    let account_key = format!("logon:{prefix}:{login}");
    let client_key = format!("logon-client:{}", service.client_key(request));

    // Reserve before judging: both slots are taken before the hash runs,
    // so a burst gets no more attempts judged than the caps allow.
    let Some(client_slot) = limits::reserve(db, &client_key, FAILED_LOGONS_PER_CLIENT, now)
        .await
        .map_err(internal)?
    else {
        return Err(UserError::TooManyRequests);
    };
    let Some(account_slot) = limits::reserve(db, &account_key, FAILED_LOGONS_PER_ACCOUNT, now)
        .await
        .map_err(internal)?
    else {
        // Refused unjudged: this attempt is not a failure of the client.
        limits::release(db, &client_key, client_slot)
            .await
            .map_err(internal)?;
        return Err(UserError::Locked);
    };

    let verified = service
        .hasher
        .verify(candidate.as_ref().map(|c| &c.hash), password.expose())
        .await;
    let verified = match verified {
        Ok(verified) => verified,
        Err(err) => {
            // Not judged after all (the hasher was busy): both slots back.
            limits::release(db, &account_key, account_slot)
                .await
                .map_err(internal)?;
            limits::release(db, &client_key, client_slot)
                .await
                .map_err(internal)?;
            return Err(err.into());
        }
    };
    let domain_id = candidate.as_ref().and_then(|c| c.domain_id.as_deref());

    // A disabled account answers a right password like a wrong one: it
    // must not tell an attacker that the password they tried is right.
    let right = candidate
        .as_ref()
        .filter(|account| verified != Verified::No && account.enabled);
    let Some(account) = right else {
        let locked = account_slot.locked_it;
        audit::record(
            &db.pool,
            Event {
                at: now,
                domain_id,
                actor: login,
                action: if locked {
                    "logon_locked"
                } else {
                    "logon_failed"
                },
                target: Some(login),
                client_addr: Some(&client),
                detail: None,
            },
        )
        .await
        .map_err(internal)?;
        return Err(if locked {
            UserError::Locked
        } else if candidate.as_ref().is_some_and(|c| !c.enabled) {
            UserError::AccountDisabled
        } else {
            bad_credentials
        });
    };
    // Right, and counted by nobody: the client's slot goes back. But the
    // lock is checked again now that the hash is done: failures that
    // arrived meanwhile may have locked the account, and a right password
    // does not open a locked account.
    limits::release(db, &client_key, client_slot)
        .await
        .map_err(internal)?;
    if limits::locked_by_others(db, &account_key, account_slot, now)
        .await
        .map_err(internal)?
    {
        return Err(UserError::Locked);
    }

    if verified == Verified::YesRehash {
        upgrade_hash(service, kind, &account.id, password).await?;
    }
    // One transaction for the writes of a logon (one commit, one lock on
    // SQLite): the failure count cleared (only when there is one), the
    // session, the last-logon time, the audit event.
    let start = async {
        let mut tx = db.pool.begin().await?;
        sqlx::query("DELETE FROM counters WHERE key = $1")
            .bind(&account_key)
            .execute(&mut *tx)
            .await?;
        let token = sessions::create(&mut *tx, kind, &account.id, now).await?;
        if kind == Kind::Mail {
            sqlx::query("UPDATE mail_accounts SET last_logon_at = $1 WHERE id = $2")
                .bind(now)
                .bind(&account.id)
                .execute(&mut *tx)
                .await?;
        }
        audit::record(
            &mut *tx,
            Event {
                at: now,
                domain_id,
                actor: login,
                action: "logon",
                target: Some(login),
                client_addr: Some(&client),
                detail: None,
            },
        )
        .await?;
        tx.commit().await?;
        anyhow::Ok(token)
    };
    let token = start.await.map_err(internal)?;
    let redirect_to = match kind {
        Kind::Mail => landing_path(account.role, account.must_change).to_owned(),
        Kind::Console => "/console".to_owned(),
    };
    Ok(SessionStart {
        set_cookie: sessions::cookie(kind, token.as_str(), service.cookie_secure()),
        redirect_to,
    })
}

/// A hash made with older parameters is replaced at the next logon.
async fn upgrade_hash(
    service: &IdentityServiceImpl,
    kind: Kind,
    id: &str,
    password: &Secret,
) -> Result<(), UserError> {
    let hash = service.hasher.hash(password.expose()).await?;
    let sql = match kind {
        Kind::Mail => "UPDATE mail_accounts SET password_hash = $1 WHERE id = $2",
        Kind::Console => "UPDATE cloud_accounts SET password_hash = $1 WHERE id = $2",
    };
    sqlx::query(sql)
        .bind(hash.as_str())
        .bind(id)
        .execute(&service.db.pool)
        .await
        .map_err(|e| internal(e.into()))?;
    Ok(())
}

pub async fn log_out(
    service: &IdentityServiceImpl,
    request: &Parts,
    kind: Kind,
) -> Result<String, UserError> {
    let now = service.now();
    if let Some(token) =
        sessions::token_from_headers(&request.headers, kind, service.cookie_secure())
    {
        if let Some(subject) = sessions::lookup(&service.db, kind, &token, now)
            .await
            .map_err(internal)?
        {
            sessions::revoke(&service.db, &token, now)
                .await
                .map_err(internal)?;
            let client = service.client_addr(request);
            // The audit trail names people, not internal ids.
            let (actor, domain_id) = match kind {
                Kind::Mail => {
                    let row =
                        sqlx::query("SELECT address, domain_id FROM mail_accounts WHERE id = $1")
                            .bind(&subject)
                            .fetch_optional(&service.db.pool)
                            .await
                            .map_err(|e| internal(e.into()))?;
                    row.map_or((subject.clone(), None), |row| {
                        (row.get(0), Some(row.get::<String, _>(1)))
                    })
                }
                Kind::Console => {
                    let name: Option<String> =
                        sqlx::query_scalar("SELECT login_name FROM cloud_accounts WHERE id = $1")
                            .bind(&subject)
                            .fetch_optional(&service.db.pool)
                            .await
                            .map_err(|e| internal(e.into()))?;
                    (name.unwrap_or(subject.clone()), None)
                }
            };
            audit::record(
                &service.db.pool,
                Event {
                    at: now,
                    domain_id: domain_id.as_deref(),
                    actor: &actor,
                    action: "logout",
                    target: Some(&actor),
                    client_addr: Some(&client),
                    detail: None,
                },
            )
            .await
            .map_err(internal)?;
        }
    }
    Ok(sessions::clearing_cookie(kind, service.cookie_secure()))
}
