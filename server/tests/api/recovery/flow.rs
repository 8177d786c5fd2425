//! The whole flow by each method, and the order of its steps.

use crate::helpers::me;
use crate::helpers::status;
use app::error::UserError;
use app::recovery::RecoveryView;

use super::*;
use services::infra::clock::Clock;

use crate::helpers::{spawn_demo_app, EMPLOYEE_PASSWORD};

#[tokio::test]
async fn the_sms_path_resets_the_password_revokes_sessions_and_notifies_the_phone() {
    let app = spawn_demo_app().await;
    let other_device = new_client();
    let logged_on = app
        .log_on_with(&other_device, ZHANG, EMPLOYEE_PASSWORD)
        .await;
    assert_eq!(logged_on.status(), 200);

    let flow = Flow::new(&app);
    flow.start(ZHANG).await;
    assert_eq!(
        flow.state().await,
        RecoveryView::Choose {
            sms: Some("+86 138****8001".into()),
            questions: true
        }
    );
    let sent = sms_count(&app, ZHANG_PHONE).await;
    let chosen = flow.choose("sms").await;
    assert_eq!(chosen.status(), 200);
    assert_eq!(
        crate::helpers::location(&chosen).as_deref(),
        Some("/forgot/sms")
    );
    assert!(matches!(
        flow.state().await,
        RecoveryView::Sms { ref phone, resend_in, .. } if phone == "+86 138****8001" && resend_in == 60
    ));
    let code = next_code(&app, ZHANG_PHONE, sent).await;
    let verified = flow.verify(&code).await;
    assert_eq!(verified.status(), 200);
    assert_eq!(
        crate::helpers::location(&verified).as_deref(),
        Some("/forgot/new-password")
    );
    match flow.state().await {
        RecoveryView::NewPassword { context } => {
            assert_eq!(context.account, ZHANG);
            assert!(context.rules.keywords.contains(&"example".to_owned()));
        }
        other => panic!("expected the new-password step, got {other:?}"),
    }
    let sent = sms_count(&app, ZHANG_PHONE).await;
    let reset = flow.reset(NEW_PASSWORD).await;
    assert_eq!(reset.status(), 200);
    assert_eq!(
        crate::helpers::location(&reset).as_deref(),
        Some("/forgot/done")
    );

    // No automatic logon: the flow's browser holds no session.
    assert_eq!(
        status(&app.read_with(&flow.client, me).await),
        401,
        "the reset does not sign anyone in"
    );
    // The session from before is gone, the old password too.
    assert_eq!(status(&app.read_with(&other_device, me).await), 401);
    assert_eq!(app.log_on(ZHANG, EMPLOYEE_PASSWORD).await.status(), 401);
    assert_eq!(app.log_on(ZHANG, NEW_PASSWORD).await.status(), 200);
    let notice = next_sms(&app, ZHANG_PHONE, sent).await;
    let link = format!("If this wasn't you, open {}/r/", app.address);
    assert!(
        notice.starts_with("Your mail password was reset with Forgot Password. ")
            && notice.contains(&link),
        "{notice}"
    );
    let audit: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_events WHERE action = 'password_recovered' AND target = $1 \
         AND detail = 'verified by SMS code'",
    )
    .bind(ZHANG)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(audit, 1);
    // The flow is over; only this browser is told it went well.
    assert_eq!(flow.state().await, RecoveryView::Done);
    let done = flow
        .client
        .get(app.url("/forgot/done"))
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    assert!(done.text().await.unwrap().contains("Reset succeeded"));
    let elsewhere = app.get("/forgot/done").await;
    assert_eq!(
        crate::helpers::location(&elsewhere).as_deref(),
        Some("/forgot?expired=1"),
        "a stranger is not told of a reset (answer {})",
        elsewhere.status()
    );
}

#[tokio::test]
async fn the_questions_path_resets_the_password_whatever_the_case_and_spacing() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    flow.start(LI).await;
    assert_eq!(
        flow.state().await,
        RecoveryView::Choose {
            sms: None,
            questions: true
        }
    );
    assert_eq!(flow.choose("questions").await.status(), 200);
    assert_eq!(
        flow.state().await,
        RecoveryView::Questions {
            questions: vec![
                "What city were you born in?".into(),
                "What was the name of your first school?".into(),
                "What is your favourite book?".into(),
            ]
        }
    );
    let answered = flow
        .answer(["  hangzhou ", "XIXI   primary", "dream of the red chamber"])
        .await;
    assert_eq!(answered.status(), 200);
    assert_eq!(flow.reset(NEW_PASSWORD).await.status(), 200);
    assert_eq!(app.log_on(LI, NEW_PASSWORD).await.status(), 200);
}

#[tokio::test]
async fn steps_cannot_be_skipped() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    flow.begin().await;
    assert_eq!(flow.state().await, RecoveryView::Start);
    // At the first step, nothing later is accepted.
    for response in [
        flow.choose("sms").await,
        flow.verify("123456").await,
        flow.answer(ANSWERS).await,
        flow.reset(NEW_PASSWORD).await,
    ] {
        assert_eq!(expect_error(response, 410).await, UserError::FlowExpired);
    }
    // At the SMS step, the questions (and the reset) are not accepted.
    flow.start(ZHANG).await;
    assert_eq!(flow.choose("sms").await.status(), 200);
    assert_eq!(
        expect_error(flow.answer(ANSWERS).await, 410).await,
        UserError::FlowExpired
    );
    assert_eq!(
        expect_error(flow.reset(NEW_PASSWORD).await, 410).await,
        UserError::FlowExpired
    );
    // Without any flow at all.
    let stranger = Flow::new(&app);
    assert_eq!(stranger.state().await, RecoveryView::Expired);
    assert_eq!(
        expect_error(stranger.submit(ZHANG, "ABCDE").await, 410).await,
        UserError::FlowExpired
    );
}

#[tokio::test]
async fn a_passed_step_cannot_be_replayed() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    flow.start(LI).await;
    assert_eq!(flow.choose("questions").await.status(), 200);
    assert_eq!(
        expect_error(flow.choose("questions").await, 410).await,
        UserError::FlowExpired
    );
    assert_eq!(flow.answer(ANSWERS).await.status(), 200);
    assert_eq!(
        expect_error(flow.answer(ANSWERS).await, 410).await,
        UserError::FlowExpired
    );
}

#[tokio::test]
async fn a_method_the_domain_does_not_allow_is_neither_offered_nor_accepted() {
    let app = spawn_demo_app().await;
    app.exec(
        "UPDATE domains SET allow_sms = 0 WHERE name = 'example.com'",
        &[],
    )
    .await;
    let flow = Flow::new(&app);
    flow.start(ZHANG).await;
    assert_eq!(
        flow.state().await,
        RecoveryView::Choose {
            sms: None,
            questions: true
        }
    );
    assert_eq!(
        expect_error(flow.choose("sms").await, 403).await,
        UserError::NotAllowed
    );
    // With questions forbidden too, zhang.san has nothing left.
    app.exec(
        "UPDATE domains SET allow_questions = 0 WHERE name = 'example.com'",
        &[],
    )
    .await;
    let flow = Flow::new(&app);
    flow.start(ZHANG).await;
    assert_eq!(flow.state().await, RecoveryView::NoMethod);
}

#[tokio::test]
async fn a_flow_is_abandoned_after_thirty_minutes() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    flow.start(LI).await;
    app.clock.advance(30 * 60 * 1000);
    assert_eq!(flow.state().await, RecoveryView::Expired);
    assert_eq!(
        expect_error(flow.choose("questions").await, 410).await,
        UserError::FlowExpired
    );
}

#[tokio::test]
async fn forgot_password_works_while_the_account_is_locked_out() {
    let app = spawn_demo_app().await;
    for n in 0..5 {
        app.log_on(LI, &format!("Wrong#Password{n}")).await;
    }
    assert_eq!(app.log_on(LI, EMPLOYEE_PASSWORD).await.status(), 403);
    let flow = Flow::new(&app);
    flow.start(LI).await;
    assert_eq!(flow.choose("questions").await.status(), 200);
    assert_eq!(flow.answer(ANSWERS).await.status(), 200);
    assert_eq!(flow.reset(NEW_PASSWORD).await.status(), 200);
    // The new password works at once: the lockout guarded the old one.
    assert_eq!(app.log_on(LI, NEW_PASSWORD).await.status(), 200);
}

#[tokio::test]
async fn plain_form_posts_are_sent_to_the_next_page_or_back_with_the_error() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    flow.begin().await;
    let post = |captcha: String| {
        let submit = SubmitAddress {
            email: LI.into(),
            captcha,
        };
        Call::of(submit)
            .post(&app, &flow.client)
            .header("accept", "text/html")
            .send()
    };
    let wrong = post("WRONG".into()).await.unwrap();
    let back = crate::helpers::location(&wrong).unwrap_or_default();
    assert!(back.starts_with("/forgot?"), "{back}");
    let id = flow.begin().await;
    let answer = captcha_answer(&app, &id).await;
    let right = post(answer).await.unwrap();
    assert_eq!(
        crate::helpers::location(&right).as_deref(),
        Some("/forgot/method")
    );
    let page = flow
        .client
        .get(app.url("/forgot/method"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains(">Questions</label>"));
}

#[tokio::test]
async fn flows_and_images_are_swept_a_day_after_they_expire() {
    let app = spawn_demo_app().await;
    let old = Flow::new(&app);
    old.begin().await;
    app.clock.advance(24 * 60 * 60 * 1000 + 31 * 60 * 1000);
    let live = Flow::new(&app);
    live.begin().await;
    services::janitor::sweep(&app.db, app.clock.now(), Default::default())
        .await
        .unwrap();
    let flows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM recovery_flows")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let images: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM captchas")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        (flows, images),
        (1, 1),
        "only the live flow and its image remain"
    );
}
