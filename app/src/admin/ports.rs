//! The domain-management service the server functions call, implemented in
//! the `server` crate. Every method finds the postmaster from the request
//! and touches only that postmaster's domain: an id from another domain,
//! or one that does not exist, is `NotAllowed` alike.

use std::sync::Arc;

use async_trait::async_trait;

use super::{
    AccountDetail, AdminDomain, AuditPage, Department, DomainPolicy, EmployeePage, NewAccount,
};
use crate::auth::PasswordContext;
use crate::error::UserError;
use crate::request::Request;
use crate::secret::Secret;

#[async_trait]
pub trait DomainAdmin: Send + Sync + 'static {
    async fn home(&self, request: &Request) -> Result<AdminDomain, UserError>;

    /// `search` matches names and addresses (case-insensitive); empty
    /// `department_id` means all; `page` is 1-based.
    async fn employees(
        &self,
        request: &Request,
        search: &str,
        department_id: &str,
        page: u32,
    ) -> Result<EmployeePage, UserError>;

    async fn departments(&self, request: &Request) -> Result<Vec<Department>, UserError>;
    async fn create_department(&self, request: &Request, name: &str) -> Result<(), UserError>;
    async fn rename_department(
        &self,
        request: &Request,
        id: &str,
        name: &str,
    ) -> Result<(), UserError>;

    /// Returns the new account's id.
    async fn create_account(
        &self,
        request: &Request,
        account: NewAccount,
        password: &Secret,
        confirmation: &Secret,
    ) -> Result<String, UserError>;

    async fn account(&self, request: &Request, id: &str) -> Result<AccountDetail, UserError>;

    /// Disabling revokes every session of the account.
    async fn set_enabled(
        &self,
        request: &Request,
        id: &str,
        enabled: bool,
    ) -> Result<(), UserError>;

    /// Scenario 1. One transaction: hash, must-change flag, every session of
    /// the employee revoked, audit event, notice queued. Returns the time.
    async fn reset_password(
        &self,
        request: &Request,
        id: &str,
        password: &Secret,
        confirmation: &Secret,
        must_change: bool,
    ) -> Result<i64, UserError>;

    /// The employee's address and the domain's keywords, for the checklist.
    async fn account_password_context(
        &self,
        request: &Request,
        id: &str,
    ) -> Result<PasswordContext, UserError>;

    async fn policy(&self, request: &Request) -> Result<DomainPolicy, UserError>;

    /// `text` holds one keyword a line; refused with every problem found.
    async fn save_keywords(&self, request: &Request, text: &str) -> Result<(), UserError>;

    async fn save_recovery_methods(
        &self,
        request: &Request,
        sms: bool,
        questions: bool,
    ) -> Result<(), UserError>;

    /// The domain's SMS limits as typed: its calling codes and daily
    /// ceiling (see [`crate::admin::parse_calling_codes`]).
    async fn save_sms_limits(
        &self,
        request: &Request,
        calling_codes: &str,
        daily_ceiling: &str,
    ) -> Result<(), UserError>;

    async fn audit_log(&self, request: &Request, page: u32) -> Result<AuditPage, UserError>;
}

pub type DomainAdminService = Arc<dyn DomainAdmin>;
