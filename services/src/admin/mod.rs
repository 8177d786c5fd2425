//! Domain management behind the app's admin server functions: what a
//! postmaster does in their own domain (employee accounts, departments, Scenario 1's password reset, weak keywords,
//! recovery methods, the audit log).
//!
//! Every entry function first finds the caller from the request's session
//! (`caller::postmaster`) and then touches only that postmaster's domain;
//! ids from elsewhere are `NotAllowed`, the same as ids that do not exist.
//!
//! - `caller`: who is asking, and the domain-scoped lookups.
//! - `names`: display names, department names, local parts.
//! - `employees`: Employee Accounts (filters, orders, keyset pages).
//! - `departments`: the departments.
//! - `overview`: the Overview's figures.
//! - `bulk`: bulk actions on the accounts of a page.
//! - `import`: Import accounts (a CSV file, its preview, its one write).
//! - `accounts`: create, view, enable and disable one account.
//! - `reset`: Scenario 1.
//! - `domain`: keywords, recovery methods, audit log.

mod accounts;
mod audit_log;
mod bulk;
pub use audit_log::Export;
mod caller;
mod departments;
mod domain;
mod employees;
mod import;
mod names;
mod overview;
mod password_rules;
mod recovery_settings;
mod reset;

use crate::policy_gate::Candidate;
use crate::request::Request;
use proto::admin::{
    AccountDetail, AdminDomain, AuditFilter, AuditPage, BulkSelection, Department, DomainPolicy,
    EmployeeFilter, EmployeePage, ImportPreview, NewAccount, Overview,
};
use proto::auth::PasswordContext;
use proto::error::UserError;

use crate::ctx::Ctx;
use crate::error::for_caller;

pub async fn home(ctx: &Ctx, request: &Request) -> Result<AdminDomain, UserError> {
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

pub async fn overview(ctx: &Ctx, request: &Request) -> Result<Overview, UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "load the overview",
        |caller| async move { overview::overview(ctx, &caller).await },
    )
    .await
}

/// The accounts a bulk action would touch, for its confirmation.
pub async fn bulk_selection(
    ctx: &Ctx,
    request: &Request,
    operation: &str,
    ids: &str,
) -> Result<BulkSelection, UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "read a bulk selection",
        |caller| async move { bulk::selection(ctx, &caller, operation, ids).await },
    )
    .await
}

/// Applies a confirmed bulk action: how many accounts it changed.
pub async fn bulk_apply(
    ctx: &Ctx,
    request: &Request,
    operation: &str,
    ids: &str,
) -> Result<usize, UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "apply a bulk action",
        |caller| async move { bulk::apply(ctx, &caller, operation, ids).await },
    )
    .await
}

pub async fn employees(
    ctx: &Ctx,
    request: &Request,
    filter: &EmployeeFilter,
) -> Result<EmployeePage, UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "list employee accounts",
        |caller| async move { employees::employees(ctx, &caller, filter).await },
    )
    .await
}

pub async fn departments(ctx: &Ctx, request: &Request) -> Result<Vec<Department>, UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "list departments",
        |caller| async move { departments::departments(ctx, &caller).await },
    )
    .await
}

pub async fn create_department(ctx: &Ctx, request: &Request, name: &str) -> Result<(), UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "create a department",
        |caller| async move { departments::create_department(ctx, &caller, name).await },
    )
    .await
}

pub async fn rename_department(
    ctx: &Ctx,
    request: &Request,
    id: &str,
    name: &str,
) -> Result<(), UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "rename a department",
        |caller| async move { departments::rename_department(ctx, &caller, id, name).await },
    )
    .await
}

pub async fn create_account(
    ctx: &Ctx,
    request: &Request,
    account: NewAccount,
    candidate: Candidate<'_>,
) -> Result<String, UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "create an account",
        |caller| async move { accounts::create(ctx, &caller, account, candidate).await },
    )
    .await
}

pub async fn account(ctx: &Ctx, request: &Request, id: &str) -> Result<AccountDetail, UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "load an account",
        |caller| async move { accounts::detail(ctx, &caller, id).await },
    )
    .await
}

pub async fn set_enabled(
    ctx: &Ctx,
    request: &Request,
    id: &str,
    enabled: bool,
) -> Result<(), UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "enable or disable an account",
        |caller| async move { accounts::set_enabled(ctx, &caller, id, enabled).await },
    )
    .await
}

pub async fn reset_password(
    ctx: &Ctx,
    request: &Request,
    id: &str,
    candidate: Candidate<'_>,
    must_change: bool,
) -> Result<i64, UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "reset an employee's password",
        |caller| async move {
            reset::reset_password(ctx, &caller, id, candidate, must_change).await
        },
    )
    .await
}

pub async fn account_password_context(
    ctx: &Ctx,
    request: &Request,
    id: &str,
) -> Result<PasswordContext, UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "load an employee's checklist context",
        |caller| async move { reset::password_context(ctx, &caller, id).await },
    )
    .await
}

pub async fn policy(ctx: &Ctx, request: &Request) -> Result<DomainPolicy, UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "load the domain's policy",
        |caller| async move { domain::policy(ctx, &caller).await },
    )
    .await
}

pub async fn save_keywords(ctx: &Ctx, request: &Request, text: &str) -> Result<(), UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "save keywords",
        |caller| async move { domain::save_keywords(ctx, &caller, text).await },
    )
    .await
}

pub async fn save_recovery_methods(
    ctx: &Ctx,
    request: &Request,
    sms: bool,
    questions: bool,
) -> Result<(), UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "save recovery methods",
        |caller| async move { domain::save_recovery_methods(ctx, &caller, sms, questions).await },
    )
    .await
}

pub async fn save_recovery_settings(
    ctx: &Ctx,
    request: &Request,
    required: bool,
    reconfirm_days: &str,
    cooldown_hours: &str,
) -> Result<(), UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "save recovery settings",
        |caller| async move {
            recovery_settings::save(ctx, &caller, required, reconfirm_days, cooldown_hours).await
        },
    )
    .await
}

pub async fn save_sms_limits(
    ctx: &Ctx,
    request: &Request,
    calling_codes: &str,
    daily_ceiling: &str,
) -> Result<(), UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "save SMS limits",
        |caller| async move {
            domain::save_sms_limits(ctx, &caller, calling_codes, daily_ceiling).await
        },
    )
    .await
}

/// The domain's "Policy preset" and "Remember previous passwords".
pub async fn save_password_rules(
    ctx: &Ctx,
    request: &Request,
    preset: &str,
    history: &str,
) -> Result<(), UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "save the password policy",
        |caller| async move { password_rules::save(ctx, &caller, preset, history).await },
    )
    .await
}

pub async fn audit_log(
    ctx: &Ctx,
    request: &Request,
    filter: &AuditFilter,
    page: u32,
) -> Result<AuditPage, UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "load the audit log",
        |caller| async move { audit_log::page(ctx, &caller, filter, page).await },
    )
    .await
}

/// The filtered Audit Log as CSV, in the request's language: the export
/// to pull chunks from (the caller found and the filters checked first).
pub async fn audit_export(
    ctx: &Ctx,
    request: &Request,
    filter: &AuditFilter,
) -> Result<Export, UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "export the audit log",
        |caller| async move { Export::new(&caller, filter, request.language()) },
    )
    .await
}

/// Reads an uploaded CSV file for Import accounts: the id of its preview.
pub async fn import_read(
    ctx: &Ctx,
    request: &Request,
    bytes: &[u8],
    start: &str,
) -> Result<String, UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "read an import file",
        |caller| async move { import::read(ctx, &caller, bytes, start).await },
    )
    .await
}

pub async fn import_preview(
    ctx: &Ctx,
    request: &Request,
    id: &str,
) -> Result<ImportPreview, UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "load an import preview",
        |caller| async move { import::preview(ctx, &caller, id).await },
    )
    .await
}

/// "Import": writes the previewed rows; how many accounts.
pub async fn import_commit(ctx: &Ctx, request: &Request, id: &str) -> Result<i64, UserError> {
    for_caller(
        caller::postmaster(ctx, request),
        "import accounts",
        |caller| async move { import::commit(ctx, &caller, id).await },
    )
    .await
}
