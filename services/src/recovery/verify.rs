//! The second and third steps: choosing a method, then proving the account
//! is yours with an SMS code or the security questions. Passing yields the
//! reset grant.

use super::StepOutcome;
use crate::request::Request;
use proto::error::{Invalid, UserError};
use proto::recovery::Method;
use proto::secret::Secret;

use super::flow::{self, methods_for_account, Flow, Step};
use super::{grant_cookie, GRANT_TTL};
use crate::accounts::AccountId;
use crate::answers::normalize_answer;
use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::clock::SECOND;
use crate::infra::passwords::{PasswordHashString, Verified};
use crate::infra::sessions::{random_token, sha256_hex};
use crate::infra::sms;
use crate::limits::{self, Counter, RESEND_COOLDOWN};
use crate::sms_code::{self as code, SmsCode};

pub async fn choose(ctx: &Ctx, request: &Request, method: Method) -> Result<()> {
    let flow = flow::at_step(ctx, request, Step::Choose).await?;
    let account_id = flow.account_id.as_ref().ok_or(UserError::NotAllowed)?;
    let methods = methods_for_account(&ctx.db, account_id, ctx.now())
        .await?
        .ok_or(UserError::NotAllowed)?;
    match method {
        Method::Sms => {
            let phone = methods.phone.ok_or(UserError::NotAllowed)?;
            send_code(ctx, request, &flow, account_id, &phone).await?;
        }
        Method::Questions => {
            if !methods.questions {
                return Err(UserError::NotAllowed.into());
            }
            let moved = sqlx::query(
                "UPDATE recovery_flows SET step = $1, method = 'questions' \
                 WHERE id = $2 AND step = $3",
            )
            .bind(Step::Questions.key())
            .bind(&flow.id)
            .bind(Step::Choose.key())
            .execute(&ctx.db.pool)
            .await?;
            if moved.rows_affected() != 1 {
                return Err(UserError::FlowExpired.into());
            }
        }
    }
    Ok(())
}

pub async fn resend(ctx: &Ctx, request: &Request) -> Result<i64> {
    let flow = flow::at_step(ctx, request, Step::Sms).await?;
    let account_id = flow.account_id.as_ref().ok_or(UserError::NotAllowed)?;
    let phone = methods_for_account(&ctx.db, account_id, ctx.now())
        .await?
        .and_then(|methods| methods.phone)
        .ok_or(UserError::NotAllowed)?;
    send_code(ctx, request, &flow, account_id, &phone).await?;
    Ok(RESEND_COOLDOWN.lock / 1000)
}

/// A fresh code for the flow, within the resend cooldown and the hourly
/// caps, queued as an SMS in the same transaction that stores its hash.
async fn send_code(
    ctx: &Ctx,
    request: &Request,
    flow: &Flow,
    account_id: &AccountId,
    phone: &str,
) -> Result<()> {
    let now = ctx.now();
    code::admit(ctx, &request.client, account_id, phone).await?;
    let code = SmsCode::generate();
    let hash = ctx.hasher.hash(code.expose()).await?;
    // In the language the person is reading the flow in.
    let text = proto::messages::sms_reset_code(request.language(), code.expose());
    let mut tx = ctx.db.pool.begin().await?;
    let moved = sqlx::query(
        "UPDATE recovery_flows SET step = $1, method = 'sms', code_hash = $2, \
         code_expires_at = $3, code_attempts = 0 WHERE id = $4 AND step = $5",
    )
    .bind(Step::Sms.key())
    .bind(hash.as_str())
    .bind(now + code::CODE_TTL)
    .bind(&flow.id)
    .bind(flow.step.key())
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() != 1 {
        return Err(UserError::FlowExpired.into());
    }
    sms::enqueue_code(&mut *tx, phone, &text, now, now + code::CODE_TTL).await?;
    tx.commit().await?;
    ctx.sms.wake();
    Ok(())
}

pub async fn code(ctx: &Ctx, request: &Request, code: &Secret) -> Result<StepOutcome<()>> {
    let code = SmsCode::parse(code)?;
    let flow = flow::at_step(ctx, request, Step::Sms).await?;
    let now = ctx.now();
    let (Some(hash), Some(expires_at)) = (flow.code_hash.as_deref(), flow.code_expires_at) else {
        return Err(UserError::CodeDead.into());
    };
    if now >= expires_at || flow.code_attempts >= code::CODE_TRIES {
        return Err(UserError::CodeDead.into());
    }
    // Count the try before judging it, atomically: five tries in total, even
    // when they arrive at once on several instances.
    let tries_used: Option<i64> = sqlx::query_scalar(
        "UPDATE recovery_flows SET code_attempts = code_attempts + 1 \
         WHERE id = $1 AND step = $2 AND code_hash = $3 AND code_attempts < $4 \
         RETURNING code_attempts",
    )
    .bind(&flow.id)
    .bind(Step::Sms.key())
    .bind(hash)
    .bind(code::CODE_TRIES)
    .fetch_optional(&ctx.db.pool)
    .await?;
    code::judge(ctx, hash, &code, tries_used).await?;
    grant(ctx, &flow).await
}

/// How long one submission holds its flow's right to be judged; a crashed
/// instance's hold runs out by itself after this.
const ANSWER_HOLD: i64 = 30 * SECOND;

pub async fn questions(
    ctx: &Ctx,
    request: &Request,
    answers: &[Secret],
) -> Result<StepOutcome<()>> {
    let flow = flow::at_step(ctx, request, Step::Questions).await?;
    let now = ctx.now();
    let account_id = flow.account_id.as_ref().ok_or(UserError::NotAllowed)?;
    if answers
        .iter()
        .any(|answer| answer.expose().trim().is_empty())
    {
        return Err(UserError::Invalid(Invalid::AnswerEveryQuestion).into());
    }
    // One answer set at a time per flow: a burst on one flow judges one.
    let held = sqlx::query(
        "UPDATE recovery_flows SET answer_hold_until = $1 \
         WHERE id = $2 AND step = $3 \
         AND (answer_hold_until IS NULL OR answer_hold_until <= $4)",
    )
    .bind(now + ANSWER_HOLD)
    .bind(&flow.id)
    .bind(Step::Questions.key())
    .bind(now)
    .execute(&ctx.db.pool)
    .await?;
    if held.rows_affected() != 1 {
        return Err(UserError::Busy.into());
    }
    let outcome = judge_answers(ctx, &flow, account_id, answers, now).await;
    sqlx::query("UPDATE recovery_flows SET answer_hold_until = NULL WHERE id = $1")
        .bind(&flow.id)
        .execute(&ctx.db.pool)
        .await?;
    outcome
}

/// Judges one answer set, its failure slot reserved first (5 wrong sets in
/// 24 hours lock the questions of the account, across all its flows).
async fn judge_answers(
    ctx: &Ctx,
    flow: &Flow,
    account_id: &AccountId,
    answers: &[Secret],
    now: i64,
) -> Result<StepOutcome<()>> {
    let db = &ctx.db;
    let counter = Counter::Questions(account_id);
    let Some(slot) = limits::reserve(db, &counter, now).await? else {
        return Err(UserError::MethodLocked.into());
    };
    let stored: Vec<String> = sqlx::query_scalar(
        "SELECT answer_hash FROM security_questions WHERE account_id = $1 ORDER BY position",
    )
    .bind(account_id)
    .fetch_all(&db.pool)
    .await?;
    // Every answer is checked, right or wrong, so the time tells nothing
    // about which one failed.
    let mut all_match = stored.len() == answers.len() && !stored.is_empty();
    for (hash, answer) in stored.into_iter().zip(answers) {
        let verified = ctx
            .hasher
            .verify(
                Some(&PasswordHashString::from_stored(hash)),
                &normalize_answer(answer.expose()),
            )
            .await;
        match verified {
            Ok(verified) => all_match &= verified != Verified::No,
            Err(err) => {
                limits::release(db, &counter, slot).await?;
                return Err(err.into());
            }
        }
    }
    if !all_match {
        return Err(if slot.locked_it {
            UserError::MethodLocked
        } else {
            UserError::AnswersWrong
        }
        .into());
    }
    // Right answers are not a failure; but wrong sets judged meanwhile (on
    // other flows of the account) may have locked the questions.
    limits::release(db, &counter, slot).await?;
    if limits::is_locked(db, &counter, now).await? {
        return Err(UserError::MethodLocked.into());
    }
    grant(ctx, flow).await
}

/// Verification passed: the flow moves to `granted` and the browser gets
/// the grant (only its hash is stored).
async fn grant(ctx: &Ctx, flow: &Flow) -> Result<StepOutcome<()>> {
    let token = random_token();
    let now = ctx.now();
    // A grant never outlives its flow.
    let moved = sqlx::query(
        "UPDATE recovery_flows SET step = $1, code_hash = NULL, grant_hash = $2, \
         grant_expires_at = CASE WHEN expires_at < $3 THEN expires_at ELSE $3 END \
         WHERE id = $4 AND step = $5 AND expires_at > $6",
    )
    .bind(Step::Granted.key())
    .bind(sha256_hex(&token))
    .bind(now + GRANT_TTL)
    .bind(&flow.id)
    .bind(flow.step.key())
    .bind(now)
    .execute(&ctx.db.pool)
    .await?;
    if moved.rows_affected() != 1 {
        return Err(UserError::FlowExpired.into());
    }
    Ok(StepOutcome {
        value: (),
        set_cookies: vec![grant_cookie(&token)],
    })
}
