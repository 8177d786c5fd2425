//! The owner changes their own console password (Settings).

use crate::helpers::secret;
use crate::helpers::status;
use app::auth::PasswordContext;
use app::console::api::ChangeConsolePassword;
use app::error::UserError;

use super::{as_owner, owner_hash};
use crate::admin::{audit_count, codes};
use crate::helpers::{location, new_client, user_error, TestApp, CONSOLE_PASSWORD};

const NEW_PASSWORD: &str = "Quiet#River88";

async fn change(app: &TestApp, current: &str, new: &str) -> reqwest::Response {
    app.call(ChangeConsolePassword {
        current_password: secret(current),
        new_password: secret(new),
        confirm_password: secret(new),
        policy_version: None,
    })
    .await
}

#[tokio::test]
async fn a_wrong_current_password_is_refused_and_nothing_changes() {
    let app = as_owner().await;
    let before = owner_hash(&app, "owner").await;
    let response = change(&app, "Console#2027", NEW_PASSWORD).await;
    assert_eq!(response.status(), 401);
    assert_eq!(user_error(response).await, UserError::WrongCurrentPassword);
    assert_eq!(owner_hash(&app, "owner").await, before);
    assert_eq!(audit_count(&app, "console_password_changed").await, 0);
}

#[tokio::test]
async fn the_new_password_logs_on_the_old_one_no_longer_does_and_other_sessions_end() {
    let app = as_owner().await;
    let other = new_client();
    let response = app
        .console_log_on_with(&other, "owner", CONSOLE_PASSWORD)
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        status(&app.read_with(&other, services::identity::owner).await),
        200
    );

    let response = change(&app, CONSOLE_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        location(&response).as_deref(),
        Some("/console/settings?changed=1")
    );

    let answer = app.read_with(&other, services::identity::owner).await;
    assert_eq!(answer.unwrap_err(), UserError::NotSignedIn);
    // The session that made the change keeps working.
    assert_eq!(status(&app.read(services::identity::owner).await), 200);

    let old = app
        .console_log_on_with(&new_client(), "owner", CONSOLE_PASSWORD)
        .await;
    assert_eq!(user_error(old).await, UserError::BadConsoleCredentials);
    let new = app
        .console_log_on_with(&new_client(), "owner", NEW_PASSWORD)
        .await;
    assert_eq!(location(&new).as_deref(), Some("/console"));
    assert_eq!(audit_count(&app, "console_password_changed").await, 1);
}

#[tokio::test]
async fn the_policy_judges_it_with_the_login_name_and_no_keywords() {
    let app = as_owner().await;
    let context: PasswordContext = app
        .read(services::console::own_password_context)
        .await
        .unwrap();
    assert_eq!(context.account, "owner");
    assert!(context.rules.keywords.is_empty());

    let before = owner_hash(&app, "owner").await;
    let account = change(&app, CONSOLE_PASSWORD, "Owner#2026xy").await;
    assert_eq!(account.status(), 422);
    assert_eq!(codes(&user_error(account).await), ["contains_account"]);
    assert_eq!(owner_hash(&app, "owner").await, before);
    // No domain's keywords apply to the owner's own password.
    let response = change(&app, CONSOLE_PASSWORD, "Example#2026").await;
    assert_eq!(response.status(), 200);
}
