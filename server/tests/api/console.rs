//! The Email Console (scenario 3) through its server functions: who may use
//! it, the postmaster password reset, adding a domain, and the owner's own
//! password. Helpers shared by the submodules.

mod access;
mod add;
mod own;
mod reset;

use crate::helpers::secret;
use crate::helpers::TestApp;
pub use crate::helpers::{as_owner, owner_hash};
use app::console::api::{AddDomain, ResetPostmasterPassword};

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
    let reset = ResetPostmasterPassword {
        id: id.to_owned(),
        new_password: secret(password),
        confirm_password: secret(password),
        policy_version: None,
        must_change: must_change.then(|| "on".to_owned()),
    };
    app.call_with(client, reset).await
}

/// Adds a domain with the password typed twice.
pub async fn add_domain(app: &TestApp, name: &str, password: &str) -> reqwest::Response {
    app.call(AddDomain {
        domain: name.to_string(),
        new_password: secret(password),
        confirm_password: secret(password),
        policy_version: None,
    })
    .await
}
