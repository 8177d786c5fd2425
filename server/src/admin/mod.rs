//! Domain management behind the app's admin server functions: the
//! `DomainAdmin` service a postmaster uses for their own domain (employee
//! accounts, departments, Scenario 1's password reset, weak keywords,
//! recovery methods, the audit log).
//!
//! Every method first finds the caller from the request's session
//! (`caller::postmaster`) and then touches only that postmaster's domain;
//! ids from elsewhere are `NotAllowed`, the same as ids that do not exist.
//!
//! - `caller`: who is asking, and the domain-scoped lookups.
//! - `names`: display names, department names, local parts.
//! - `listing`: Employee Accounts and the departments.
//! - `accounts`: create, view, enable and disable one account.
//! - `reset`: Scenario 1.
//! - `domain`: keywords, recovery methods, audit log.

mod accounts;
mod caller;
mod domain;
mod listing;
mod names;
mod reset;

use std::sync::Arc;

use app::admin::ports::DomainAdmin;
use app::admin::{
    AccountDetail, AdminDomain, AuditPage, Department, DomainPolicy, EmployeePage, NewAccount,
};
use app::auth::PasswordContext;
use app::error::UserError;
use app::secret::Secret;
use async_trait::async_trait;
use http::request::Parts;

use crate::identity::internal;
use crate::identity::IdentityServiceImpl;

/// The service. It shares the identity service's database, hasher, clock
/// and settings, so sessions, hashing limits and test clocks are one.
#[derive(Clone)]
pub struct DomainAdminImpl {
    identity: Arc<IdentityServiceImpl>,
}

impl DomainAdminImpl {
    pub fn new(identity: Arc<IdentityServiceImpl>) -> Self {
        DomainAdminImpl { identity }
    }
}

/// A failed query: logged with its cause, `Internal` to the user.
fn db_error(err: sqlx::Error) -> UserError {
    internal(err.into())
}

#[async_trait]
impl DomainAdmin for DomainAdminImpl {
    async fn home(&self, request: &Parts) -> Result<AdminDomain, UserError> {
        let caller = caller::postmaster(self, request).await?;
        Ok(AdminDomain {
            domain: caller.domain,
            postmaster: caller.address,
        })
    }

    async fn employees(
        &self,
        request: &Parts,
        search: &str,
        department_id: &str,
        page: u32,
    ) -> Result<EmployeePage, UserError> {
        let caller = caller::postmaster(self, request).await?;
        listing::employees(self, &caller, search, department_id, page).await
    }

    async fn departments(&self, request: &Parts) -> Result<Vec<Department>, UserError> {
        let caller = caller::postmaster(self, request).await?;
        listing::departments(self, &caller).await
    }

    async fn create_department(&self, request: &Parts, name: &str) -> Result<(), UserError> {
        let caller = caller::postmaster(self, request).await?;
        listing::create_department(self, &caller, name).await
    }

    async fn rename_department(
        &self,
        request: &Parts,
        id: &str,
        name: &str,
    ) -> Result<(), UserError> {
        let caller = caller::postmaster(self, request).await?;
        listing::rename_department(self, &caller, id, name).await
    }

    async fn create_account(
        &self,
        request: &Parts,
        account: NewAccount,
        password: &Secret,
        confirmation: &Secret,
    ) -> Result<String, UserError> {
        let caller = caller::postmaster(self, request).await?;
        accounts::create(self, &caller, account, password, confirmation).await
    }

    async fn account(&self, request: &Parts, id: &str) -> Result<AccountDetail, UserError> {
        let caller = caller::postmaster(self, request).await?;
        accounts::detail(self, &caller, id).await
    }

    async fn set_enabled(&self, request: &Parts, id: &str, enabled: bool) -> Result<(), UserError> {
        let caller = caller::postmaster(self, request).await?;
        accounts::set_enabled(self, &caller, id, enabled).await
    }

    async fn reset_password(
        &self,
        request: &Parts,
        id: &str,
        password: &Secret,
        confirmation: &Secret,
        must_change: bool,
    ) -> Result<i64, UserError> {
        let caller = caller::postmaster(self, request).await?;
        reset::reset_password(self, &caller, id, password, confirmation, must_change).await
    }

    async fn account_password_context(
        &self,
        request: &Parts,
        id: &str,
    ) -> Result<PasswordContext, UserError> {
        let caller = caller::postmaster(self, request).await?;
        reset::password_context(self, &caller, id).await
    }

    async fn policy(&self, request: &Parts) -> Result<DomainPolicy, UserError> {
        let caller = caller::postmaster(self, request).await?;
        domain::policy(self, &caller).await
    }

    async fn save_keywords(&self, request: &Parts, text: &str) -> Result<(), UserError> {
        let caller = caller::postmaster(self, request).await?;
        domain::save_keywords(self, &caller, text).await
    }

    async fn save_recovery_methods(
        &self,
        request: &Parts,
        sms: bool,
        questions: bool,
    ) -> Result<(), UserError> {
        let caller = caller::postmaster(self, request).await?;
        domain::save_recovery_methods(self, &caller, sms, questions).await
    }

    async fn audit_log(&self, request: &Parts, page: u32) -> Result<AuditPage, UserError> {
        let caller = caller::postmaster(self, request).await?;
        domain::audit_log(self, &caller, page).await
    }
}
