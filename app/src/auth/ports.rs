//! The services the server functions call, implemented by the `server`
//! crate and handed to every request as Leptos context. Keeping them behind
//! a trait keeps database and hashing crates out of this crate.

use std::sync::Arc;

use async_trait::async_trait;

use super::{MailUser, Owner, PasswordContext};
use crate::error::UserError;
use crate::request::{Request, SetCookie};
use crate::secret::Secret;

/// A session just started: the cookies to set (the session's and the
/// familiar-device cookie) and where to go.
pub struct SessionStart {
    pub cookies: Vec<SetCookie>,
    pub redirect_to: String,
}

#[async_trait]
pub trait Identity: Send + Sync + 'static {
    async fn log_on(
        &self,
        request: &Request,
        address: &str,
        password: &Secret,
    ) -> Result<SessionStart, UserError>;

    async fn console_log_on(
        &self,
        request: &Request,
        login_name: &str,
        password: &Secret,
    ) -> Result<SessionStart, UserError>;

    /// Ends the request's session of that kind; returns the cookie that
    /// clears it.
    async fn log_out(&self, request: &Request, console: bool) -> Result<SetCookie, UserError>;

    /// The signed-in mail account. Unless `allow_must_change`, an account
    /// that must change its password gets `MustChangePassword`.
    async fn mail_user(
        &self,
        request: &Request,
        allow_must_change: bool,
    ) -> Result<MailUser, UserError>;

    async fn owner(&self, request: &Request) -> Result<Owner, UserError>;

    async fn password_context(&self, request: &Request) -> Result<PasswordContext, UserError>;

    /// Changes the signed-in account's password. `current` is required
    /// except in the forced change right after logon.
    async fn change_password(
        &self,
        request: &Request,
        current: Option<&Secret>,
        new_password: &Secret,
        confirmation: &Secret,
    ) -> Result<(), UserError>;
}

pub type IdentityService = Arc<dyn Identity>;
