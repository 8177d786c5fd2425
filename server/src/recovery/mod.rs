//! Forgot Password (scenario 2) on the server. The flow lives in the
//! database (`recovery_flows`), found by a random token in an HttpOnly
//! cookie, so any instance can serve any step. Each step moves `step` on
//! with a compare-and-swap, so steps cannot be skipped or replayed; every
//! limit is a database counter (see `limits`).
//!
//! - `flow`: the flow row, its steps, and what an account can recover with.
//! - `start`: the image and the address.
//! - `verify`: the method, then the SMS code or the questions.
//! - `reset`: the new password.

mod flow;
mod reset;
mod start;
mod unlock;
mod verify;

use std::sync::Arc;

use app::error::UserError;
use app::recovery::ports::{Recovery, StepOutcome};
use app::recovery::{Method, RecoveryView, DONE_COOKIE, FLOW_COOKIE, FLOW_PATH, GRANT_COOKIE};
use app::request::{Request, SetCookie};
use app::secret::Secret;
use async_trait::async_trait;

use crate::captcha::CaptchaMaker;
use crate::ctx::Ctx;
use crate::error::ForUser;
use crate::infra::clock::MINUTE;

pub use flow::FlowId;

/// A flow is abandoned after 30 minutes, whatever step it is at.
pub const FLOW_TTL: i64 = 30 * MINUTE;
pub const GRANT_TTL: i64 = 15 * MINUTE;

pub struct RecoveryImpl {
    pub ctx: Arc<Ctx>,
    pub captchas: Arc<dyn CaptchaMaker>,
}

/// One of the flow's cookies, sent back only to `/forgot`.
fn cookie(name: &'static str, value: &str, max_age_ms: i64) -> SetCookie {
    SetCookie::new(name, value, max_age_ms / 1000).at(FLOW_PATH)
}

fn flow_cookie(token: &str) -> SetCookie {
    cookie(FLOW_COOKIE, token, FLOW_TTL)
}

fn grant_cookie(token: &str) -> SetCookie {
    cookie(GRANT_COOKIE, token, GRANT_TTL)
}

/// The flow's cookies cleared, and the mark of how it ended well (`"1"`:
/// a reset; `app::recovery::UNLOCKED`: an unlock).
fn finished_cookies(ending: &str) -> Vec<SetCookie> {
    vec![
        cookie(FLOW_COOKIE, "", 0),
        cookie(GRANT_COOKIE, "", 0),
        cookie(DONE_COOKIE, ending, 10 * MINUTE),
    ]
}

#[async_trait]
impl Recovery for RecoveryImpl {
    async fn begin(&self, request: &Request) -> Result<StepOutcome<String>, UserError> {
        start::begin(self, request)
            .await
            .for_user("begin Forgot Password")
    }

    async fn current_captcha(&self, request: &Request) -> Result<Option<String>, UserError> {
        start::current(&self.ctx, request)
            .await
            .for_user("read the flow's image")
    }

    async fn refresh_captcha(&self, request: &Request) -> Result<StepOutcome<String>, UserError> {
        start::refresh(self, request)
            .await
            .for_user("make a new image")
    }

    async fn submit_address(
        &self,
        request: &Request,
        address: &str,
        captcha: &str,
    ) -> Result<(), UserError> {
        start::submit_address(self, request, address, captcha)
            .await
            .for_user("submit the address")
    }

    async fn view(&self, request: &Request) -> Result<RecoveryView, UserError> {
        flow::view(&self.ctx, request)
            .await
            .for_user("show the flow's step")
    }

    async fn choose(&self, request: &Request, method: Method) -> Result<(), UserError> {
        verify::choose(&self.ctx, request, method)
            .await
            .for_user("choose a method")
    }

    async fn resend(&self, request: &Request) -> Result<i64, UserError> {
        verify::resend(&self.ctx, request)
            .await
            .for_user("resend the SMS code")
    }

    async fn verify_code(
        &self,
        request: &Request,
        code: &Secret,
    ) -> Result<StepOutcome<()>, UserError> {
        verify::code(&self.ctx, request, code)
            .await
            .for_user("verify the SMS code")
    }

    async fn answer_questions(
        &self,
        request: &Request,
        answers: &[Secret],
    ) -> Result<StepOutcome<()>, UserError> {
        verify::questions(&self.ctx, request, answers)
            .await
            .for_user("judge the answers")
    }

    async fn reset(
        &self,
        request: &Request,
        new_password: &Secret,
        confirmation: &Secret,
    ) -> Result<StepOutcome<()>, UserError> {
        reset::reset(&self.ctx, request, new_password, confirmation)
            .await
            .for_user("reset the forgotten password")
    }

    async fn unlock(&self, request: &Request) -> Result<StepOutcome<()>, UserError> {
        unlock::unlock(&self.ctx, request)
            .await
            .for_user("unlock the account")
    }
}
