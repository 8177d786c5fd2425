//! A page carries the policy version it was rendered with; a refusal by
//! rules that changed since says so, and only then.

use app::admin::api::{ResetPassword, SaveKeywords};
use app::error::UserError;
use app::recovery::api::ResetForgottenPassword;
use app::recovery::RecoveryView;

use super::save_rules;
use crate::admin::codes;
use crate::helpers::{
    account_id, as_postmaster, english, location, secret, spawn_demo_app, user_error, TestApp,
};
use crate::recovery::{Flow, ANSWERS, LI};

const CHANGED: &str =
    "The password policy changed while this page was open; the checklist now shows the current \
     rules.";

/// The version the Edit Account page of `address` is rendered with now.
async fn page_version(app: &TestApp, address: &str) -> String {
    let id = account_id(app, address).await;
    app.read(async |c, r| services::admin::account_password_context(c, r, &id).await)
        .await
        .unwrap()
        .rules
        .version()
}

async fn reset_from(
    app: &TestApp,
    address: &str,
    password: &str,
    version: Option<String>,
) -> reqwest::Response {
    app.call(ResetPassword {
        id: account_id(app, address).await,
        new_password: secret(password),
        confirm_password: secret(password),
        policy_version: version,
        must_change: None,
    })
    .await
}

#[tokio::test]
async fn a_keyword_added_after_the_page_loaded_is_explained() {
    let app = as_postmaster().await;
    let shown = page_version(&app, "zhang.san@example.com").await;
    let saved = app
        .call(SaveKeywords {
            keywords: "example\nalibaba\npassword\n123456\nqwerty\nriver".into(),
        })
        .await;
    assert_eq!(saved.status(), 200);
    assert_ne!(page_version(&app, "zhang.san@example.com").await, shown);

    let refused = reset_from(&app, "zhang.san@example.com", "Quiet#River88", Some(shown)).await;
    assert_eq!(refused.status(), 422);
    let error = user_error(refused).await;
    assert!(matches!(error, UserError::PolicyChanged(_)), "{error:?}");
    assert_eq!(codes(&error), ["contains_keyword"]);
    assert_eq!(english(&error), CHANGED);
}

#[tokio::test]
async fn a_preset_changed_after_the_page_loaded_is_explained() {
    let app = as_postmaster().await;
    let shown = page_version(&app, "li.si@example.com").await;
    assert_eq!(save_rules(&app, "nist-800-63b-4", "5").await.status(), 200);
    let refused = reset_from(&app, "li.si@example.com", "Amber#Harbor42", Some(shown)).await;
    let error = user_error(refused).await;
    assert_eq!(
        error,
        UserError::PolicyChanged(error.policy_failures().to_vec())
    );
    assert_eq!(codes(&error), ["too_short"]);
}

#[tokio::test]
async fn a_current_page_or_no_version_gets_the_plain_refusal_and_a_stale_page_may_still_pass() {
    let app = as_postmaster().await;
    let current = page_version(&app, "zhang.san@example.com").await;
    for version in [Some(current), None] {
        let refused = reset_from(&app, "zhang.san@example.com", "Quiet#Example88", version).await;
        assert!(matches!(user_error(refused).await, UserError::Policy(_)));
    }
    let stale = Some("0123456789abcdef".to_owned());
    let passed = reset_from(&app, "zhang.san@example.com", "Amber#Harbor42", stale).await;
    assert_eq!(
        passed.status(),
        200,
        "nothing to explain: the password passes"
    );
}

#[tokio::test]
async fn forgot_password_explains_a_policy_changed_during_the_flow() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    flow.start(LI).await;
    assert_eq!(flow.choose("questions").await.status(), 200);
    assert_eq!(flow.answer(ANSWERS).await.status(), 200);
    let RecoveryView::NewPassword { context } = flow.state().await else {
        panic!("the flow asks for a new password");
    };
    let shown = context.rules.version();
    let postmaster = app
        .signed_in_client(
            "postmaster@example.com",
            crate::helpers::POSTMASTER_PASSWORD,
        )
        .await;
    let saved = app
        .call_with(
            &postmaster,
            app::admin::api::SavePasswordRules {
                preset: "pci-dss-4".into(),
                history: "5".into(),
            },
        )
        .await;
    assert_eq!(saved.status(), 200);
    let refused = flow
        .call(ResetForgottenPassword {
            new_password: secret("Qx7#Lantern"),
            confirm_password: secret("Qx7#Lantern"),
            policy_version: Some(shown),
        })
        .await;
    let error = user_error(refused).await;
    assert!(matches!(error, UserError::PolicyChanged(_)), "{error:?}");
    assert_eq!(codes(&error), ["too_short"]);
    let done = flow.reset("Quiet#Lantern2026").await;
    assert_eq!(location(&done).as_deref(), Some("/forgot/done"));
}
