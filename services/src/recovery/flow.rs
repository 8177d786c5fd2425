//! The flow row: its steps, finding it from the cookie, and what the
//! account behind it can recover with.

use crate::request::Request;
use proto::auth::{PasswordContext, UnknownKey};
use proto::error::UserError;
use proto::recovery::{RecoveryView, DONE_COOKIE, FLOW_COOKIE, GRANT_COOKIE, UNLOCKED};

use crate::accounts::{self, locked_down, AccountId, Holder, Status};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::db::{Db, Flag};
use crate::infra::sessions::sha256_hex;
use crate::limits::{self, Counter};
use crate::phone::mask_phone;
use crate::policy_gate;
use crate::sms_code as code;

/// Where a flow stands (`recovery_flows.step`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The address and image code.
    Start,
    /// The method choice (which may offer nothing).
    Choose,
    /// An SMS code was sent.
    Sms,
    Questions,
    /// Verified: the reset grant is out.
    Granted,
    Done,
}

impl Step {
    pub fn key(self) -> &'static str {
        match self {
            Step::Start => "start",
            Step::Choose => "choose",
            Step::Sms => "sms",
            Step::Questions => "questions",
            Step::Granted => "granted",
            Step::Done => "done",
        }
    }
}

impl TryFrom<String> for Step {
    type Error = UnknownKey;

    fn try_from(key: String) -> Result<Self, UnknownKey> {
        [
            Step::Start,
            Step::Choose,
            Step::Sms,
            Step::Questions,
            Step::Granted,
            Step::Done,
        ]
        .into_iter()
        .find(|step| step.key() == key)
        .ok_or(UnknownKey(key))
    }
}

pub use crate::accounts::FlowId;

#[derive(Debug, sqlx::FromRow)]
pub struct Flow {
    pub id: FlowId,
    #[sqlx(try_from = "String")]
    pub step: Step,
    pub account_id: Option<AccountId>,
    pub code_hash: Option<String>,
    pub code_expires_at: Option<i64>,
    pub code_attempts: i64,
}

/// The live flow this browser's cookie names, if any.
pub async fn current(ctx: &Ctx, request: &Request) -> Result<Option<Flow>> {
    let Some(token) = request.cookie(FLOW_COOKIE) else {
        return Ok(None);
    };
    Ok(sqlx::query_as(
        "SELECT id, step, account_id, code_hash, code_expires_at, code_attempts \
         FROM recovery_flows WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(sha256_hex(token))
    .bind(ctx.now())
    .fetch_optional(&ctx.db.pool)
    .await?)
}

/// The live flow at `step`, or `FlowExpired`.
pub async fn at_step(ctx: &Ctx, request: &Request, step: Step) -> Result<Flow> {
    match current(ctx, request).await? {
        Some(flow) if flow.step == step => Ok(flow),
        _ => Err(UserError::FlowExpired.into()),
    }
}

/// What an account can recover with right now.
pub struct Methods {
    pub account_id: AccountId,
    /// The verified secure phone (E.164), when SMS is usable.
    pub phone: Option<String>,
    pub questions: bool,
}

impl Methods {
    pub fn any(&self) -> bool {
        self.phone.is_some() || self.questions
    }
}

#[derive(sqlx::FromRow)]
struct MethodsRow {
    id: AccountId,
    #[sqlx(try_from = "String")]
    status: Status,
    phone: Option<String>,
    phone_verified_at: Option<i64>,
    #[sqlx(try_from = "i64")]
    allow_sms: Flag,
    #[sqlx(try_from = "i64")]
    allow_questions: Flag,
    questions: i64,
    lockdown_until: Option<i64>,
    phone_changed_at: Option<i64>,
    phone_cooldown_hours: i64,
}

/// The usable methods of the account with this address. The same queries
/// run whether or not the address exists, so the time says nothing.
pub async fn methods_for_address(db: &Db, address: &str, now: i64) -> Result<Option<Methods>> {
    let row: Option<MethodsRow> = sqlx::query_as(
        "SELECT a.id, a.status, a.phone, a.phone_verified_at, d.allow_sms, d.allow_questions, \
                (SELECT COUNT(*) FROM security_questions q WHERE q.account_id = a.id) AS questions, \
                a.lockdown_until, a.phone_changed_at, d.phone_cooldown_hours \
         FROM mail_accounts a JOIN domains d ON d.id = a.domain_id WHERE a.address = $1",
    )
    .bind(address)
    .fetch_optional(&db.pool)
    .await?;
    // An unknown address checks a key no account has: the same query.
    let account_id = row.as_ref().map_or("unknown-account", |row| &*row.id);
    let questions_locked = limits::is_locked(db, &Counter::Questions(account_id), now).await?;
    // A reported account has no Forgot Password until its lockdown ends;
    // a phone that replaced another waits out the domain's cooldown.
    Ok(row
        .filter(|row| row.status.is_enabled() && !locked_down(row.lockdown_until, now))
        .map(|row| Methods {
            phone: row.phone.filter(|_| {
                let cooled = row.phone_changed_at.is_none_or(|changed| {
                    now - changed >= row.phone_cooldown_hours.saturating_mul(3_600_000)
                });
                row.allow_sms.is_set() && row.phone_verified_at.is_some() && cooled
            }),
            questions: row.allow_questions.is_set() && row.questions > 0 && !questions_locked,
            account_id: row.id,
        }))
}

/// The usable methods of a known account.
pub async fn methods_for_account(
    db: &Db,
    account_id: &AccountId,
    now: i64,
) -> Result<Option<Methods>> {
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

/// The bound question texts, in order.
pub async fn question_texts(db: &Db, account_id: &AccountId) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT question FROM security_questions WHERE account_id = $1 ORDER BY position",
    )
    .bind(account_id)
    .fetch_all(&db.pool)
    .await?)
}

/// A flow holding a live, unused reset grant.
#[derive(sqlx::FromRow)]
pub struct Grant {
    pub flow_id: FlowId,
    pub account_id: AccountId,
}

/// The flow a reset grant cookie names, while the grant is unused and live.
pub async fn granted(ctx: &Ctx, request: &Request) -> Result<Grant> {
    let token = request.cookie(GRANT_COOKIE).ok_or(UserError::FlowExpired)?;
    let grant: Option<Grant> = sqlx::query_as(
        "SELECT id AS flow_id, account_id FROM recovery_flows \
         WHERE grant_hash = $1 AND step = $2 AND account_id IS NOT NULL \
         AND grant_used_at IS NULL AND grant_expires_at > $3 AND expires_at > $3",
    )
    .bind(sha256_hex(token))
    .bind(Step::Granted.key())
    .bind(ctx.now())
    .fetch_optional(&ctx.db.pool)
    .await?;
    Ok(grant.ok_or(UserError::FlowExpired)?)
}

/// The account a live grant is for, as its last step needs it.
#[derive(sqlx::FromRow)]
pub struct Target {
    pub address: String,
    pub domain_id: String,
    method: Option<String>,
    #[sqlx(try_from = "String")]
    status: Status,
}

impl Target {
    /// Whose password it is, set or kept from `client`.
    pub fn holder<'a>(&'a self, grant: &'a Grant, client: &'a str) -> Holder<'a> {
        Holder::mail(&grant.account_id, &self.address, &self.domain_id, client)
    }

    /// The audit detail: how the holder proved the account theirs.
    pub fn verified_by(&self) -> &'static str {
        match self.method.as_deref() {
            Some("sms") => "verified by SMS code",
            _ => "verified by security questions",
        }
    }
}

/// The live grant of this browser and its account, which must still be
/// enabled.
pub async fn granted_target(ctx: &Ctx, request: &Request) -> Result<(Grant, Target)> {
    let grant = granted(ctx, request).await?;
    let target: Target = sqlx::query_as(
        "SELECT a.address, a.domain_id, f.method, a.status \
         FROM mail_accounts a JOIN recovery_flows f ON f.account_id = a.id \
         WHERE a.id = $1 AND f.id = $2",
    )
    .bind(&grant.account_id)
    .bind(&grant.flow_id)
    .fetch_optional(&ctx.db.pool)
    .await?
    .ok_or(UserError::FlowExpired)?;
    if !target.status.is_enabled() {
        // Disabled by the postmaster since the flow began.
        return Err(UserError::AccountDisabled.into());
    }
    Ok((grant, target))
}

/// Uses the grant, once, in the caller's transaction; `FlowExpired` when
/// it was used or expired meanwhile (the caller's transaction is then
/// dropped, so nothing is written). The holder proved the account theirs
/// in the request's language: its notices are worded in it from now on.
pub async fn use_grant(
    tx: &mut sqlx::AnyConnection,
    grant: &Grant,
    request: &Request,
    now: i64,
) -> Result<()> {
    let used = sqlx::query(
        "UPDATE recovery_flows SET step = $1, grant_used_at = $2 \
         WHERE id = $3 AND step = $4 AND grant_used_at IS NULL \
         AND grant_expires_at > $2 AND expires_at > $2",
    )
    .bind(Step::Done.key())
    .bind(now)
    .bind(&grant.flow_id)
    .bind(Step::Granted.key())
    .execute(&mut *tx)
    .await?;
    if used.rows_affected() != 1 {
        return Err(UserError::FlowExpired.into());
    }
    accounts::remember_language(&mut *tx, &grant.account_id, request.language()).await?;
    Ok(())
}

pub async fn view(ctx: &Ctx, request: &Request) -> Result<RecoveryView> {
    let db = &ctx.db;
    let now = ctx.now();
    let Some(flow) = current(ctx, request).await? else {
        return Ok(match request.cookie(DONE_COOKIE) {
            Some(UNLOCKED) => RecoveryView::Unlocked,
            Some(_) => RecoveryView::Done,
            None => RecoveryView::Expired,
        });
    };
    let Some(account_id) = flow.account_id.as_ref() else {
        return Ok(match flow.step {
            Step::Start => RecoveryView::Start,
            Step::Choose => RecoveryView::NoMethod,
            _ => RecoveryView::Expired,
        });
    };
    Ok(match flow.step {
        Step::Start => RecoveryView::Start,
        Step::Choose => match methods_for_account(db, account_id, now).await? {
            Some(methods) if methods.any() => RecoveryView::Choose {
                sms: methods.phone.as_deref().map(mask_phone),
                questions: methods.questions,
            },
            _ => RecoveryView::NoMethod,
        },
        Step::Sms => {
            let phone: Option<String> =
                sqlx::query_scalar("SELECT phone FROM mail_accounts WHERE id = $1")
                    .bind(account_id)
                    .fetch_optional(&db.pool)
                    .await?
                    .flatten();
            let wait = code::resend_in(ctx, account_id).await?;
            RecoveryView::Sms {
                phone: phone.as_deref().map(mask_phone).unwrap_or_default(),
                resend_in: wait.seconds,
                cooldown_until: wait.until,
            }
        }
        Step::Questions => {
            if limits::is_locked(db, &Counter::Questions(account_id), now).await? {
                return Err(UserError::MethodLocked.into());
            }
            RecoveryView::Questions {
                questions: question_texts(db, account_id).await?,
            }
        }
        Step::Granted => match granted(ctx, request).await {
            Ok(grant) => RecoveryView::NewPassword {
                context: password_context(db, &grant.account_id).await?,
            },
            Err(_) => RecoveryView::Expired,
        },
        Step::Done => RecoveryView::Expired,
    })
}

async fn password_context(db: &Db, account_id: &AccountId) -> Result<PasswordContext> {
    let (account, domain_id): (String, String) =
        sqlx::query_as("SELECT address, domain_id FROM mail_accounts WHERE id = $1")
            .bind(account_id)
            .fetch_one(&db.pool)
            .await?;
    Ok(PasswordContext {
        account,
        rules: policy_gate::domain_rules(db, &domain_id).await?.rules,
    })
}
