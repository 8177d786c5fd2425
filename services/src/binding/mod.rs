//! Security settings' recovery methods (the precondition of Forgot
//! Password): binding a secure mobile phone, proven by an SMS code sent to
//! it, and security questions. Both need the current password; every
//! change is one transaction with its audit event and SMS notice. Codes
//! follow the same limits, and share the same SMS counters, as Forgot
//! Password's (`sms_code`).

mod phone;
pub mod prompt;
mod questions;

use crate::request::Request;
use proto::binding::SecuritySetup;
use proto::error::UserError;
use proto::report::RecoveryPrompt;
use proto::secret::Secret;

use crate::accounts::{signed_in_account, AccountId};
use crate::ctx::Ctx;
use crate::error::{ForUser, Result};
use crate::infra::db::Db;
use crate::phone::mask_phone;
use crate::sms_code::CODE_TRIES;

/// The account's verified secure phone (E.164), if any.
/// One security question and its answer, as submitted.
pub struct QuestionAnswer {
    pub question: String,
    pub answer: Secret,
}

async fn bound_phone(db: &Db, account_id: &AccountId) -> Result<Option<String>> {
    let phone: Option<Option<String>> = sqlx::query_scalar(
        "SELECT phone FROM mail_accounts WHERE id = $1 AND phone_verified_at IS NOT NULL",
    )
    .bind(account_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(phone.flatten())
}

/// The account's security questions, in order.
async fn question_texts(db: &Db, account_id: &str) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT question FROM security_questions WHERE account_id = $1 ORDER BY position",
    )
    .bind(account_id)
    .fetch_all(&db.pool)
    .await?)
}

async fn load_setup(ctx: &Ctx, request: &Request) -> Result<SecuritySetup> {
    let (account, _) = signed_in_account(ctx, request, false).await?;
    let db = &ctx.db;
    let phone = bound_phone(db, &account.id).await?;
    let pending: Option<String> = sqlx::query_scalar(
        "SELECT phone FROM phone_bindings \
         WHERE account_id = $1 AND expires_at > $2 AND attempts < $3",
    )
    .bind(&account.id)
    .bind(ctx.now())
    .bind(CODE_TRIES)
    .fetch_optional(&db.pool)
    .await?;
    let questions = question_texts(db, &account.id).await?;
    let (changed_at, cooldown_hours): (Option<i64>, i64) = sqlx::query_as(
        "SELECT a.phone_changed_at, d.phone_cooldown_hours \
         FROM mail_accounts a JOIN domains d ON d.id = a.domain_id WHERE a.id = $1",
    )
    .bind(&account.id)
    .fetch_one(&db.pool)
    .await?;
    let cooling_until = changed_at
        .map(|changed| changed + cooldown_hours.saturating_mul(3_600_000))
        .filter(|until| *until > ctx.now() && phone.is_some());
    Ok(SecuritySetup {
        phone: phone.as_deref().map(mask_phone),
        phone_cooling_until: cooling_until,
        pending_phone: pending.as_deref().map(mask_phone),
        questions,
        preset_questions: proto::messages::preset_questions(request.language()),
    })
}

pub async fn setup(ctx: &Ctx, request: &Request) -> Result<SecuritySetup, UserError> {
    load_setup(ctx, request)
        .await
        .for_user("load the security settings")
}

pub async fn send_phone_code(
    ctx: &Ctx,
    request: &Request,
    phone: &str,
    current_password: &Secret,
) -> Result<String, UserError> {
    phone::send_code(ctx, request, phone, current_password)
        .await
        .for_user("send the phone's binding code")
}

pub async fn bind_phone(ctx: &Ctx, request: &Request, code: &Secret) -> Result<String, UserError> {
    phone::bind(ctx, request, code)
        .await
        .for_user("bind the phone")
}

pub async fn set_questions(
    ctx: &Ctx,
    request: &Request,
    current_password: &Secret,
    questions: Vec<QuestionAnswer>,
) -> Result<(), UserError> {
    questions::set(ctx, request, current_password, questions)
        .await
        .for_user("set the security questions")
}

/// The recovery prompt due for the signed-in account, if any.
pub async fn recovery_prompt(
    ctx: &Ctx,
    request: &Request,
) -> Result<Option<RecoveryPrompt>, UserError> {
    prompt::prompt(ctx, request)
        .await
        .for_user("load the recovery prompt")
}

/// "Skip for now"; answers where to go next.
pub async fn skip_recovery_setup(ctx: &Ctx, request: &Request) -> Result<String, UserError> {
    prompt::skip(ctx, request)
        .await
        .for_user("skip the recovery setup")
}

/// "These are correct"; answers where to go next.
pub async fn confirm_recovery(ctx: &Ctx, request: &Request) -> Result<String, UserError> {
    prompt::confirm(ctx, request)
        .await
        .for_user("confirm the recovery information")
}
