//! The second and third steps: choosing a method, then proving the account
//! is yours with an SMS code or the security questions. Passing yields the
//! reset grant.

use app::error::{Invalid, UserError};
use app::recovery::ports::StepOutcome;
use app::recovery::Method;
use app::secret::Secret;
use http::request::Parts;
use rand::Rng;
use sqlx::Row;

use super::flow::{self, methods_for_account, questions_key, Flow};
use crate::clock::SECOND;

use super::{
    db_error, RecoveryImpl, CODE_TRIES, CODE_TTL, GRANT_TTL, QUESTION_FAILURES, RESEND_COOLDOWN,
    SMS_PER_ACCOUNT, SMS_PER_CLIENT,
};
use crate::answers::normalize_answer;
use crate::identity::{internal, IdentityServiceImpl};
use crate::limits;
use crate::passwords::{PasswordHashString, Verified};
use crate::sessions::{random_token, sha256_hex};
use crate::sms;

pub fn cooldown_key(account_id: &str) -> String {
    format!("sms:cooldown:{account_id}")
}

pub async fn choose(
    service: &RecoveryImpl,
    request: &Parts,
    method: Method,
) -> Result<(), UserError> {
    let flow = flow::at_step(service, request, "choose").await?;
    let db = &service.identity.db;
    let now = service.identity.now();
    let account_id = flow.account_id.clone().ok_or(UserError::NotAllowed)?;
    let methods = methods_for_account(db, &account_id, now)
        .await
        .map_err(internal)?
        .ok_or(UserError::NotAllowed)?;
    match method {
        Method::Sms => {
            let phone = methods.phone.ok_or(UserError::NotAllowed)?;
            send_code(service, request, &flow, &account_id, &phone, "choose").await?;
        }
        Method::Questions => {
            if !methods.questions {
                return Err(UserError::NotAllowed);
            }
            let moved = sqlx::query(
                "UPDATE recovery_flows SET step = 'questions', method = 'questions' \
                 WHERE id = $1 AND step = 'choose'",
            )
            .bind(&flow.id)
            .execute(&db.pool)
            .await
            .map_err(db_error)?;
            if moved.rows_affected() != 1 {
                return Err(UserError::FlowExpired);
            }
        }
    }
    Ok(())
}

pub async fn resend(service: &RecoveryImpl, request: &Parts) -> Result<i64, UserError> {
    let flow = flow::at_step(service, request, "sms").await?;
    let db = &service.identity.db;
    let now = service.identity.now();
    let account_id = flow.account_id.clone().ok_or(UserError::NotAllowed)?;
    let phone = methods_for_account(db, &account_id, now)
        .await
        .map_err(internal)?
        .and_then(|methods| methods.phone)
        .ok_or(UserError::NotAllowed)?;
    send_code(service, request, &flow, &account_id, &phone, "sms").await?;
    Ok(RESEND_COOLDOWN.lock / 1000)
}

/// A fresh code for the flow, within the resend cooldown and the hourly
/// caps, queued as an SMS in the same transaction that stores its hash.
async fn send_code(
    service: &RecoveryImpl,
    request: &Parts,
    flow: &Flow,
    account_id: &str,
    phone: &str,
    from_step: &str,
) -> Result<(), UserError> {
    let identity = &service.identity;
    let db = &identity.db;
    let now = identity.now();
    admit_sms(identity, request, account_id).await?;
    let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32));
    let hash = identity.hasher.hash(&code).await?;
    let text = format!(
        "Your mail password reset code is {code}. It expires in 10 minutes. \
         Never share it with anyone."
    );
    let store = async {
        let mut tx = db.pool.begin().await?;
        let moved = sqlx::query(
            "UPDATE recovery_flows SET step = 'sms', method = 'sms', code_hash = $1, \
             code_expires_at = $2, code_attempts = 0 WHERE id = $3 AND step = $4",
        )
        .bind(hash.as_str())
        .bind(now + CODE_TTL)
        .bind(&flow.id)
        .bind(from_step)
        .execute(&mut *tx)
        .await?;
        if moved.rows_affected() != 1 {
            return Ok(false);
        }
        sms::enqueue_code(&mut *tx, phone, &text, now, now + CODE_TTL).await?;
        tx.commit().await?;
        anyhow::Ok(true)
    };
    if !store.await.map_err(internal)? {
        return Err(UserError::FlowExpired);
    }
    service.identity.sms.wake();
    Ok(())
}

/// Admits one more SMS code to the account: no sooner than 60 s after the
/// last, at most 5 an hour per account and 20 per client address. The same
/// counters serve Forgot Password and binding a phone.
pub async fn admit_sms(
    identity: &IdentityServiceImpl,
    request: &Parts,
    account_id: &str,
) -> Result<(), UserError> {
    let db = &identity.db;
    let now = identity.now();
    let limits = [
        (cooldown_key(account_id), RESEND_COOLDOWN),
        (format!("sms:account:{account_id}"), SMS_PER_ACCOUNT),
        (
            format!("sms:client:{}", identity.client_key(request)),
            SMS_PER_CLIENT,
        ),
    ];
    // First look (so a refusal uses up nothing), then count each one with a
    // compare-and-swap (so concurrent requests cannot slip past a cap).
    for (key, _) in &limits {
        let wait = limits::locked_for(db, key, now).await.map_err(internal)?;
        if wait > 0 {
            return Err(sms_refusal(key, wait));
        }
    }
    for (key, limit) in &limits {
        if !limits::try_consume(db, key, *limit, now)
            .await
            .map_err(internal)?
        {
            let wait = limits::locked_for(db, key, now).await.map_err(internal)?;
            return Err(sms_refusal(key, wait));
        }
    }
    Ok(())
}

fn sms_refusal(key: &str, wait_ms: i64) -> UserError {
    if key.starts_with("sms:cooldown:") {
        UserError::ResendTooSoon((wait_ms + 999) / 1000)
    } else {
        UserError::SmsLimit
    }
}

pub async fn code(
    service: &RecoveryImpl,
    request: &Parts,
    code: &Secret,
) -> Result<StepOutcome<()>, UserError> {
    let code = code.expose().trim();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(UserError::Invalid(Invalid::EnterSmsCode));
    }
    let flow = flow::at_step(service, request, "sms").await?;
    let identity = &service.identity;
    let now = identity.now();
    let (Some(hash), Some(expires_at)) = (flow.code_hash.clone(), flow.code_expires_at) else {
        return Err(UserError::CodeDead);
    };
    if now >= expires_at || flow.code_attempts >= CODE_TRIES {
        return Err(UserError::CodeDead);
    }
    // Count the try before judging it, atomically: five tries in total, even
    // when they arrive at once on several instances.
    let counted = sqlx::query(
        "UPDATE recovery_flows SET code_attempts = code_attempts + 1 \
         WHERE id = $1 AND step = 'sms' AND code_hash = $2 AND code_attempts < $3 \
         RETURNING code_attempts",
    )
    .bind(&flow.id)
    .bind(&hash)
    .bind(CODE_TRIES)
    .fetch_optional(&identity.db.pool)
    .await
    .map_err(db_error)?;
    let Some(row) = counted else {
        return Err(UserError::CodeDead);
    };
    let attempts: i64 = row.get(0);
    let verified = identity
        .hasher
        .verify(Some(&PasswordHashString::from_stored(hash)), code)
        .await?;
    if verified == Verified::No {
        let tries_left = CODE_TRIES - attempts;
        return Err(if tries_left > 0 {
            UserError::CodeWrong { tries_left }
        } else {
            UserError::CodeDead
        });
    }
    grant(service, &flow, "sms").await
}

/// How long one submission holds its flow's right to be judged; a crashed
/// instance's hold runs out by itself after this.
const ANSWER_HOLD: i64 = 30 * SECOND;

pub async fn questions(
    service: &RecoveryImpl,
    request: &Parts,
    answers: &[Secret],
) -> Result<StepOutcome<()>, UserError> {
    let flow = flow::at_step(service, request, "questions").await?;
    let identity = &service.identity;
    let db = &identity.db;
    let now = identity.now();
    let account_id = flow.account_id.clone().ok_or(UserError::NotAllowed)?;
    if answers
        .iter()
        .any(|answer| answer.expose().trim().is_empty())
    {
        return Err(UserError::Invalid(Invalid::AnswerEveryQuestion));
    }
    // One answer set at a time per flow: a burst on one flow judges one.
    let held = sqlx::query(
        "UPDATE recovery_flows SET answer_hold_until = $1 \
         WHERE id = $2 AND step = 'questions' \
         AND (answer_hold_until IS NULL OR answer_hold_until <= $3)",
    )
    .bind(now + ANSWER_HOLD)
    .bind(&flow.id)
    .bind(now)
    .execute(&db.pool)
    .await
    .map_err(db_error)?;
    if held.rows_affected() != 1 {
        return Err(UserError::Busy);
    }
    let outcome = judge_answers(service, &flow, &account_id, answers, now).await;
    sqlx::query("UPDATE recovery_flows SET answer_hold_until = NULL WHERE id = $1")
        .bind(&flow.id)
        .execute(&db.pool)
        .await
        .map_err(db_error)?;
    outcome
}

/// Judges one answer set, its failure slot reserved first (5 wrong sets in
/// 24 hours lock the questions of the account, across all its flows).
async fn judge_answers(
    service: &RecoveryImpl,
    flow: &Flow,
    account_id: &str,
    answers: &[Secret],
    now: i64,
) -> Result<StepOutcome<()>, UserError> {
    let identity = &service.identity;
    let db = &identity.db;
    let lock_key = questions_key(account_id);
    let Some(slot) = limits::reserve(db, &lock_key, QUESTION_FAILURES, now)
        .await
        .map_err(internal)?
    else {
        return Err(UserError::MethodLocked);
    };
    let stored: Vec<String> = sqlx::query_scalar(
        "SELECT answer_hash FROM security_questions WHERE account_id = $1 ORDER BY position",
    )
    .bind(account_id)
    .fetch_all(&db.pool)
    .await
    .map_err(db_error)?;
    // Every answer is checked, right or wrong, so the time tells nothing
    // about which one failed.
    let mut all_match = stored.len() == answers.len() && !stored.is_empty();
    for (hash, answer) in stored.into_iter().zip(answers) {
        let verified = identity
            .hasher
            .verify(
                Some(&PasswordHashString::from_stored(hash)),
                &normalize_answer(answer.expose()),
            )
            .await;
        match verified {
            Ok(verified) => all_match &= verified != Verified::No,
            Err(err) => {
                limits::release(db, &lock_key, slot)
                    .await
                    .map_err(internal)?;
                return Err(err.into());
            }
        }
    }
    if !all_match {
        return Err(if slot.locked_it {
            UserError::MethodLocked
        } else {
            UserError::AnswersWrong
        });
    }
    // Right answers are not a failure; but wrong sets judged meanwhile (on
    // other flows of the account) may have locked the questions.
    limits::release(db, &lock_key, slot)
        .await
        .map_err(internal)?;
    if limits::is_locked(db, &lock_key, now)
        .await
        .map_err(internal)?
    {
        return Err(UserError::MethodLocked);
    }
    grant(service, flow, "questions").await
}

/// Verification passed: the flow moves to `granted` and the browser gets
/// the grant (only its hash is stored).
async fn grant(
    service: &RecoveryImpl,
    flow: &Flow,
    from_step: &str,
) -> Result<StepOutcome<()>, UserError> {
    let token = random_token();
    let now = service.identity.now();
    // A grant never outlives its flow.
    let moved = sqlx::query(
        "UPDATE recovery_flows SET step = 'granted', code_hash = NULL, grant_hash = $1, \
         grant_expires_at = CASE WHEN expires_at < $2 THEN expires_at ELSE $2 END \
         WHERE id = $3 AND step = $4 AND expires_at > $5",
    )
    .bind(sha256_hex(&token))
    .bind(now + GRANT_TTL)
    .bind(&flow.id)
    .bind(from_step)
    .bind(now)
    .execute(&service.identity.db.pool)
    .await
    .map_err(db_error)?;
    if moved.rows_affected() != 1 {
        return Err(UserError::FlowExpired);
    }
    Ok(StepOutcome {
        value: (),
        set_cookies: vec![service.grant_cookie(&token)],
    })
}
