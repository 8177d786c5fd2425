//! Domain management (scenario 1) through its server functions: who may use
//! it, the password reset, accounts, the Employee Accounts list, departments,
//! the keyword list and the audit log. Helpers shared by the submodules.

mod access;
mod accounts;
mod listing;
mod policy;
mod reset;

use app::error::UserError;
use serde::de::DeserializeOwned;

use crate::helpers::{spawn_demo_app, TestApp, POSTMASTER_PASSWORD};

/// The demo app with postmaster@example.com signed in on `app.client`.
pub async fn as_postmaster() -> TestApp {
    let app = spawn_demo_app().await;
    let response = app
        .log_on("postmaster@example.com", POSTMASTER_PASSWORD)
        .await;
    assert_eq!(response.status(), 200, "the postmaster logs on");
    app
}

/// The id of the account with `address`, read from the database (the way
/// an attacker would have to guess it).
pub async fn account_id(app: &TestApp, address: &str) -> String {
    sqlx::query_scalar("SELECT id FROM mail_accounts WHERE address = $1")
        .bind(address)
        .fetch_one(&app.db.pool)
        .await
        .expect("the account exists")
}

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

pub async fn stored_hash(app: &TestApp, address: &str) -> String {
    sqlx::query_scalar("SELECT password_hash FROM mail_accounts WHERE address = $1")
        .bind(address)
        .fetch_one(&app.db.pool)
        .await
        .expect("the account exists")
}

/// How many audit events with `action` the database holds.
pub async fn audit_count(app: &TestApp, action: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = $1")
        .bind(action)
        .fetch_one(&app.db.pool)
        .await
        .expect("count audit events")
}

/// The policy codes of a refusal, in rule order.
pub fn codes(error: &UserError) -> Vec<&'static str> {
    error.policy_failures().iter().map(|f| f.code()).collect()
}

/// Calls `function` and decodes its successful answer.
pub async fn fetch<T: DeserializeOwned>(app: &TestApp, function: &str, form: &[(&str, &str)]) -> T {
    let response = app.call(function, form).await;
    let status = response.status();
    let body = response.text().await.expect("a body");
    assert_eq!(status, 200, "{function}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|err| panic!("{function} ({err}): {body}"))
}

/// Scenario 1 with the checkbox given or not.
pub async fn reset(
    app: &TestApp,
    id: &str,
    password: &str,
    must_change: bool,
) -> reqwest::Response {
    let mut form = vec![
        ("id", id),
        ("new_password", password),
        ("confirm_password", password),
    ];
    if must_change {
        form.push(("must_change", "on"));
    }
    app.call("reset_password", &form).await
}
