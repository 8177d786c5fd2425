//! The Email Console service the server functions call, implemented in the
//! `server` crate. Every method finds the owner from the request's console
//! session and touches only that owner's domains: another owner's domain
//! id, or one that does not exist, is `NotAllowed` alike.

use std::sync::Arc;

use async_trait::async_trait;

use super::ManagedDomain;
use crate::auth::PasswordContext;
use crate::error::UserError;
use crate::request::Request;
use crate::secret::Secret;

#[async_trait]
pub trait Console: Send + Sync + 'static {
    async fn domain(&self, request: &Request, id: &str) -> Result<ManagedDomain, UserError>;

    /// The postmaster's address and the domain's keywords, for the checklist.
    async fn postmaster_password_context(
        &self,
        request: &Request,
        id: &str,
    ) -> Result<PasswordContext, UserError>;

    /// Scenario 3. One transaction: hash, must-change flag, every session of
    /// the postmaster revoked, audit event (seen in the console and in the
    /// domain's Audit Log). Returns the time.
    async fn reset_postmaster_password(
        &self,
        request: &Request,
        id: &str,
        password: &Secret,
        confirmation: &Secret,
        must_change: bool,
    ) -> Result<i64, UserError>;

    /// Creates a domain owned by the caller with its postmaster account
    /// (`postmaster@<name>`, must change at next logon), the default weak
    /// keywords and both recovery methods. Returns the domain id.
    async fn add_domain(
        &self,
        request: &Request,
        name: &str,
        password: &Secret,
        confirmation: &Secret,
    ) -> Result<String, UserError>;

    /// The owner changes their own password (their login name plays the
    /// account in policy rule 4); their other console sessions end.
    async fn change_password(
        &self,
        request: &Request,
        current: &Secret,
        password: &Secret,
        confirmation: &Secret,
    ) -> Result<(), UserError>;

    /// The checklist context of the owner's own password.
    async fn own_password_context(&self, request: &Request) -> Result<PasswordContext, UserError>;
}

pub type ConsoleService = Arc<dyn Console>;
