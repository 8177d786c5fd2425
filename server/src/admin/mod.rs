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
use app::request::Request;
use app::secret::Secret;
use async_trait::async_trait;

use crate::ctx::Ctx;
use crate::error::for_caller;

pub struct DomainAdminImpl {
    pub ctx: Arc<Ctx>,
}

#[async_trait]
impl DomainAdmin for DomainAdminImpl {
    async fn home(&self, request: &Request) -> Result<AdminDomain, UserError> {
        let ctx = &self.ctx;
        for_caller(
            caller::postmaster(ctx, request),
            "load the domain",
            |caller| async move {
                Ok(AdminDomain {
                    domain: caller.domain,
                    postmaster: caller.address,
                })
            },
        )
        .await
    }

    async fn employees(
        &self,
        request: &Request,
        search: &str,
        department_id: &str,
        page: u32,
    ) -> Result<EmployeePage, UserError> {
        let ctx = &self.ctx;
        for_caller(caller::postmaster(ctx, request), "list employee accounts", |caller| async move {
                listing::employees(ctx, &caller, search, department_id, page).await
            },
        )
        .await
    }

    async fn departments(&self, request: &Request) -> Result<Vec<Department>, UserError> {
        let ctx = &self.ctx;
        for_caller(
            caller::postmaster(ctx, request),
            "list departments",
            |caller| async move { listing::departments(ctx, &caller).await },
        )
        .await
    }

    async fn create_department(&self, request: &Request, name: &str) -> Result<(), UserError> {
        let ctx = &self.ctx;
        for_caller(
            caller::postmaster(ctx, request),
            "create a department",
            |caller| async move { listing::create_department(ctx, &caller, name).await },
        )
        .await
    }

    async fn rename_department(
        &self,
        request: &Request,
        id: &str,
        name: &str,
    ) -> Result<(), UserError> {
        let ctx = &self.ctx;
        for_caller(
            caller::postmaster(ctx, request),
            "rename a department",
            |caller| async move { listing::rename_department(ctx, &caller, id, name).await },
        )
        .await
    }

    async fn create_account(
        &self,
        request: &Request,
        account: NewAccount,
        password: &Secret,
        confirmation: &Secret,
    ) -> Result<String, UserError> {
        let ctx = &self.ctx;
        for_caller(
            caller::postmaster(ctx, request),
            "create an account",
            |caller| async move {
                accounts::create(ctx, &caller, account, password, confirmation).await
            },
        )
        .await
    }

    async fn account(&self, request: &Request, id: &str) -> Result<AccountDetail, UserError> {
        let ctx = &self.ctx;
        for_caller(
            caller::postmaster(ctx, request),
            "load an account",
            |caller| async move { accounts::detail(ctx, &caller, id).await },
        )
        .await
    }

    async fn set_enabled(
        &self,
        request: &Request,
        id: &str,
        enabled: bool,
    ) -> Result<(), UserError> {
        let ctx = &self.ctx;
        for_caller(
            caller::postmaster(ctx, request),
            "enable or disable an account",
            |caller| async move { accounts::set_enabled(ctx, &caller, id, enabled).await },
        )
        .await
    }

    async fn reset_password(
        &self,
        request: &Request,
        id: &str,
        password: &Secret,
        confirmation: &Secret,
        must_change: bool,
    ) -> Result<i64, UserError> {
        let ctx = &self.ctx;
        for_caller(
            caller::postmaster(ctx, request),
            "reset an employee's password",
            |caller| async move {
                reset::reset_password(ctx, &caller, id, password, confirmation, must_change).await
            },
        )
        .await
    }

    async fn account_password_context(
        &self,
        request: &Request,
        id: &str,
    ) -> Result<PasswordContext, UserError> {
        let ctx = &self.ctx;
        for_caller(
            caller::postmaster(ctx, request),
            "load an employee's checklist context",
            |caller| async move { reset::password_context(ctx, &caller, id).await },
        )
        .await
    }

    async fn policy(&self, request: &Request) -> Result<DomainPolicy, UserError> {
        let ctx = &self.ctx;
        for_caller(
            caller::postmaster(ctx, request),
            "load the domain's policy",
            |caller| async move { domain::policy(ctx, &caller).await },
        )
        .await
    }

    async fn save_keywords(&self, request: &Request, text: &str) -> Result<(), UserError> {
        let ctx = &self.ctx;
        for_caller(
            caller::postmaster(ctx, request),
            "save keywords",
            |caller| async move { domain::save_keywords(ctx, &caller, text).await },
        )
        .await
    }

    async fn save_recovery_methods(
        &self,
        request: &Request,
        sms: bool,
        questions: bool,
    ) -> Result<(), UserError> {
        let ctx = &self.ctx;
        for_caller(caller::postmaster(ctx, request), "save recovery methods", |caller| async move {
            domain::save_recovery_methods(ctx, &caller, sms, questions).await
        })
        .await
    }

    async fn save_sms_limits(
        &self,
        request: &Request,
        calling_codes: &str,
        daily_ceiling: &str,
    ) -> Result<(), UserError> {
        let ctx = &self.ctx;
        for_caller(
            caller::postmaster(ctx, request),
            "save SMS limits",
            |caller| async move {
                domain::save_sms_limits(ctx, &caller, calling_codes, daily_ceiling).await
            },
        )
        .await
    }

    async fn audit_log(&self, request: &Request, page: u32) -> Result<AuditPage, UserError> {
        let ctx = &self.ctx;
        for_caller(
            caller::postmaster(ctx, request),
            "load the audit log",
            |caller| async move { domain::audit_log(ctx, &caller, page).await },
        )
        .await
    }
}
