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

use crate::address::Login;
use crate::audit::Event;
use crate::client::limit_key;
use crate::ctx::Ctx;
use crate::limits::{self, Counter};
use crate::sessions::Kind;

/// The path Dovecot's `auth_policy_server_url` points at.
pub const PATH: &str = "/mail-auth/policy";

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

pub async fn policy(
    State(state): State<PolicyState>,
    Query(query): Query<CommandQuery>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    if !authorized(&headers, &state.key) {
        tracing::warn!("refused a mail auth-policy request without the configured key");
        return (
            StatusCode::UNAUTHORIZED,
            "The mail auth-policy key is missing or wrong.",
        )
            .into_response();
    }
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

/// The counters of one attempt: the account (by the login as given) and
/// the client (by its address, as the web counts it).
fn counters(request: &PolicyRequest) -> (String, String) {
    let login = Login::parse(&request.login)
        .map(|login| login.as_str().to_owned())
        .unwrap_or_else(|_| request.login.trim().to_lowercase());
    let client = limit_key(request.remote.trim().parse::<IpAddr>().ok());
    (login, client)
}

async fn allow(ctx: &Ctx, request: &PolicyRequest) -> anyhow::Result<Verdict> {
    let (login, client) = counters(request);
    let now = ctx.now();
    let db = &ctx.db;
    let client_counter = Counter::LogonClient(&client);
    let account_counter = Counter::Logon(Kind::Mail, &login);
    let Some(_client_slot) = limits::reserve(db, &client_counter, now).await? else {
        return Ok(Verdict::refuse(refusal(RefusedBy::Client)));
    };
    let Some(_account_slot) = limits::reserve(db, &account_counter, now).await? else {
        // Refused unjudged: not a failure of the client.
        limits::release_one(db, &client_counter, now).await?;
        return Ok(Verdict::refuse(refusal(RefusedBy::Account)));
    };
    Ok(Verdict::allow())
}

async fn report(ctx: &Ctx, request: &PolicyRequest) -> anyhow::Result<()> {
    if request.policy_reject {
        // Refused by `allow`, which counted what it had to.
        return Ok(());
    }
    let (login, client) = counters(request);
    let now = ctx.now();
    let db = &ctx.db;
    let client_counter = Counter::LogonClient(&client);
    let account_counter = Counter::Logon(Kind::Mail, &login);
    if request.success {
        limits::clear(&db.pool, &account_counter).await?;
        limits::release_one(db, &client_counter, now).await?;
        return Ok(());
    }
    // A failure: both slots stay taken. The audit log names it.
    let domain_id: Option<String> =
        sqlx::query_scalar("SELECT domain_id FROM mail_accounts WHERE address = $1")
            .bind(&login)
            .fetch_optional(&db.pool)
            .await?;
    let locked = limits::load(db, &account_counter)
        .await?
        .is_some_and(|state| state.is_locked(now));
    let action = if locked {
        AuditAction::LogonLocked
    } else {
        AuditAction::LogonFailed
    };
    Event::at_logon(&login, domain_id.as_deref(), request.remote.trim(), action)
        .detail("IMAP")
        .record(&db.pool, now)
        .await?;
    Ok(())
}

enum RefusedBy {
    Client,
    Account,
}

/// What the mail client is told (Dovecot passes it on), in English: the
/// account's language is not known before the password is checked.
fn refusal(by: RefusedBy) -> String {
    let error = match by {
        RefusedBy::Client => app::error::UserError::TooManyRequests,
        RefusedBy::Account => app::error::UserError::Locked,
    };
    app::messages::user_error(Language::en, &error)
}
