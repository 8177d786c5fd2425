//! The flow row: finding it from the cookie, moving it on, and what the
//! account behind it can recover with.

use app::auth::PasswordContext;
use app::error::UserError;
use app::recovery::{RecoveryView, DONE_COOKIE, FLOW_COOKIE, GRANT_COOKIE};
use http::request::Parts;
use sqlx::Row;

use super::{db_error, RecoveryImpl};
use crate::db::Db;
use crate::identity::internal;
use crate::limits;
use crate::phone::mask_phone;
use crate::policy_gate;
use crate::sessions::sha256_hex;

pub struct Flow {
    pub id: String,
    pub step: String,
    pub account_id: Option<String>,
    pub code_hash: Option<String>,
    pub code_expires_at: Option<i64>,
    pub code_attempts: i64,
}

/// The live flow this browser's cookie names, if any.
pub async fn current(service: &RecoveryImpl, request: &Parts) -> Result<Option<Flow>, UserError> {
    let Some(token) = service.cookie_in(request, FLOW_COOKIE) else {
        return Ok(None);
    };
    let row = sqlx::query(
        "SELECT id, step, account_id, code_hash, code_expires_at, code_attempts \
         FROM recovery_flows WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(sha256_hex(&token))
    .bind(service.identity.now())
    .fetch_optional(&service.identity.db.pool)
    .await
    .map_err(db_error)?;
    Ok(row.map(|row| Flow {
        id: row.get(0),
        step: row.get(1),
        account_id: row.get(2),
        code_hash: row.get(3),
        code_expires_at: row.get(4),
        code_attempts: row.get(5),
    }))
}

/// The live flow at `step`, or `FlowExpired`.
pub async fn at_step(
    service: &RecoveryImpl,
    request: &Parts,
    step: &str,
) -> Result<Flow, UserError> {
    match current(service, request).await? {
        Some(flow) if flow.step == step => Ok(flow),
        _ => Err(UserError::FlowExpired),
    }
}

/// What an account can recover with right now.
pub struct Methods {
    pub account_id: String,
    /// The verified secure phone (E.164), when SMS is usable.
    pub phone: Option<String>,
    pub questions: bool,
}

impl Methods {
    pub fn any(&self) -> bool {
        self.phone.is_some() || self.questions
    }
}

/// The usable methods of the account with this address. The same queries
/// run whether or not the address exists, so the time says nothing.
pub async fn methods_for_address(
    db: &Db,
    address: &str,
    now: i64,
) -> anyhow::Result<Option<Methods>> {
    let row = sqlx::query(
        "SELECT a.id, a.status, a.phone, a.phone_verified_at, d.allow_sms, d.allow_questions, \
                (SELECT COUNT(*) FROM security_questions q WHERE q.account_id = a.id) \
         FROM mail_accounts a JOIN domains d ON d.id = a.domain_id WHERE a.address = $1",
    )
    .bind(address)
    .fetch_optional(&db.pool)
    .await?;
    let account_id: Option<String> = row.as_ref().map(|row| row.get(0));
    // An unknown address checks a key no account has: the same query.
    let lock_key = questions_key(account_id.as_deref().unwrap_or("unknown-account"));
    let questions_locked = limits::is_locked(db, &lock_key, now).await?;
    let Some(row) = row else { return Ok(None) };
    if row.get::<String, _>(1) != "enabled" {
        return Ok(None);
    }
    let phone: Option<String> = row.get(2);
    let verified: Option<i64> = row.get(3);
    let allow_sms = row.get::<i64, _>(4) != 0;
    let allow_questions = row.get::<i64, _>(5) != 0;
    let question_count: i64 = row.get(6);
    Ok(Some(Methods {
        account_id: row.get(0),
        phone: phone.filter(|_| allow_sms && verified.is_some()),
        questions: allow_questions && question_count > 0 && !questions_locked,
    }))
}

/// The usable methods of a known account.
pub async fn methods_for_account(
    db: &Db,
    account_id: &str,
    now: i64,
) -> anyhow::Result<Option<Methods>> {
    let address: Option<String> =
        sqlx::query_scalar("SELECT address FROM mail_accounts WHERE id = $1")
            .bind(account_id)
            .fetch_optional(&db.pool)
            .await?;
    match address {
        Some(address) => methods_for_address(db, &address, now).await,
        None => Ok(None),
    }
}

pub fn questions_key(account_id: &str) -> String {
    format!("questions:{account_id}")
}

/// The bound question texts, in order.
pub async fn question_texts(db: &Db, account_id: &str) -> anyhow::Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT question FROM security_questions WHERE account_id = $1 ORDER BY position",
    )
    .bind(account_id)
    .fetch_all(&db.pool)
    .await?)
}

/// The flow a reset grant cookie names, while the grant is unused and live.
pub async fn granted(
    service: &RecoveryImpl,
    request: &Parts,
) -> Result<(String, String), UserError> {
    let token = service
        .cookie_in(request, GRANT_COOKIE)
        .ok_or(UserError::FlowExpired)?;
    let row = sqlx::query(
        "SELECT id, account_id FROM recovery_flows WHERE grant_hash = $1 AND step = 'granted' \
         AND grant_used_at IS NULL AND grant_expires_at > $2 AND expires_at > $2",
    )
    .bind(sha256_hex(&token))
    .bind(service.identity.now())
    .fetch_optional(&service.identity.db.pool)
    .await
    .map_err(db_error)?
    .ok_or(UserError::FlowExpired)?;
    let account_id: Option<String> = row.get(1);
    Ok((row.get(0), account_id.ok_or(UserError::FlowExpired)?))
}

pub async fn view(service: &RecoveryImpl, request: &Parts) -> Result<RecoveryView, UserError> {
    let db = &service.identity.db;
    let now = service.identity.now();
    let Some(flow) = current(service, request).await? else {
        let finished = service.cookie_in(request, DONE_COOKIE).is_some();
        return Ok(if finished {
            RecoveryView::Done
        } else {
            RecoveryView::Expired
        });
    };
    let account_id = flow.account_id.clone();
    Ok(match (flow.step.as_str(), account_id) {
        ("choose", None) => RecoveryView::NoMethod,
        ("choose", Some(account_id)) => {
            match methods_for_account(db, &account_id, now)
                .await
                .map_err(internal)?
            {
                Some(methods) if methods.any() => RecoveryView::Choose {
                    sms: methods.phone.as_deref().map(mask_phone),
                    questions: methods.questions,
                },
                _ => RecoveryView::NoMethod,
            }
        }
        ("sms", Some(account_id)) => {
            let phone: Option<String> =
                sqlx::query_scalar("SELECT phone FROM mail_accounts WHERE id = $1")
                    .bind(&account_id)
                    .fetch_optional(&db.pool)
                    .await
                    .map_err(db_error)?
                    .flatten();
            let wait = limits::locked_for(db, &super::verify::cooldown_key(&account_id), now)
                .await
                .map_err(internal)?;
            RecoveryView::Sms {
                phone: phone.as_deref().map(mask_phone).unwrap_or_default(),
                resend_in: (wait + 999) / 1000,
            }
        }
        ("questions", Some(account_id)) => {
            if limits::is_locked(db, &questions_key(&account_id), now)
                .await
                .map_err(internal)?
            {
                return Err(UserError::MethodLocked);
            }
            RecoveryView::Questions {
                questions: question_texts(db, &account_id).await.map_err(internal)?,
            }
        }
        ("granted", Some(_)) => match granted(service, request).await {
            Ok((_, account_id)) => RecoveryView::NewPassword {
                context: password_context(db, &account_id).await?,
            },
            Err(_) => RecoveryView::Expired,
        },
        ("start", _) => RecoveryView::Start,
        _ => RecoveryView::Expired,
    })
}

async fn password_context(db: &Db, account_id: &str) -> Result<PasswordContext, UserError> {
    let row = sqlx::query("SELECT address, domain_id FROM mail_accounts WHERE id = $1")
        .bind(account_id)
        .fetch_one(&db.pool)
        .await
        .map_err(db_error)?;
    let domain_id: String = row.get(1);
    Ok(PasswordContext {
        account: row.get(0),
        keywords: policy_gate::domain_keywords(db, &domain_id)
            .await
            .map_err(internal)?,
    })
}
