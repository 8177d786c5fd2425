//! Peeks at what the app stored and sent, for the tests of every area.

use super::TestApp;

/// The id of the account with `address`, read from the database (the way
/// an attacker would have to guess it).
pub async fn account_id(app: &TestApp, address: &str) -> String {
    sqlx::query_scalar("SELECT id FROM mail_accounts WHERE address = $1")
        .bind(address)
        .fetch_one(&app.db.pool)
        .await
        .expect("the account exists")
}

/// The stored password hash of the mail account `address`.
pub async fn stored_hash(app: &TestApp, address: &str) -> String {
    sqlx::query_scalar("SELECT password_hash FROM mail_accounts WHERE address = $1")
        .bind(address)
        .fetch_one(&app.db.pool)
        .await
        .expect("the account exists")
}

/// The stored password hash of the cloud account owner `login_name`.
pub async fn owner_hash(app: &TestApp, login_name: &str) -> String {
    sqlx::query_scalar("SELECT password_hash FROM cloud_accounts WHERE login_name = $1")
        .bind(login_name)
        .fetch_one(&app.db.pool)
        .await
        .expect("the owner exists")
}

/// How many audit events with `action` the database holds.
pub async fn audit_count(app: &TestApp, action: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = $1")
        .bind(action)
        .fetch_one(&app.db.pool)
        .await
        .expect("count audit events")
}

/// Audit events of `action` about `target`.
pub async fn audit_events(app: &TestApp, action: &str, target: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = $1 AND target = $2")
        .bind(action)
        .bind(target)
        .fetch_one(&app.db.pool)
        .await
        .expect("count audit events")
}

/// One SMS of the demo outbox (`/dev/outbox`), newest first.
#[derive(serde::Deserialize, Debug)]
pub struct Sms {
    pub to: String,
    pub text: String,
    #[allow(dead_code)]
    pub at: String,
}

pub async fn outbox(app: &TestApp) -> Vec<Sms> {
    app.get("/dev/outbox")
        .await
        .json()
        .await
        .expect("the outbox is JSON")
}
