//! The binding service the security-settings server functions call,
//! implemented in the `server` crate. Every method finds the account from
//! the request's mail session; nothing else names whose settings change.

use std::sync::Arc;

use async_trait::async_trait;

use super::SecuritySetup;
use crate::error::UserError;
use crate::request::Request;
use crate::secret::Secret;

/// One security question and its answer, as submitted.
pub struct QuestionAnswer {
    pub question: String,
    pub answer: Secret,
}

#[async_trait]
pub trait Binding: Send + Sync + 'static {
    /// The account's bound phone and questions, masked and answer-free.
    async fn setup(&self, request: &Request) -> Result<SecuritySetup, UserError>;

    /// Proves the current password, then sends a 6-digit code to `phone`
    /// (within the resend cooldown and the hourly SMS caps shared with
    /// Forgot Password). Returns the masked number.
    async fn send_phone_code(
        &self,
        request: &Request,
        phone: &str,
        current_password: &Secret,
    ) -> Result<String, UserError>;

    /// The code sent to the pending number: binds it (one transaction:
    /// number, audit event, notice to the number it replaces). Returns the
    /// masked number.
    async fn bind_phone(&self, request: &Request, code: &Secret) -> Result<String, UserError>;

    /// Proves the current password, then replaces the account's questions.
    async fn set_questions(
        &self,
        request: &Request,
        current_password: &Secret,
        questions: Vec<QuestionAnswer>,
    ) -> Result<(), UserError>;
}

pub type BindingService = Arc<dyn Binding>;
