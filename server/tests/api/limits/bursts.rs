//! Reserve before judging: however many attempts arrive at once, at most
//! the cap is ever judged.

use crate::helpers::secret;
use crate::helpers::Browser;
use app::auth::api::ChangePassword;
use app::binding::api::SendPhoneCode;
use app::console::api::ChangeConsolePassword;
use app::error::UserError;
use app::recovery::api::RefreshCaptcha;
use futures::future::join_all;

use crate::admin::account_id;

use super::{audit_events, counter, guesses, judged_failures, preset_counter, BURST, WRONG};
use crate::helpers::{
    new_client, spawn_demo_app, user_error, TestApp, CONSOLE_PASSWORD, EMPLOYEE_PASSWORD,
};
use crate::recovery::{captcha_answer, Flow, LI, ZHANG, ZHANG_PHONE};

/// Sends every logon at once; each answer's error, `None` for a sign-in.
async fn burst_of_logons(
    app: &TestApp,
    email: &str,
    passwords: Vec<&str>,
) -> Vec<Option<UserError>> {
    let clients: Vec<Browser> = passwords.iter().map(|_| new_client()).collect();
    let responses = join_all(
        clients
            .iter()
            .zip(&passwords)
            .map(|(client, password)| app.log_on_with(client, email, password)),
    )
    .await;
    join_all(responses.into_iter().map(|response| async move {
        if response.status() == 200 {
            None
        } else {
            Some(user_error(response).await)
        }
    }))
    .await
}

#[tokio::test]
async fn a_burst_of_forty_wrong_passwords_has_five_judged() {
    let app = spawn_demo_app().await;
    let guesses = guesses(BURST);
    let answers = burst_of_logons(&app, ZHANG, guesses.iter().map(String::as_str).collect()).await;
    assert_eq!(judged_failures(&app, ZHANG).await, 5);
    let wrong = answers
        .iter()
        .filter(|e| **e == Some(UserError::BadCredentials))
        .count();
    let locked = answers
        .iter()
        .filter(|e| **e == Some(UserError::Locked))
        .count();
    assert_eq!((wrong, locked), (4, BURST - 4), "{answers:?}");
    // The right password now meets the lock.
    let right = app
        .log_on_with(&new_client(), ZHANG, EMPLOYEE_PASSWORD)
        .await;
    assert_eq!(user_error(right).await, UserError::Locked);
}

#[tokio::test]
async fn after_four_failures_a_burst_with_the_right_password_judges_one_more() {
    let app = spawn_demo_app().await;
    let guesses = guesses(BURST + 4);
    for guess in &guesses[BURST..] {
        app.log_on_with(&new_client(), ZHANG, guess).await;
    }
    let mut passwords: Vec<&str> = guesses[..BURST - 1].iter().map(String::as_str).collect();
    passwords.insert(BURST / 2, EMPLOYEE_PASSWORD);
    let answers = burst_of_logons(&app, ZHANG, passwords).await;
    let signed_in = audit_events(&app, "logon", ZHANG).await;
    let failures = judged_failures(&app, ZHANG).await;
    let signed_in_answers = answers.iter().filter(|e| e.is_none()).count();
    assert_eq!(signed_in_answers as i64, signed_in, "{answers:?}");
    if signed_in == 0 {
        // A wrong one took the last slot: one judged, the rest (the right
        // password among them) refused unjudged.
        assert_eq!(failures, 5);
        assert!(
            answers.iter().all(|e| *e == Some(UserError::Locked)),
            "{answers:?}"
        );
    } else {
        // The right one took the last slot and signed in, which gives the
        // slot back but never clears the strangers' count: one more wrong
        // guess fills it.
        assert_eq!(signed_in, 1);
        assert_eq!(failures, 5, "{failures} failures judged");
    }
}

#[tokio::test]
async fn console_logons_have_the_same_cap() {
    let app = &spawn_demo_app().await;
    let clients: Vec<Browser> = (0..BURST).map(|_| new_client()).collect();
    let guesses = guesses(BURST);
    join_all(
        clients
            .iter()
            .zip(&guesses)
            .map(|(client, guess)| app.console_log_on_with(client, "owner", guess)),
    )
    .await;
    assert_eq!(judged_failures(app, "owner").await, 5);
    let right = app.console_log_on("owner", CONSOLE_PASSWORD).await;
    assert_eq!(user_error(right).await, UserError::Locked);
}

#[tokio::test]
async fn the_per_client_cap_judges_no_more_than_its_hundred() {
    let app = spawn_demo_app().await;
    preset_counter(&app, "logon-client:127.0.0.1", 97).await;
    let clients: Vec<Browser> = (0..BURST).map(|_| new_client()).collect();
    let addresses: Vec<String> = (0..BURST)
        .map(|i| format!("nobody{i}@example.com"))
        .collect();
    let responses = join_all(
        clients
            .iter()
            .zip(&addresses)
            .map(|(client, address)| app.log_on_with(client, address, WRONG)),
    )
    .await;
    let refused = responses.iter().filter(|r| r.status() == 429).count();
    assert_eq!(refused, BURST - 3);
    let judged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_events WHERE action IN ('logon_failed', 'logon_locked')",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(judged, 3);
}

#[tokio::test]
async fn current_password_checks_are_capped_at_five_and_each_failure_is_audited() {
    let app = spawn_demo_app().await;
    let client = app.signed_in_client(ZHANG, EMPLOYEE_PASSWORD).await;
    let responses = join_all((0..BURST).map(|_| {
        app.call_with(
            &client,
            ChangePassword {
                current_password: secret(WRONG),
                new_password: secret("Quiet#River88"),
                confirm_password: secret("Quiet#River88"),
                policy_version: None,
            },
        )
    }))
    .await;
    let judged = audit_events(&app, "current_password_failed", ZHANG).await
        + audit_events(&app, "current_password_locked", ZHANG).await;
    assert_eq!(judged, 5);
    let mut errors = Vec::new();
    for response in responses {
        errors.push(user_error(response).await);
    }
    let wrong = errors
        .iter()
        .filter(|e| **e == UserError::WrongCurrentPassword)
        .count();
    assert_eq!(wrong, 4, "{errors:?}");
    // Locked now, even with the right current password, for every action
    // that needs it.
    let change = app
        .call_with(
            &client,
            ChangePassword {
                current_password: secret(EMPLOYEE_PASSWORD),
                new_password: secret("Quiet#River88"),
                confirm_password: secret("Quiet#River88"),
                policy_version: None,
            },
        )
        .await;
    assert_eq!(user_error(change).await, UserError::CurrentPasswordLocked);
    let phone = app
        .call_with(
            &client,
            SendPhoneCode {
                phone: "+8613800138999".into(),
                current_password: secret(EMPLOYEE_PASSWORD),
                back: None,
            },
        )
        .await;
    assert_eq!(user_error(phone).await, UserError::CurrentPasswordLocked);
}

#[tokio::test]
async fn the_console_owners_own_change_is_capped_too() {
    let app = spawn_demo_app().await;
    let client = app
        .console_signed_in_client("owner", CONSOLE_PASSWORD)
        .await;
    join_all((0..BURST).map(|_| {
        app.call_with(
            &client,
            ChangeConsolePassword {
                current_password: secret(WRONG),
                new_password: secret("Quiet#River88"),
                confirm_password: secret("Quiet#River88"),
                policy_version: None,
            },
        )
    }))
    .await;
    let judged = audit_events(&app, "current_password_failed", "owner").await
        + audit_events(&app, "current_password_locked", "owner").await;
    assert_eq!(judged, 5);
}

#[tokio::test]
async fn a_burst_of_answer_sets_on_one_flow_judges_one() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    flow.start(LI).await;
    assert_eq!(flow.choose("questions").await.status(), 200);
    let responses = join_all((0..BURST).map(|_| flow.answer(["a", "b", "c"]))).await;
    let mut errors = Vec::new();
    for response in responses {
        errors.push(user_error(response).await);
    }
    let judged = errors
        .iter()
        .filter(|e| matches!(e, UserError::AnswersWrong | UserError::MethodLocked))
        .count();
    let account = account_id(&app, LI).await;
    let failures = counter(&app, &format!("questions:{account}")).await;
    // Every request of the burst that was judged counted one failure; one
    // flow may be judged by at most one at a time, so few got through.
    assert_eq!(failures as usize, judged, "{errors:?}");
    assert!(failures <= 5, "{failures} answer sets judged");
    assert!(
        errors.iter().filter(|e| **e == UserError::Busy).count() >= BURST - 5,
        "{errors:?}"
    );
}

#[tokio::test]
async fn answer_sets_across_many_flows_are_capped_at_five() {
    let app = spawn_demo_app().await;
    let flows: Vec<Flow> = (0..10).map(|_| Flow::new(&app)).collect();
    for flow in &flows {
        flow.start(LI).await;
        assert_eq!(flow.choose("questions").await.status(), 200);
    }
    join_all(flows.iter().map(|flow| flow.answer(["a", "b", "c"]))).await;
    let account = account_id(&app, LI).await;
    assert_eq!(counter(&app, &format!("questions:{account}")).await, 5);
    // The right answers on a fresh flow now meet the lock.
    let fresh = Flow::new(&app);
    fresh.start(LI).await;
    let chosen = fresh.choose("questions").await;
    assert_ne!(chosen.status(), 200, "questions are no longer offered");
}

#[tokio::test]
async fn a_burst_of_sms_codes_judges_five() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    let code = flow.code_by_sms(ZHANG, ZHANG_PHONE).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    join_all((0..BURST).map(|_| flow.verify(wrong))).await;
    let attempts: i64 = sqlx::query_scalar(
        "SELECT code_attempts FROM recovery_flows WHERE account_id = \
         (SELECT id FROM mail_accounts WHERE address = $1)",
    )
    .bind(ZHANG)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(attempts, 5);
    // The right code is dead too now.
    let right = flow.verify(&code).await;
    assert_eq!(user_error(right).await, UserError::CodeDead);
}

#[tokio::test]
async fn an_image_code_submitted_forty_times_at_once_passes_once() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    let id = flow.begin().await;
    let answer = captcha_answer(&app, &id).await;
    let responses = join_all((0..BURST).map(|_| flow.submit(ZHANG, &answer))).await;
    let passed = responses.iter().filter(|r| r.status() == 200).count();
    assert_eq!(passed, 1);
}

#[tokio::test]
async fn forty_flows_asking_for_an_sms_at_once_send_one() {
    let app = spawn_demo_app().await;
    let flows: Vec<Flow> = (0..BURST).map(|_| Flow::new(&app)).collect();
    for flow in &flows {
        flow.start(ZHANG).await;
    }
    let responses = join_all(flows.iter().map(|flow| flow.choose("sms"))).await;
    let sent = responses.iter().filter(|r| r.status() == 200).count();
    // The 60-second cooldown admits one; the rest are told to wait.
    assert_eq!(sent, 1);
    let queued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sms_messages WHERE to_number = $1")
        .bind(ZHANG_PHONE)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(queued, 1);
}

#[tokio::test]
async fn a_burst_of_new_images_stops_at_the_clients_cap() {
    let app = spawn_demo_app().await;
    preset_counter(&app, "captcha:client:127.0.0.1", 290).await;
    let flows: Vec<Flow> = (0..BURST).map(|_| Flow::new(&app)).collect();
    let responses = join_all(flows.iter().map(|flow| flow.call(RefreshCaptcha {}))).await;
    let made = responses.iter().filter(|r| r.status() == 200).count();
    assert_eq!(made, 10);
    let images: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM captchas")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(images, 10);
}
