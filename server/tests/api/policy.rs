//! Password policy v2 through the server (docs/policy.md): the domain's
//! preset and password history as the postmaster saves them, the
//! common-password rule on the server, the history on every path that sets
//! a password, a refusal by rules changed since the page was rendered, and
//! the list the browser fetches. Helpers shared by the submodules.

mod common_list;
mod history;
mod presets;
mod stale;

use app::admin::api::SavePasswordRules;

use crate::helpers::TestApp;

/// The postmaster (the app's own client) saves the preset and history.
pub async fn save_rules(app: &TestApp, preset: &str, history: &str) -> reqwest::Response {
    app.call(SavePasswordRules {
        preset: preset.to_owned(),
        history: history.to_owned(),
    })
    .await
}

/// How many previous hashes the account of `address` has stored.
pub async fn previous_count(app: &TestApp, address: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM previous_passwords p JOIN mail_accounts a ON a.id = p.account_id \
         WHERE a.address = $1",
    )
    .bind(address)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}
