//! Forgot Password (scenario 2) on the server. The flow lives in the
//! database (`recovery_flows`), found by a random token in an HttpOnly
//! cookie, so any instance can serve any step. Each step moves `step` on
//! with a compare-and-swap, so steps cannot be skipped or replayed; every
//! limit is a database counter (see `limits`).

mod flow;
mod reset;
mod start;
mod verify;

pub use verify::admit_sms;

use std::sync::Arc;

use app::error::UserError;
use app::recovery::ports::{Recovery, StepOutcome};
use app::recovery::{Method, RecoveryView, DONE_COOKIE, FLOW_COOKIE, FLOW_PATH, GRANT_COOKIE};
use app::secret::Secret;
use async_trait::async_trait;
use http::request::Parts;

use crate::captcha::CaptchaMaker;
use crate::clock::{HOUR, MINUTE, SECOND};
use crate::identity::{internal, IdentityServiceImpl};
use crate::limits::Limit;

/// A flow is abandoned after 30 minutes, whatever step it is at.
pub const FLOW_TTL: i64 = 30 * MINUTE;
pub const CODE_TTL: i64 = 10 * MINUTE;
pub const CODE_TRIES: i64 = 5;
pub const GRANT_TTL: i64 = 15 * MINUTE;

/// PRODUCT.md: resend no sooner than 60 s (one SMS, then locked 60 s).
pub const RESEND_COOLDOWN: Limit = Limit {
    max: 1,
    window: 60 * SECOND,
    lock: 60 * SECOND,
};
/// At most 5 SMS per account per hour.
pub const SMS_PER_ACCOUNT: Limit = Limit {
    max: 5,
    window: HOUR,
    lock: HOUR,
};
/// At most 20 SMS per client address per hour.
pub const SMS_PER_CLIENT: Limit = Limit {
    max: 20,
    window: HOUR,
    lock: HOUR,
};
/// New Forgot Password images per client address and hour.
pub const IMAGES_PER_CLIENT: Limit = Limit {
    max: 300,
    window: HOUR,
    lock: HOUR,
};
/// 5 failed question flows in 24 hours lock the method for the account.
pub const QUESTION_FAILURES: Limit = Limit {
    max: 5,
    window: 24 * HOUR,
    lock: 24 * HOUR,
};

pub struct RecoveryImpl {
    pub identity: Arc<IdentityServiceImpl>,
    pub captchas: Arc<dyn CaptchaMaker>,
}

impl RecoveryImpl {
    fn cookie(&self, name: &str, value: &str, max_age_ms: i64) -> String {
        crate::sessions::set_cookie(
            name,
            value,
            max_age_ms / 1000,
            FLOW_PATH,
            self.identity.cookie_secure(),
        )
    }

    /// The value of one of the flow's cookies in the request.
    pub(crate) fn cookie_in(&self, request: &Parts, name: &str) -> Option<String> {
        crate::sessions::cookie_value(
            &request.headers,
            &crate::sessions::cookie_name(name, self.identity.cookie_secure()),
        )
    }

    fn flow_cookie(&self, token: &str) -> String {
        self.cookie(FLOW_COOKIE, token, FLOW_TTL)
    }

    fn grant_cookie(&self, token: &str) -> String {
        self.cookie(GRANT_COOKIE, token, GRANT_TTL)
    }

    /// The flow's cookies cleared, and the mark that it ended well.
    fn finished_cookies(&self) -> Vec<String> {
        vec![
            self.cookie(FLOW_COOKIE, "", 0),
            self.cookie(GRANT_COOKIE, "", 0),
            self.cookie(DONE_COOKIE, "1", 10 * MINUTE),
        ]
    }
}

/// Ends the account's open Forgot Password flows and their unused grants,
/// in the caller's transaction: after another password change (or a new
/// secure phone), a recovery begun before it must not go on to overwrite
/// it. `except` keeps the flow that is itself finishing.
pub async fn end_open_flows<'e, E>(
    executor: E,
    account_id: &str,
    except: Option<&str>,
    now: i64,
) -> anyhow::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "UPDATE recovery_flows SET expires_at = $1, grant_expires_at = NULL, code_hash = NULL \
         WHERE account_id = $2 AND expires_at > $1 AND step <> 'done' AND id <> $3",
    )
    .bind(now)
    .bind(account_id)
    .bind(except.unwrap_or(""))
    .execute(executor)
    .await?;
    Ok(())
}

fn db_error(err: sqlx::Error) -> UserError {
    internal(err.into())
}

#[async_trait]
impl Recovery for RecoveryImpl {
    async fn begin(&self, request: &Parts) -> Result<StepOutcome<String>, UserError> {
        start::begin(self, request).await
    }

    async fn current_captcha(&self, request: &Parts) -> Result<Option<String>, UserError> {
        start::current(self, request).await
    }

    async fn refresh_captcha(&self, request: &Parts) -> Result<StepOutcome<String>, UserError> {
        start::refresh(self, request).await
    }

    async fn submit_address(
        &self,
        request: &Parts,
        address: &str,
        captcha: &str,
    ) -> Result<(), UserError> {
        start::submit_address(self, request, address, captcha).await
    }

    async fn view(&self, request: &Parts) -> Result<RecoveryView, UserError> {
        flow::view(self, request).await
    }

    async fn choose(&self, request: &Parts, method: Method) -> Result<(), UserError> {
        verify::choose(self, request, method).await
    }

    async fn resend(&self, request: &Parts) -> Result<i64, UserError> {
        verify::resend(self, request).await
    }

    async fn verify_code(
        &self,
        request: &Parts,
        code: &Secret,
    ) -> Result<StepOutcome<()>, UserError> {
        verify::code(self, request, code).await
    }

    async fn answer_questions(
        &self,
        request: &Parts,
        answers: &[Secret],
    ) -> Result<StepOutcome<()>, UserError> {
        verify::questions(self, request, answers).await
    }

    async fn reset(
        &self,
        request: &Parts,
        new_password: &Secret,
        confirmation: &Secret,
    ) -> Result<StepOutcome<()>, UserError> {
        reset::reset(self, request, new_password, confirmation).await
    }
}
