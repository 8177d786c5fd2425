//! Dovecot's auth-policy requests (`auth_policy_server_url`): the mail
//! server asks before it checks an IMAP password (`command=allow`) and
//! reports the outcome after (`command=report`), so IMAP and the web logon
//! share one pair of counters, per account (the login as given) and per
//! client. A locked account or client is refused before Dovecot checks the
//! password, and every IMAP failure counts toward the web's lockout, as
//! each web failure counts toward IMAP's.
//!
//! Reserve before judging: `allow` takes a slot of both counters, as the
//! web logon does, so a burst of simultaneous IMAP attempts gets no more
//! password checks than the caps allow. A `report` of success clears the
//! account's count and gives the client's slot back; a failure keeps both.
//! An attempt Dovecot never reports (the client hung up) stays counted.
//!
//! Only a request with the configured key is answered (`Authorization:
//! Bearer <key>`, which the generated Dovecot configuration sends).

use std::net::IpAddr;

use app::admin::AuditAction;
use app::language::Language;
use app::secret::Secret;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

use crate::http::client::limit_key;
use services::accounts::notices;
use services::address::Login;
use services::ctx::Ctx;
use services::infra::audit::Event;
use services::infra::metrics;
use services::infra::sessions::Kind;
use services::limits::{self, Counter};
use services::lockout::{self, history, Attempt, Fingerprint, Refused, Source, NO_ACCOUNT};

pub use services::mail_auth::POLICY_PATH as PATH;

/// What the policy endpoint needs: the app's services and the key.
#[derive(Clone)]
pub struct PolicyState {
    pub ctx: std::sync::Arc<Ctx>,
    pub key: Secret,
}

#[derive(Deserialize)]
pub struct CommandQuery {
    command: String,
}

/// The fields of Dovecot's request this uses (its default
/// `auth_policy_request_attributes`, plus `success` on a report).
#[derive(Deserialize)]
pub struct PolicyRequest {
    #[serde(default)]
    login: String,
    #[serde(default)]
    remote: String,
    /// Dovecot's `%{hashed_password}`: the password's 12-bit fingerprint.
    #[serde(default)]
    pwhash: String,
    #[serde(default)]
    success: bool,
    #[serde(default)]
    policy_reject: bool,
}

/// `status` < 0 refuses with `msg`; 0 lets Dovecot go on.
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct Verdict {
    status: i32,
    msg: String,
}

impl Verdict {
    fn allow() -> Self {
        Verdict {
            status: 0,
            msg: String::new(),
        }
    }

    fn refuse(msg: String) -> Self {
        Verdict { status: -1, msg }
    }
}

/// The largest request body read: Dovecot's JSON is a few hundred bytes.
const MAX_BODY: usize = 4 * 1024;

pub async fn policy(
    State(state): State<PolicyState>,
    Query(query): Query<CommandQuery>,
    request: axum::extract::Request,
) -> Response {
    // The key is checked before a byte of the body is read.
    if !authorized(request.headers(), &state.key) {
        tracing::warn!("refused a mail auth-policy request without the configured key");
        return (
            StatusCode::UNAUTHORIZED,
            "The mail auth-policy key is missing or wrong.",
        )
            .into_response();
    }
    let declared = request
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > MAX_BODY as u64) {
        return too_large();
    }
    let read = axum::body::to_bytes(request.into_body(), MAX_BODY);
    let body = match tokio::time::timeout(crate::http::hardening::BODY_TIMEOUT, read).await {
        Ok(Ok(body)) => body,
        Ok(Err(_)) => return too_large(),
        Err(_) => {
            return (
                StatusCode::REQUEST_TIMEOUT,
                [(axum::http::header::CONNECTION, "close")],
                "The auth-policy request body did not arrive in time.",
            )
                .into_response()
        }
    };
    let Ok(request) = serde_json::from_slice::<PolicyRequest>(&body) else {
        return (
            StatusCode::BAD_REQUEST,
            "Expected Dovecot's auth-policy JSON.",
        )
            .into_response();
    };
    let answer = match query.command.as_str() {
        "allow" => allow(&state.ctx, &request)
            .await
            .map(Json)
            .map(IntoResponse::into_response),
        "report" => report(&state.ctx, &request)
            .await
            .map(|()| Json(Verdict::allow()).into_response()),
        _ => return (StatusCode::BAD_REQUEST, "Unknown command.").into_response(),
    };
    answer.unwrap_or_else(|err| {
        tracing::error!(error = %format!("{err:#}"), "mail auth-policy request failed");
        // Dovecot is configured to refuse when the policy server fails.
        StatusCode::SERVICE_UNAVAILABLE.into_response()
    })
}

fn too_large() -> Response {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        [(axum::http::header::CONNECTION, "close")],
        "An auth-policy request is at most 4 KiB.",
    )
        .into_response()
}

/// `Authorization: Bearer <key>`, compared in constant time.
fn authorized(headers: &HeaderMap, key: &Secret) -> bool {
    let Some(given) = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().strip_prefix("Bearer "))
    else {
        return false;
    };
    use sha2::{Digest, Sha256};
    use subtle::ConstantTimeEq;
    // Equal-length digests, compared in constant time.
    let given = Sha256::digest(given.trim().as_bytes());
    let expected = Sha256::digest(key.expose().as_bytes());
    given.ct_eq(&expected).into()
}

/// One IMAP attempt as the lockout sees it.
struct MailAttempt {
    /// The login as given, normalised.
    login: String,
    /// The client's limit key.
    client: String,
    account_id: Option<String>,
    domain_id: Option<String>,
    /// The password's fingerprint (`pwhash`), when Dovecot sent one.
    fingerprint: Option<Fingerprint>,
    source: Source,
    /// A report ("This wasn't me") suspends IMAP logons until then.
    lockdown_until: Option<i64>,
}

impl MailAttempt {
    fn attempt(&self) -> Attempt<'_> {
        Attempt {
            kind: Kind::Mail,
            login: &self.login,
            client: &self.client,
            source: self.source.clone(),
        }
    }
}

/// The attempt Dovecot asks about; `None` for a login no account can have
/// (over 254 characters, or empty), refused before any counter or audit
/// row.
async fn mail_attempt(ctx: &Ctx, request: &PolicyRequest) -> anyhow::Result<Option<MailAttempt>> {
    let Ok(login) = Login::parse(&request.login) else {
        return Ok(None);
    };
    let login = login.as_str().to_owned();
    let client = limit_key(request.remote.trim().parse::<IpAddr>().ok());
    let account: Option<(String, String, Option<i64>)> = sqlx::query_as(
        "SELECT id, domain_id, lockdown_until FROM mail_accounts WHERE address = $1",
    )
    .bind(&login)
    .fetch_optional(&ctx.db.pool)
    .await?;
    let (account_id, domain_id, lockdown_until) = match account {
        Some((id, domain, until)) => (Some(id), Some(domain), until),
        None => (None, None, None),
    };
    let subject = account_id.as_deref().unwrap_or(NO_ACCOUNT);
    let source = lockout::mail_client_source(&ctx.db, subject, &client, ctx.now()).await?;
    Ok(Some(MailAttempt {
        login,
        client,
        account_id,
        domain_id,
        fingerprint: Fingerprint::from_dovecot(&request.pwhash),
        source,
        lockdown_until,
    }))
}

async fn allow(ctx: &Ctx, request: &PolicyRequest) -> anyhow::Result<Verdict> {
    let Some(mail) = mail_attempt(ctx, request).await? else {
        return Ok(Verdict::refuse(refusal(RefusedBy::Login)));
    };
    let now = ctx.now();
    let db = &ctx.db;
    if services::accounts::locked_down(mail.lockdown_until, now) {
        // Reported by its holder: no IMAP logon, whatever the password,
        // until the postmaster's reset or the lockdown's end.
        metrics::logon("imap", "reported", mail.source.label());
        return Ok(Verdict::refuse(refusal(RefusedBy::Account)));
    }
    if let Some(fingerprint) = mail.fingerprint {
        // The same query for an unknown login, about an id no account has.
        let account_id = mail.account_id.as_deref().unwrap_or(NO_ACCOUNT);
        let previous =
            history::previous_with(&db.pool, Kind::Mail, account_id, fingerprint).await?;
        if let Some(previous) = previous {
            // A mail app that still has the previous password: refused
            // before Dovecot checks it, counted nowhere, and its holder
            // told once.
            let remote = request.remote.trim();
            let domain_id = mail.domain_id.as_deref();
            Event::at_logon(&mail.login, domain_id, remote, AuditAction::LogonFailed)
                .detail(PREVIOUS_PASSWORD_DETAIL)
                .record(&db.pool, now)
                .await?;
            notices::stale_password(ctx, account_id, &previous.id, remote, now).await?;
            metrics::logon("imap", "previous_password", mail.source.label());
            return Ok(Verdict::refuse(refusal(RefusedBy::Login)));
        }
    }
    match lockout::reserve(db, &mail.attempt(), now).await? {
        Ok(reserved) => {
            if reserved.locked_it() {
                metrics::locked(mail.source.label());
            }
            Ok(Verdict::allow())
        }
        Err(Refused::Client) => {
            metrics::logon("imap", "too_many", mail.source.label());
            Ok(Verdict::refuse(refusal(RefusedBy::Client)))
        }
        Err(Refused::Locked) => {
            metrics::logon("imap", "locked", mail.source.label());
            Ok(Verdict::refuse(refusal(RefusedBy::Account)))
        }
    }
}

async fn report(ctx: &Ctx, request: &PolicyRequest) -> anyhow::Result<()> {
    if request.policy_reject {
        // Refused by `allow`, which counted what it had to.
        return Ok(());
    }
    let Some(mail) = mail_attempt(ctx, request).await? else {
        return Ok(());
    };
    let now = ctx.now();
    let db = &ctx.db;
    let attempt = mail.attempt();
    let counters = attempt.counters();
    if request.success {
        metrics::logon("imap", "success", attempt.source.label());
        limits::release_one(db, &Counter::LogonClient(&mail.client), now).await?;
        for counter in &counters {
            if attempt.source.is_familiar() {
                lockout::clear_now(db, counter).await?;
            } else {
                // A success is no failure, but it never clears the
                // strangers' count.
                limits::release_one(db, counter, now).await?;
            }
        }
        if let Some(account_id) = &mail.account_id {
            lockout::remember_mail_client(db, account_id, &mail.client, now).await?;
            if let Some(fingerprint) = mail.fingerprint {
                history::record_current(&db.pool, Kind::Mail, account_id, fingerprint, now).await?;
            }
        }
        return Ok(());
    }
    if let Some(fingerprint) = mail.fingerprint {
        if !lockout::remember_failure(db, &counters[0], fingerprint, now).await? {
            // The same wrong password again from this source: counted once.
            metrics::logon("imap", "repeated", attempt.source.label());
            for counter in &counters {
                limits::release_one(db, counter, now).await?;
            }
            Event::at_logon(
                &mail.login,
                mail.domain_id.as_deref(),
                request.remote.trim(),
                AuditAction::LogonFailed,
            )
            .detail(REPEATED_PASSWORD_DETAIL)
            .record(&db.pool, now)
            .await?;
            return Ok(());
        }
    }
    // A failure: the slots stay taken. The audit log names it.
    metrics::logon("imap", "failure", attempt.source.label());
    lockout::count_daily(db, &attempt, now).await?;
    let locked = limits::is_locked(db, &counters[0], now).await?;
    let action = if locked {
        AuditAction::LogonLocked
    } else {
        AuditAction::LogonFailed
    };
    let domain_id = mail.domain_id.as_deref();
    Event::at_logon(&mail.login, domain_id, request.remote.trim(), action)
        .detail("IMAP")
        .record(&db.pool, now)
        .await?;
    if let (true, false, Some(account_id)) =
        (locked, attempt.source.is_familiar(), &mail.account_id)
    {
        notices::locked_by_strangers(ctx, account_id, now).await?;
    }
    Ok(())
}

/// The audit detail of an IMAP logon that presented a previous password.
const PREVIOUS_PASSWORD_DETAIL: &str = "IMAP: a previous password";

/// The audit detail of an IMAP logon that repeated the last wrong password.
const REPEATED_PASSWORD_DETAIL: &str = "IMAP: the same wrong password again";

enum RefusedBy {
    /// A login no account can have, or a previous password: refused as a
    /// wrong password is (Dovecot's own `AUTHENTICATIONFAILED`).
    Login,
    Client,
    Account,
}

/// What the mail client is told (Dovecot passes it on), in English: the
/// account's language is not known before the password is checked. No
/// sentence for a refusal that must read like a wrong password: Dovecot
/// then answers with its own.
fn refusal(by: RefusedBy) -> String {
    let error = match by {
        RefusedBy::Login => return String::new(),
        RefusedBy::Client => app::error::UserError::TooManyRequests,
        RefusedBy::Account => app::error::UserError::Locked,
    };
    app::messages::user_error(Language::en, &error)
}
