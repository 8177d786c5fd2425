//! Logon and logout. The per-account counter is keyed by the login as
//! submitted, whether or not an account has it, and an unknown login
//! verifies a dummy hash: wrong password, unknown address and lockout read
//! and time the same.

use super::SessionStart;
use crate::request::{Request, SetCookie};
use proto::admin::AuditAction;
use proto::auth::Role;
use proto::error::UserError;
use proto::secret::Secret;

use crate::accounts::{self, notices, Status};
use crate::address::Login;
use crate::binding::prompt;
use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::audit::{self, Event};
use crate::infra::db::Flag;
use crate::infra::metrics;
use crate::infra::passwords::{PasswordHashString, Verified};
use crate::infra::sessions::{self, Kind};
use crate::lockout::{
    self, devices, history, Attempt, Fingerprint, Refused, Reserved, Source, NO_ACCOUNT,
};

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
    /// The current password's fingerprint is known (accounts from before
    /// fingerprints were kept learn it at their next logon).
    #[sqlx(try_from = "i64")]
    fingerprint_known: Flag,
    /// A report ("This wasn't me") suspends logons until then.
    lockdown_until: Option<i64>,
}

/// Whether the current password of the row's account has a fingerprint.
const FINGERPRINT_KNOWN: &str = "CASE WHEN EXISTS (SELECT 1 FROM password_history h \
     WHERE h.subject_kind = $2 AND h.subject_id = id AND h.replaced_at IS NULL) \
     THEN 1 ELSE 0 END AS fingerprint_known";

async fn candidate(ctx: &Ctx, kind: Kind, login: &Login) -> Result<Option<Candidate>> {
    let sql = match kind {
        Kind::Mail => format!(
            "SELECT id, domain_id, password_hash, status, role, must_change_password, \
             lockdown_until, {FINGERPRINT_KNOWN} FROM mail_accounts WHERE address = $1"
        ),
        // An owner is always enabled, has no domain and no forced change.
        Kind::Console => format!(
            "SELECT id, CAST(NULL AS TEXT) AS domain_id, password_hash, 'enabled' AS status, \
                    'employee' AS role, CAST(0 AS BIGINT) AS must_change_password, \
                    CAST(NULL AS BIGINT) AS lockdown_until, \
                    {FINGERPRINT_KNOWN} FROM cloud_accounts WHERE login_name = $1"
        ),
    };
    Ok(sqlx::query_as::<_, Candidate>(&sql)
        .bind(login.as_str())
        .bind(kind.as_str())
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
    // The same lookups run whether or not an account has the login, so
    // the time says nothing (an unknown one asks about an id no account has).
    let subject = candidate.as_ref().map_or(NO_ACCOUNT, |c| c.id.as_str());
    let source = devices::familiar(&db.pool, request, kind, subject, now)
        .await?
        .map_or(Source::Stranger, Source::Device);
    let attempt = Attempt {
        kind,
        login,
        client: &request.client.limit_key,
        source,
    };
    let fingerprint = ctx.fingerprints.of(login, password.expose());

    // Reserve before judging: the slots are taken before the hash runs,
    // so a burst gets no more attempts judged than the caps allow.
    let reserved = match lockout::reserve(db, &attempt, now).await? {
        Ok(reserved) => reserved,
        Err(refused) => {
            let (outcome, error) = match refused {
                Refused::Client => ("too_many", UserError::TooManyRequests),
                Refused::Locked => ("locked", UserError::Locked),
            };
            metrics::logon("web", outcome, attempt.source.label());
            return Err(error.into());
        }
    };

    let hash = candidate
        .as_ref()
        .map(|c| PasswordHashString::from_stored(c.password_hash.clone()));
    let verified = match ctx.hasher.verify(hash.as_ref(), password.expose()).await {
        Ok(verified) => verified,
        Err(err) => {
            // Not judged after all (the hasher was busy): every slot back.
            lockout::release(db, &attempt, reserved).await?;
            return Err(err.into());
        }
    };
    let domain_id = candidate.as_ref().and_then(|c| c.domain_id.clone());
    let account = match (candidate, verified) {
        (Some(account), Verified::Yes | Verified::YesRehash) => account,
        (candidate, _) => {
            let failure = Failure {
                attempt: &attempt,
                candidate: candidate.as_ref(),
                domain_id: domain_id.as_deref(),
                client,
            };
            return Err(failure
                .count(ctx, reserved, password, fingerprint)
                .await?
                .into());
        }
    };
    // A disabled account is told so only with its right password (which a
    // logon would have proved as well); a wrong one reads as for anyone.
    if !account.status.is_enabled() {
        lockout::release(db, &attempt, reserved).await?;
        metrics::logon("web", "disabled", attempt.source.label());
        return Err(UserError::AccountDisabled.into());
    }
    // Reported by its holder: told the same way, only with the right
    // password, until the postmaster's reset or the lockdown's end.
    if accounts::locked_down(account.lockdown_until, now) {
        lockout::release(db, &attempt, reserved).await?;
        metrics::logon("web", "reported", attempt.source.label());
        return Err(UserError::Reported.into());
    }
    // Right: but failures that arrived meanwhile may have locked the
    // source, and a right password does not open a locked source.
    if !lockout::succeeded(db, &attempt, reserved, now).await? {
        metrics::logon("web", "locked", attempt.source.label());
        return Err(UserError::Locked.into());
    }
    metrics::logon("web", "success", attempt.source.label());

    if verified == Verified::YesRehash {
        upgrade_hash(ctx, kind, &account.id, password).await?;
    }
    // One transaction for the writes of a logon (one commit, one lock on
    // SQLite): the session, the device cookie, the last-logon time, the
    // audit event, and what the owner should know of strangers.
    // A stranger got its slot, so strangers are not locked; a familiar
    // source may log on while they are, and its owner should know.
    let strangers_locked =
        attempt.source.is_familiar() && lockout::strangers_locked(db, kind, login, now).await?;
    let mut tx = db.pool.begin().await?;
    let token = sessions::create(&mut *tx, kind, &account.id, now).await?;
    let device = match &attempt.source {
        Source::Device(id) => Some(id.as_str()),
        _ => None,
    };
    let device_cookie = devices::renew(&mut tx, kind, &account.id, device, now).await?;
    if !account.fingerprint_known.is_set() {
        history::record_current(&mut *tx, kind, &account.id, fingerprint, now).await?;
    }
    if kind == Kind::Mail {
        // The language of this logon is the one its notices are worded in.
        sqlx::query("UPDATE mail_accounts SET last_logon_at = $1, language = $2 WHERE id = $3")
            .bind(now)
            .bind(proto::language::tag(request.language()))
            .bind(&account.id)
            .execute(&mut *tx)
            .await?;
        if strangers_locked {
            notices::strangers_tried(&mut tx, &account.id, now).await?;
        }
    }
    Event::at_logon(login, domain_id.as_deref(), client, AuditAction::Logon)
        .maybe_detail(
            attempt
                .source
                .is_familiar()
                .then_some(audit::FAMILIAR_DEVICE),
        )
        .record(&mut *tx, now)
        .await?;
    tx.commit().await?;
    let redirect_to = match kind {
        Kind::Mail => {
            let must_change = account.must_change_password.is_set();
            prompt::landing(ctx, &account.id, account.role, must_change).await?
        }
        Kind::Console => "/console".to_owned(),
    };
    Ok(SessionStart {
        cookies: vec![sessions::cookie(kind, token.as_str()), device_cookie],
        redirect_to,
    })
}

/// A wrong password (or an unknown login), and what it costs.
struct Failure<'a> {
    attempt: &'a Attempt<'a>,
    candidate: Option<&'a Candidate>,
    domain_id: Option<&'a str>,
    client: &'a str,
}

impl Failure<'_> {
    /// Counts it (unless it is a previous password of the account, or the
    /// same wrong password again), records it, and says what to answer:
    /// the same for an unknown login, a disabled account and an active one.
    async fn count(
        &self,
        ctx: &Ctx,
        reserved: Reserved,
        password: &Secret,
        fingerprint: Fingerprint,
    ) -> Result<UserError> {
        let db = &ctx.db;
        let now = ctx.now();
        let attempt = self.attempt;
        let wrong = if attempt.kind == Kind::Console {
            UserError::BadConsoleCredentials
        } else {
            UserError::BadCredentials
        };
        let subject = self.candidate.map_or(NO_ACCOUNT, |c| c.id.as_str());
        if is_previous_password(ctx, attempt.kind, subject, password, fingerprint).await? {
            // Someone who knew the account's previous password: its
            // holder, most likely. Refused, counted nowhere.
            lockout::release(db, attempt, reserved).await?;
            metrics::logon("web", "previous_password", attempt.source.label());
            Event::at_logon(
                attempt.login,
                self.domain_id,
                self.client,
                AuditAction::LogonFailed,
            )
            .detail(audit::PREVIOUS_PASSWORD)
            .record(&db.pool, now)
            .await?;
            return Ok(wrong);
        }
        let counted =
            lockout::count_failure(db, attempt, &reserved, Some(fingerprint), now).await?;
        // The same wrong password again was counted the first time.
        let locked = counted && reserved.locked_it();
        let action = if locked {
            AuditAction::LogonLocked
        } else {
            AuditAction::LogonFailed
        };
        metrics::logon(
            "web",
            if counted { "failure" } else { "repeated" },
            attempt.source.label(),
        );
        if locked {
            metrics::locked(attempt.source.label());
        }
        let detail = if !counted {
            Some(audit::REPEATED_PASSWORD)
        } else {
            attempt
                .source
                .is_familiar()
                .then_some(audit::FAMILIAR_DEVICE)
        };
        Event::at_logon(attempt.login, self.domain_id, self.client, action)
            .maybe_detail(detail)
            .record(&db.pool, now)
            .await?;
        if locked && !attempt.source.is_familiar() && attempt.kind == Kind::Mail {
            // Told by SMS (an unknown login asks the same, about nobody).
            notices::locked_by_strangers(ctx, subject, now).await?;
        }
        Ok(if locked { UserError::Locked } else { wrong })
    }
}

/// Whether `password` is one of the account's recent previous passwords:
/// its fingerprint matches one, and the hash that password had confirms
/// it (one more hash, only for a fingerprint that matches).
async fn is_previous_password(
    ctx: &Ctx,
    kind: Kind,
    account_id: &str,
    password: &Secret,
    fingerprint: Fingerprint,
) -> Result<bool> {
    let Some(previous) =
        history::previous_with(&ctx.db.pool, kind, account_id, fingerprint).await?
    else {
        return Ok(false);
    };
    let Some(hash) = previous.password_hash else {
        return Ok(false);
    };
    let hash = PasswordHashString::from_stored(hash);
    Ok(ctx.hasher.verify(Some(&hash), password.expose()).await? != Verified::No)
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
    if let Some(session) = accounts::session(ctx, request, kind).await? {
        sessions::revoke(&ctx.db, &session.token, now).await?;
        let subject = session.subject_id;
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
