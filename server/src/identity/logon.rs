//! Logon and logout. The per-account counter is keyed by the login as
//! submitted, whether or not an account has it, and an unknown login
//! verifies a dummy hash: wrong password, unknown address and lockout read
//! and time the same.

use app::admin::AuditAction;
use app::auth::ports::SessionStart;
use app::auth::{landing_path, Role};
use app::error::UserError;
use app::request::{Request, SetCookie};
use app::secret::Secret;

use crate::accounts::Status;
use crate::address::Login;
use crate::audit::Event;
use crate::ctx::Ctx;
use crate::db::Flag;
use crate::error::Result;
use crate::limits::{self, Counter};
use crate::passwords::{PasswordHashString, Verified};
use crate::sessions::{self, Kind};

/// Whoever the login names, as the logon needs them.
#[derive(sqlx::FromRow)]
struct Candidate {
    id: String,
    domain_id: Option<String>,
    password_hash: String,
    #[sqlx(try_from = "String")]
    status: Status,
    #[sqlx(try_from = "String")]
    role: Role,
    #[sqlx(try_from = "i64")]
    must_change_password: Flag,
}

async fn candidate(ctx: &Ctx, kind: Kind, login: &Login) -> Result<Option<Candidate>> {
    let sql = match kind {
        Kind::Mail => {
            "SELECT id, domain_id, password_hash, status, role, must_change_password \
             FROM mail_accounts WHERE address = $1"
        }
        // An owner is always enabled, has no domain and no forced change.
        Kind::Console => {
            "SELECT id, CAST(NULL AS TEXT) AS domain_id, password_hash, 'enabled' AS status, \
                    'employee' AS role, CAST(0 AS BIGINT) AS must_change_password \
             FROM cloud_accounts WHERE login_name = $1"
        }
    };
    Ok(sqlx::query_as::<_, Candidate>(sql)
        .bind(login.as_str())
        .fetch_optional(&ctx.db.pool)
        .await?)
}

pub async fn log_on(
    ctx: &Ctx,
    request: &Request,
    kind: Kind,
    login: &str,
    password: &Secret,
) -> Result<SessionStart> {
    if ctx.hasher.is_saturated() {
        return Err(UserError::Busy.into());
    }
    let login = Login::parse(login)?;
    let candidate = candidate(ctx, kind, &login).await?;
    let login = login.as_str();
    let db = &ctx.db;
    let now = ctx.now();
    let client = &request.client.addr;
    let account_counter = Counter::Logon(kind, login);
    let client_counter = Counter::LogonClient(&request.client.limit_key);

    // Reserve before judging: both slots are taken before the hash runs,
    // so a burst gets no more attempts judged than the caps allow.
    let Some(client_slot) = limits::reserve(db, &client_counter, now).await? else {
        return Err(UserError::TooManyRequests.into());
    };
    let Some(account_slot) = limits::reserve(db, &account_counter, now).await? else {
        // Refused unjudged: this attempt is not a failure of the client.
        limits::release(db, &client_counter, client_slot).await?;
        return Err(UserError::Locked.into());
    };

    let hash = candidate
        .as_ref()
        .map(|c| PasswordHashString::from_stored(c.password_hash.clone()));
    let verified = match ctx.hasher.verify(hash.as_ref(), password.expose()).await {
        Ok(verified) => verified,
        Err(err) => {
            // Not judged after all (the hasher was busy): both slots back.
            limits::release(db, &account_counter, account_slot).await?;
            limits::release(db, &client_counter, client_slot).await?;
            return Err(err.into());
        }
    };
    let domain_id = candidate.as_ref().and_then(|c| c.domain_id.as_deref());

    // A disabled account answers a right password like a wrong one: it
    // must not tell an attacker that the password they tried is right.
    let right = candidate
        .as_ref()
        .filter(|account| verified != Verified::No && account.status.is_enabled());
    let Some(account) = right else {
        let locked = account_slot.locked_it;
        let action = if locked {
            AuditAction::LogonLocked
        } else {
            AuditAction::LogonFailed
        };
        Event::at_logon(login, domain_id, client, action)
            .record(&db.pool, now)
            .await?;
        return Err(if locked {
            UserError::Locked
        } else if candidate.as_ref().is_some_and(|c| !c.status.is_enabled()) {
            UserError::AccountDisabled
        } else if kind == Kind::Console {
            UserError::BadConsoleCredentials
        } else {
            UserError::BadCredentials
        }
        .into());
    };
    // Right, and counted by nobody: the client's slot goes back. But the
    // lock is checked again now that the hash is done: failures that
    // arrived meanwhile may have locked the account, and a right password
    // does not open a locked account.
    limits::release(db, &client_counter, client_slot).await?;
    if limits::locked_by_others(db, &account_counter, account_slot, now).await? {
        return Err(UserError::Locked.into());
    }

    if verified == Verified::YesRehash {
        upgrade_hash(ctx, kind, &account.id, password).await?;
    }
    // One transaction for the writes of a logon (one commit, one lock on
    // SQLite): the failure count cleared, the session, the last-logon
    // time, the audit event.
    let mut tx = db.pool.begin().await?;
    limits::clear(&mut *tx, &account_counter).await?;
    let token = sessions::create(&mut *tx, kind, &account.id, now).await?;
    if kind == Kind::Mail {
        // The language of this logon is the one its notices are worded in.
        sqlx::query("UPDATE mail_accounts SET last_logon_at = $1, language = $2 WHERE id = $3")
            .bind(now)
            .bind(app::language::tag(request.language()))
            .bind(&account.id)
            .execute(&mut *tx)
            .await?;
    }
    Event::at_logon(login, domain_id, client, AuditAction::Logon)
        .record(&mut *tx, now)
        .await?;
    tx.commit().await?;
    let redirect_to = match kind {
        Kind::Mail => landing_path(account.role, account.must_change_password.is_set()),
        Kind::Console => "/console",
    };
    Ok(SessionStart {
        cookie: sessions::cookie(kind, token.as_str()),
        redirect_to: redirect_to.to_owned(),
    })
}

/// A hash made with older parameters is replaced at the next logon.
async fn upgrade_hash(ctx: &Ctx, kind: Kind, id: &str, password: &Secret) -> Result<()> {
    let hash = ctx.hasher.hash(password.expose()).await?;
    let sql = match kind {
        Kind::Mail => "UPDATE mail_accounts SET password_hash = $1 WHERE id = $2",
        Kind::Console => "UPDATE cloud_accounts SET password_hash = $1 WHERE id = $2",
    };
    sqlx::query(sql)
        .bind(hash.as_str())
        .bind(id)
        .execute(&ctx.db.pool)
        .await?;
    Ok(())
}

pub async fn log_out(ctx: &Ctx, request: &Request, kind: Kind) -> Result<SetCookie> {
    let now = ctx.now();
    let Some(token) = request.cookie(kind.cookie_name()) else {
        return Ok(sessions::clearing_cookie(kind));
    };
    if let Some(subject) = sessions::lookup(&ctx.db, kind, token, now).await? {
        sessions::revoke(&ctx.db, token, now).await?;
        // The audit trail names people, not internal ids.
        let (actor, domain_id): (Option<String>, Option<String>) = match kind {
            Kind::Mail => {
                sqlx::query_as("SELECT address, domain_id FROM mail_accounts WHERE id = $1")
                    .bind(&subject)
                    .fetch_optional(&ctx.db.pool)
                    .await?
                    .map_or((None, None), |(address, domain)| {
                        (Some(address), Some(domain))
                    })
            }
            Kind::Console => (
                sqlx::query_scalar("SELECT login_name FROM cloud_accounts WHERE id = $1")
                    .bind(&subject)
                    .fetch_optional(&ctx.db.pool)
                    .await?,
                None,
            ),
        };
        let actor = actor.unwrap_or(subject);
        Event::at_logon(
            &actor,
            domain_id.as_deref(),
            &request.client.addr,
            AuditAction::Logout,
        )
        .record(&ctx.db.pool, now)
        .await?;
    }
    Ok(sessions::clearing_cookie(kind))
}
