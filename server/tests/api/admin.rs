//! Domain management (scenario 1) through its server functions: who may use
//! it, the password reset, accounts, the Employee Accounts list, departments,
//! the keyword list and the audit log. Helpers shared by the submodules.

mod access;
mod accounts;
mod audit;
mod bulk;
mod departments;
mod import;
mod listing;
mod listing_limits;
mod overview;
mod policy;
mod reset;

use app::admin::api::ResetPassword;
use app::error::UserError;

pub use crate::helpers::{account_id, as_postmaster, audit_count, stored_hash};
use crate::helpers::{secret, TestApp};

pub async fn department_id(app: &TestApp, domain: &str, name: &str) -> String {
    sqlx::query_scalar(
        "SELECT p.id FROM departments p JOIN domains d ON d.id = p.domain_id \
         WHERE d.name = $1 AND p.name = $2",
    )
    .bind(domain)
    .bind(name)
    .fetch_one(&app.db.pool)
    .await
    .expect("the department exists")
}

/// The policy codes of a refusal, in rule order.
pub fn codes(error: &UserError) -> Vec<&'static str> {
    error.policy_failures().iter().map(|f| f.code()).collect()
}

/// Scenario 1 with the checkbox given or not.
pub async fn reset(
    app: &TestApp,
    id: &str,
    password: &str,
    must_change: bool,
) -> reqwest::Response {
    app.call(ResetPassword {
        id: id.to_owned(),
        new_password: secret(password),
        confirm_password: secret(password),
        policy_version: None,
        must_change: must_change.then(|| "on".to_owned()),
    })
    .await
}
