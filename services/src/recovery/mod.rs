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

use crate::policy_gate::Candidate;
use crate::request::{Request, SetCookie};
use proto::error::UserError;
use proto::recovery::{Method, RecoveryView, DONE_COOKIE, FLOW_COOKIE, FLOW_PATH, GRANT_COOKIE};
use proto::secret::Secret;

use crate::ctx::Ctx;
use crate::error::ForUser;
use crate::infra::clock::MINUTE;

pub use flow::FlowId;

/// A flow is abandoned after 30 minutes, whatever step it is at.
pub const FLOW_TTL: i64 = 30 * MINUTE;
pub const GRANT_TTL: i64 = 15 * MINUTE;

/// What a step hands back: the view of the next step and any cookies to set.
pub struct StepOutcome<T> {
    pub value: T,
    pub set_cookies: Vec<SetCookie>,
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
/// a reset; `proto::recovery::UNLOCKED`: an unlock).
fn finished_cookies(ending: &str) -> Vec<SetCookie> {
    vec![
        cookie(FLOW_COOKIE, "", 0),
        cookie(GRANT_COOKIE, "", 0),
        cookie(DONE_COOKIE, ending, 10 * MINUTE),
    ]
}

pub async fn current_captcha(ctx: &Ctx, request: &Request) -> Result<Option<String>, UserError> {
    start::current(ctx, request)
        .await
        .for_user("read the flow's image")
}

pub async fn refresh_captcha(
    ctx: &Ctx,
    request: &Request,
) -> Result<StepOutcome<String>, UserError> {
    start::refresh(ctx, request)
        .await
        .for_user("make a new image")
}

pub async fn submit_address(
    ctx: &Ctx,
    request: &Request,
    address: &str,
    captcha: &str,
) -> Result<(), UserError> {
    start::submit_address(ctx, request, address, captcha)
        .await
        .for_user("submit the address")
}

pub async fn view(ctx: &Ctx, request: &Request) -> Result<RecoveryView, UserError> {
    flow::view(ctx, request)
        .await
        .for_user("show the flow's step")
}

pub async fn choose(ctx: &Ctx, request: &Request, method: Method) -> Result<(), UserError> {
    verify::choose(ctx, request, method)
        .await
        .for_user("choose a method")
}

pub async fn resend(ctx: &Ctx, request: &Request) -> Result<i64, UserError> {
    verify::resend(ctx, request)
        .await
        .for_user("resend the SMS code")
}

pub async fn verify_code(
    ctx: &Ctx,
    request: &Request,
    code: &Secret,
) -> Result<StepOutcome<()>, UserError> {
    verify::code(ctx, request, code)
        .await
        .for_user("verify the SMS code")
}

pub async fn answer_questions(
    ctx: &Ctx,
    request: &Request,
    answers: &[Secret],
) -> Result<StepOutcome<()>, UserError> {
    verify::questions(ctx, request, answers)
        .await
        .for_user("judge the answers")
}

pub async fn reset(
    ctx: &Ctx,
    request: &Request,
    candidate: Candidate<'_>,
) -> Result<StepOutcome<()>, UserError> {
    reset::reset(ctx, request, candidate)
        .await
        .for_user("reset the forgotten password")
}

pub async fn unlock(ctx: &Ctx, request: &Request) -> Result<StepOutcome<()>, UserError> {
    unlock::unlock(ctx, request)
        .await
        .for_user("unlock the account")
}
