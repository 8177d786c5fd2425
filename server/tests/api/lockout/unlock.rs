//! "Unlock account": the holder proves the account theirs as for a reset
//! and keeps the password; strangers' lock is lifted.

use app::error::UserError;
use app::recovery::RecoveryView;

use super::{guess, stranger_logs_on};
use crate::helpers::{location, spawn_demo_app, user_error, EMPLOYEE_PASSWORD};
use crate::limits::audit_events;
use crate::recovery::{next_sms, sms_count, Flow, ANSWERS, LI, ZHANG, ZHANG_PHONE};

async fn locked_out(app: &crate::helpers::TestApp, email: &str) {
    for n in 0..5 {
        stranger_logs_on(app, email, &guess(n)).await;
    }
    assert_eq!(
        stranger_logs_on(app, email, EMPLOYEE_PASSWORD).await,
        Some(UserError::Locked)
    );
}

#[tokio::test]
async fn an_sms_code_unlocks_the_account_and_the_password_stays() {
    let app = spawn_demo_app().await;
    locked_out(&app, ZHANG).await;
    let flow = Flow::new(&app);
    let code = flow.code_by_sms(ZHANG, ZHANG_PHONE).await;
    assert_eq!(flow.verify(&code).await.status(), 200);
    let before = sms_count(&app, ZHANG_PHONE).await;
    let unlocked = flow.unlock().await;
    assert_eq!(unlocked.status(), 200);
    assert_eq!(location(&unlocked).as_deref(), Some("/forgot/unlocked"));
    assert_eq!(flow.state().await, RecoveryView::Unlocked);

    assert_eq!(stranger_logs_on(&app, ZHANG, EMPLOYEE_PASSWORD).await, None);
    assert_eq!(audit_events(&app, "account_unlocked", ZHANG).await, 1);
    let sms = next_sms(&app, ZHANG_PHONE, before).await;
    assert!(sms.contains("was unlocked"), "{sms}");
    // The grant is used: a second unlock (or a reset) is refused.
    assert_eq!(
        user_error(flow.unlock().await).await,
        UserError::FlowExpired
    );
    assert_eq!(
        user_error(flow.reset("Fresh#Meadow2026").await).await,
        UserError::FlowExpired
    );
}

#[tokio::test]
async fn questions_unlock_the_account_too() {
    let app = spawn_demo_app().await;
    locked_out(&app, LI).await;
    let flow = Flow::new(&app);
    flow.start(LI).await;
    assert_eq!(flow.choose("questions").await.status(), 200);
    assert_eq!(flow.answer(ANSWERS).await.status(), 200);
    assert_eq!(flow.unlock().await.status(), 200);
    assert_eq!(stranger_logs_on(&app, LI, EMPLOYEE_PASSWORD).await, None);
}

#[tokio::test]
async fn unlocking_needs_the_verification() {
    let app = spawn_demo_app().await;
    locked_out(&app, ZHANG).await;
    let flow = Flow::new(&app);
    flow.start(ZHANG).await;
    // Without a grant there is nothing to unlock with.
    assert_eq!(
        user_error(flow.unlock().await).await,
        UserError::FlowExpired
    );
    assert_eq!(
        stranger_logs_on(&app, ZHANG, EMPLOYEE_PASSWORD).await,
        Some(UserError::Locked)
    );
}
