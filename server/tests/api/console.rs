//! The Email Console (scenario 3) through its server functions: who may use
//! it, the postmaster password reset, adding a domain, and the owner's own
//! password. Helpers shared by the submodules.

mod access;
mod add;
mod own;
mod reset;

use crate::helpers::{spawn_demo_app, TestApp, CONSOLE_PASSWORD};

/// The demo app with the console owner `owner` signed in on `app.client`.
pub async fn as_owner() -> TestApp {
    let app = spawn_demo_app().await;
    let response = app.console_log_on("owner", CONSOLE_PASSWORD).await;
    assert_eq!(response.status(), 200, "the owner logs on");
    app
}

/// Console logon on a client of its own.
pub async fn console_log_on_with(
    app: &TestApp,
    client: &reqwest::Client,
    name: &str,
    password: &str,
) -> reqwest::Response {
    app.call_with(
        client,
        "console_log_on",
        &[("account_name", name), ("password", password)],
    )
    .await
}

/// The id of the domain called `name`, read from the database (the way an
/// attacker would have to guess it).
pub async fn domain_id(app: &TestApp, name: &str) -> String {
    sqlx::query_scalar("SELECT id FROM domains WHERE name = $1")
        .bind(name)
        .fetch_one(&app.db.pool)
        .await
        .expect("the domain exists")
}

/// Scenario 3 with the checkbox given or not.
pub async fn reset_postmaster(
    app: &TestApp,
    client: &reqwest::Client,
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
    app.call_with(client, "reset_postmaster_password", &form)
        .await
}

/// Adds a domain with the password typed twice.
pub async fn add_domain(app: &TestApp, name: &str, password: &str) -> reqwest::Response {
    app.call(
        "add_domain",
        &[
            ("domain", name),
            ("new_password", password),
            ("confirm_password", password),
        ],
    )
    .await
}

pub async fn owner_hash(app: &TestApp, login_name: &str) -> String {
    sqlx::query_scalar("SELECT password_hash FROM cloud_accounts WHERE login_name = $1")
        .bind(login_name)
        .fetch_one(&app.db.pool)
        .await
        .expect("the owner exists")
}
