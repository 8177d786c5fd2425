//! The recovery service the Forgot Password server functions call,
//! implemented by the `server` crate and provided as Leptos context.

use std::sync::Arc;

use async_trait::async_trait;

use super::{Method, RecoveryView};
use crate::error::UserError;
use crate::request::{Request, SetCookie};
use crate::secret::Secret;

/// What a step hands back: the view of the next step and any cookies to set.
pub struct StepOutcome<T> {
    pub value: T,
    pub set_cookies: Vec<SetCookie>,
}

#[async_trait]
pub trait Recovery: Send + Sync + 'static {
    /// The first step (a POST): reuses this browser's flow while it is at
    /// the start with a live image, else starts a new flow. Returns the
    /// captcha id.
    async fn begin(&self, request: &Request) -> Result<StepOutcome<String>, UserError>;

    /// The live image of this browser's flow at the start, if any. Reads
    /// only: loading a page creates nothing and uses no budget.
    async fn current_captcha(&self, request: &Request) -> Result<Option<String>, UserError>;

    /// A new image for the flow at the start (the old one is dead), or a
    /// new flow with its first image when there is none.
    async fn refresh_captcha(&self, request: &Request) -> Result<StepOutcome<String>, UserError>;

    /// Email address and image code. Whatever the address, the flow moves
    /// on to the method choice (which may offer nothing).
    async fn submit_address(
        &self,
        request: &Request,
        address: &str,
        captcha: &str,
    ) -> Result<(), UserError>;

    async fn view(&self, request: &Request) -> Result<RecoveryView, UserError>;

    async fn choose(&self, request: &Request, method: Method) -> Result<(), UserError>;

    /// Sends a new SMS code; returns the seconds until the next resend.
    async fn resend(&self, request: &Request) -> Result<i64, UserError>;

    /// A correct code yields the reset grant cookie.
    async fn verify_code(
        &self,
        request: &Request,
        code: &Secret,
    ) -> Result<StepOutcome<()>, UserError>;

    /// All answers right yields the reset grant cookie.
    async fn answer_questions(
        &self,
        request: &Request,
        answers: &[Secret],
    ) -> Result<StepOutcome<()>, UserError>;

    /// Sets the new password with the grant; returns the cookies that
    /// clear the flow.
    async fn reset(
        &self,
        request: &Request,
        new_password: &Secret,
        confirmation: &Secret,
    ) -> Result<StepOutcome<()>, UserError>;

    /// Uses the grant to lift the strangers' logon lock and keep the
    /// password; returns the cookies that clear the flow.
    async fn unlock(&self, request: &Request) -> Result<StepOutcome<()>, UserError>;
}

pub type RecoveryService = Arc<dyn Recovery>;
