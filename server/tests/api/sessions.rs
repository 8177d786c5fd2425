//! Sessions: logout, revocation, timeouts, the forced password change.

use crate::helpers::secret;
use crate::helpers::{me, status};
use app::auth::api::{ChangePassword, LogOut, SetRequiredPassword};
use app::error::UserError;
use services::infra::clock::{HOUR, MINUTE};

use crate::helpers::{location, new_client, spawn_demo_app, user_error, EMPLOYEE_PASSWORD};

#[tokio::test]
async fn logging_out_ends_the_session() {
    let app = spawn_demo_app().await;
    app.log_on("zhang.san@example.com", EMPLOYEE_PASSWORD).await;
    assert_eq!(status(&app.read(me).await), 200);
    let out = app.call(LogOut {}).await;
    assert_eq!(location(&out).as_deref(), Some("/login"));
    assert!(out.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    assert_eq!(status(&app.read(me).await), 401);
}

#[tokio::test]
async fn a_session_ends_after_thirty_idle_minutes() {
    let app = spawn_demo_app().await;
    app.log_on("zhang.san@example.com", EMPLOYEE_PASSWORD).await;
    app.clock.advance(29 * MINUTE);
    assert_eq!(status(&app.read(me).await), 200);
    app.clock.advance(29 * MINUTE);
    assert_eq!(status(&app.read(me).await), 200, "activity keeps it alive");
    app.clock.advance(30 * MINUTE);
    let answer = app.read(me).await;
    assert_eq!(answer.unwrap_err(), UserError::NotSignedIn);
}

#[tokio::test]
async fn a_session_ends_after_twelve_hours_however_active() {
    let app = spawn_demo_app().await;
    app.log_on("zhang.san@example.com", EMPLOYEE_PASSWORD).await;
    // Active every 20 minutes, so never idle, for just under 12 hours...
    let mut elapsed = 0;
    while elapsed + 20 * MINUTE < 12 * HOUR {
        app.clock.advance(20 * MINUTE);
        elapsed += 20 * MINUTE;
        assert_eq!(status(&app.read(me).await), 200, "at {elapsed} ms");
    }
    // ...and out at 12 hours.
    app.clock.advance(12 * HOUR - elapsed);
    assert_eq!(status(&app.read(me).await), 401);
}

#[tokio::test]
async fn every_logon_gets_a_new_session_id() {
    let app = spawn_demo_app().await;
    let first = app.log_on("zhang.san@example.com", EMPLOYEE_PASSWORD).await;
    let second = app.log_on("zhang.san@example.com", EMPLOYEE_PASSWORD).await;
    assert_ne!(
        first.headers()["set-cookie"],
        second.headers()["set-cookie"]
    );
}

#[tokio::test]
async fn a_flagged_account_must_change_its_password_before_anything_else() {
    let app = spawn_demo_app().await;
    app.exec(
        "UPDATE mail_accounts SET must_change_password = 1 WHERE address = $1",
        &["wang.wu@example.com"],
    )
    .await;
    let response = app.log_on("wang.wu@example.com", EMPLOYEE_PASSWORD).await;
    assert_eq!(location(&response).as_deref(), Some("/change-password"));
    let answer = app.read(me).await;
    assert_eq!(answer.unwrap_err(), UserError::MustChangePassword);

    // The new password is judged by the policy, on the server.
    let weak = app
        .call(SetRequiredPassword {
            new_password: secret("Example#2026"),
            confirm_password: secret("Example#2026"),
            policy_version: None,
        })
        .await;
    assert_eq!(weak.status(), 422);
    let codes: Vec<&str> = user_error(weak)
        .await
        .policy_failures()
        .iter()
        .map(|f| f.code())
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    assert_eq!(codes, ["contains_keyword"]);

    let done = app
        .call(SetRequiredPassword {
            new_password: secret("Quiet#River88"),
            confirm_password: secret("Quiet#River88"),
            policy_version: None,
        })
        .await;
    assert_eq!(done.status(), 200);
    // Wang Wu has no recovery method: the setup is next.
    assert_eq!(location(&done).as_deref(), Some("/settings/recovery"));
    assert_eq!(status(&app.read(me).await), 200);

    let again = new_client();
    let relog = app
        .log_on_with(&again, "wang.wu@example.com", "Quiet#River88")
        .await;
    assert_eq!(location(&relog).as_deref(), Some("/settings/recovery"));
}

#[tokio::test]
async fn the_forced_change_is_not_a_way_around_the_current_password() {
    let app = spawn_demo_app().await;
    app.log_on("zhang.san@example.com", EMPLOYEE_PASSWORD).await;
    let response = app
        .call(SetRequiredPassword {
            new_password: secret("Quiet#River88"),
            confirm_password: secret("Quiet#River88"),
            policy_version: None,
        })
        .await;
    assert_eq!(user_error(response).await, UserError::NotAllowed);
}

#[tokio::test]
async fn changing_the_password_signs_out_every_other_session() {
    let app = spawn_demo_app().await;
    let phone = new_client();
    app.log_on_with(&phone, "zhang.san@example.com", EMPLOYEE_PASSWORD)
        .await;
    app.log_on("zhang.san@example.com", EMPLOYEE_PASSWORD).await;

    let wrong = app
        .call(ChangePassword {
            current_password: secret("Not#MyPassword1"),
            new_password: secret("Quiet#River88"),
            confirm_password: secret("Quiet#River88"),
            policy_version: None,
        })
        .await;
    assert_eq!(user_error(wrong).await, UserError::WrongCurrentPassword);

    let changed = app
        .call(ChangePassword {
            current_password: secret(EMPLOYEE_PASSWORD),
            new_password: secret("Quiet#River88"),
            confirm_password: secret("Quiet#River88"),
            policy_version: None,
        })
        .await;
    assert_eq!(changed.status(), 200);
    assert_eq!(status(&app.read(me).await), 200, "this session stays");
    assert_eq!(
        status(&app.read_with(&phone, me).await),
        401,
        "the other is gone"
    );

    let old = app
        .log_on_with(&new_client(), "zhang.san@example.com", EMPLOYEE_PASSWORD)
        .await;
    assert_eq!(user_error(old).await, UserError::BadCredentials);
}

#[tokio::test]
async fn a_mismatched_confirmation_is_refused_with_its_code() {
    let app = spawn_demo_app().await;
    app.log_on("zhang.san@example.com", EMPLOYEE_PASSWORD).await;
    let response = app
        .call(ChangePassword {
            current_password: secret(EMPLOYEE_PASSWORD),
            new_password: secret("Quiet#River88"),
            confirm_password: secret("Quiet#River89"),
            policy_version: None,
        })
        .await;
    let error = user_error(response).await;
    let codes: Vec<&str> = error.policy_failures().iter().map(|f| f.code()).collect();
    assert_eq!(codes, ["mismatch"]);
}

#[tokio::test]
async fn the_checklist_context_is_the_account_and_its_domain_keywords() {
    let app = spawn_demo_app().await;
    app.log_on("zhang.san@example.com", EMPLOYEE_PASSWORD).await;
    let context = serde_json::to_value(
        app.read(services::identity::password_context)
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(context["account"], "zhang.san@example.com");
    assert_eq!(
        context["rules"]["keywords"],
        serde_json::json!(["example", "alibaba", "password", "123456", "qwerty"])
    );
}

#[tokio::test]
async fn signed_out_callers_get_not_signed_in() {
    let app = spawn_demo_app().await;
    let answers = [
        status(&app.read(me).await),
        status(&app.read(services::identity::password_context).await),
        status(&app.read(services::identity::owner).await),
    ];
    assert_eq!(answers, [401; 3]);
}
