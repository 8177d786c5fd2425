//! "Remember previous passwords" on every path that sets a password: the
//! three scenarios, the own change, the forced change; and old hashes kept
//! only as long as the setting needs them.

use app::auth::api::{ChangePassword, SetRequiredPassword};
use app::error::UserError;
use app::policy::PolicyFailure;

use super::{previous_count, save_rules};
use crate::admin::reset;
use crate::console::{domain_id, reset_postmaster};
use crate::helpers::{
    account_id, as_owner, as_postmaster, location, new_client, secret, spawn_demo_app, user_error,
    Browser, TestApp, EMPLOYEE_PASSWORD, POSTMASTER_PASSWORD,
};
use crate::recovery::{Flow, ANSWERS, LI};

const ZHANG: &str = "zhang.san@example.com";
const ONE: &str = "Quiet#River88";
const TWO: &str = "Amber#Harbor42";
const THREE: &str = "Cobalt#Meadow77";

fn reused() -> UserError {
    UserError::Policy(vec![PolicyFailure::ReusedPassword])
}

async fn change(app: &TestApp, client: &Browser, current: &str, new: &str) -> reqwest::Response {
    app.call_with(
        client,
        ChangePassword {
            current_password: secret(current),
            new_password: secret(new),
            confirm_password: secret(new),
            policy_version: None,
        },
    )
    .await
}

#[tokio::test]
async fn an_admin_reset_refuses_the_current_and_a_previous_password() {
    let app = as_postmaster().await;
    let id = account_id(&app, ZHANG).await;
    let current = reset(&app, &id, EMPLOYEE_PASSWORD, false).await;
    assert_eq!(current.status(), 422);
    assert_eq!(user_error(current).await, reused());
    assert_eq!(reset(&app, &id, ONE, false).await.status(), 200);
    let previous = reset(&app, &id, EMPLOYEE_PASSWORD, false).await;
    assert_eq!(user_error(previous).await, reused());
    // The refusal reads the sentence.
    assert_eq!(
        app::messages::failure(app::language::Language::en, &PolicyFailure::ReusedPassword),
        "You used this password before."
    );
}

#[tokio::test]
async fn the_own_change_remembers_only_the_last_n_and_keeps_only_what_it_needs() {
    let app = as_postmaster().await;
    assert_eq!(save_rules(&app, "standard", "2").await.status(), 200);
    let employee = app.signed_in_client(ZHANG, EMPLOYEE_PASSWORD).await;
    let again = change(&app, &employee, EMPLOYEE_PASSWORD, EMPLOYEE_PASSWORD).await;
    assert_eq!(user_error(again).await, reused());
    assert_eq!(
        change(&app, &employee, EMPLOYEE_PASSWORD, ONE)
            .await
            .status(),
        200
    );
    let back = change(&app, &employee, ONE, EMPLOYEE_PASSWORD).await;
    assert_eq!(
        user_error(back).await,
        reused(),
        "one previous is remembered"
    );
    assert_eq!(change(&app, &employee, ONE, TWO).await.status(), 200);
    // Two remembered: TWO (current) and ONE; the first is free again.
    assert_eq!(previous_count(&app, ZHANG).await, 1);
    assert_eq!(
        change(&app, &employee, TWO, EMPLOYEE_PASSWORD)
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn lowering_the_setting_drops_the_hashes_it_no_longer_needs_and_zero_turns_it_off() {
    let app = as_postmaster().await;
    let id = account_id(&app, ZHANG).await;
    for password in [ONE, TWO, THREE] {
        assert_eq!(reset(&app, &id, password, false).await.status(), 200);
    }
    assert_eq!(previous_count(&app, ZHANG).await, 3);
    assert_eq!(save_rules(&app, "standard", "2").await.status(), 200);
    assert_eq!(previous_count(&app, ZHANG).await, 1);
    assert_eq!(save_rules(&app, "standard", "0").await.status(), 200);
    assert_eq!(previous_count(&app, ZHANG).await, 0);
    assert_eq!(reset(&app, &id, THREE, false).await.status(), 200, "off");
    assert_eq!(previous_count(&app, ZHANG).await, 0);
}

#[tokio::test]
async fn the_forced_change_refuses_the_password_the_postmaster_gave() {
    let app = as_postmaster().await;
    let id = account_id(&app, ZHANG).await;
    assert_eq!(reset(&app, &id, ONE, true).await.status(), 200);
    let employee = new_client();
    let logon = app.log_on_with(&employee, ZHANG, ONE).await;
    assert_eq!(location(&logon).as_deref(), Some("/change-password"));
    for old in [ONE, EMPLOYEE_PASSWORD] {
        let refused = app
            .call_with(
                &employee,
                SetRequiredPassword {
                    new_password: secret(old),
                    confirm_password: secret(old),
                    policy_version: None,
                },
            )
            .await;
        assert_eq!(user_error(refused).await, reused(), "{old}");
    }
    let done = app
        .call_with(
            &employee,
            SetRequiredPassword {
                new_password: secret(TWO),
                confirm_password: secret(TWO),
                policy_version: None,
            },
        )
        .await;
    assert_eq!(location(&done).as_deref(), Some("/mail"));
}

#[tokio::test]
async fn forgot_password_refuses_a_remembered_password() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    flow.start(LI).await;
    assert_eq!(flow.choose("questions").await.status(), 200);
    assert_eq!(flow.answer(ANSWERS).await.status(), 200);
    let refused = flow.reset(EMPLOYEE_PASSWORD).await;
    assert_eq!(refused.status(), 422);
    assert_eq!(user_error(refused).await, reused());
    // The grant is still there: a new password is accepted.
    let done = flow.reset(ONE).await;
    assert_eq!(location(&done).as_deref(), Some("/forgot/done"));
}

#[tokio::test]
async fn the_console_owner_cannot_give_the_postmaster_a_remembered_password() {
    let app = as_owner().await;
    let id = domain_id(&app, "example.com").await;
    let refused = reset_postmaster(&app, &app.client, &id, POSTMASTER_PASSWORD, false).await;
    assert_eq!(refused.status(), 422);
    assert_eq!(user_error(refused).await, reused());
    assert_eq!(
        reset_postmaster(&app, &app.client, &id, ONE, false)
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn simultaneous_resets_of_one_account_all_answer_and_keep_a_bounded_history() {
    let app = as_postmaster().await;
    let id = account_id(&app, ZHANG).await;
    let passwords = [
        "Amber#Harbor41",
        "Amber#Harbor42",
        "Amber#Harbor43",
        "Amber#Harbor44",
    ];
    let answers =
        futures::future::join_all(passwords.iter().map(|p| reset(&app, &id, p, false))).await;
    for answer in answers {
        assert_eq!(answer.status(), 200);
    }
    let kept = previous_count(&app, ZHANG).await;
    assert!((1..=4).contains(&kept), "{kept}");
    // Whichever won is the current password and may not be given again.
    for password in passwords {
        let again = reset(&app, &id, password, false).await;
        assert_eq!(again.status(), 422, "{password}");
    }
}
