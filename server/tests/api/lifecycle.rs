//! Recovery methods that stay true (docs/product.md, "Recovery
//! lifecycle"): setup at logon, reconfirmation, a changed phone's notice
//! and cooldown, and "This wasn't me", through their server functions.

mod phone_change;
mod report;
mod setup;

use app::report::RecoveryPrompt;

pub use crate::binding::texts_to;
use crate::helpers::{location, Browser, TestApp, EMPLOYEE_PASSWORD};

pub const ZHANG: &str = "zhang.san@example.com";
pub const ZHANG_PHONE: &str = "+8613800138001";
pub const LI: &str = "li.si@example.com";
pub const WANG: &str = "wang.wu@example.com";
pub const POSTMASTER_PHONE: &str = "+8613800138000";
pub const DAY: i64 = 86_400_000;

/// A new browser logs on as `email` with `password`: where it lands, and
/// the browser.
pub async fn lands(app: &TestApp, email: &str, password: &str) -> (String, Browser) {
    let client = crate::helpers::new_client();
    let response = app.log_on_with(&client, email, password).await;
    assert_eq!(response.status(), 200, "{email} logs on");
    let landing = location(&response).expect("a landing page");
    (landing, client)
}

/// Where `email` lands after logging on with the demo password.
pub async fn landing(app: &TestApp, email: &str) -> String {
    lands(app, email, EMPLOYEE_PASSWORD).await.0
}

/// The recovery prompt due for the browser's account.
pub async fn prompt(app: &TestApp, client: &Browser) -> Option<RecoveryPrompt> {
    app.read_with(client, services::binding::recovery_prompt)
        .await
        .expect("the prompt loads")
}

/// The "This wasn't me" link's token in an SMS text, which must carry one
/// under the app's own address.
pub fn link_token(app: &TestApp, text: &str) -> String {
    let prefix = format!("{}{}", app.address, app::report::REPORT_PATH);
    let at = text
        .find(&prefix)
        .unwrap_or_else(|| panic!("no link to {prefix} in {text:?}"));
    let token: String = text[at + prefix.len()..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    assert_eq!(token.len(), 16, "{text}");
    token
}

/// The newest text to `phone`.
pub async fn last_text_to(app: &TestApp, phone: &str) -> String {
    texts_to(app, phone)
        .await
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no SMS to {phone}"))
}

/// Runs a scalar query of the test's own (set-up and checks).
pub async fn scalar_i64(app: &TestApp, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_one(&app.db.pool)
        .await
        .expect("the check runs")
}
