//! A recovery ends when what it rests on changes: new security questions,
//! a disable (and a later enable), a method the postmaster switches off.
//! The flow's open step and any grant it won are refused from then on.

use crate::helpers::Browser;
use app::admin::api::{SaveRecoveryMethods, SetAccountEnabled};
use app::binding::OWN_QUESTION;
use app::error::UserError;

use super::{expect_error, Flow, ANSWERS, LI, NEW_PASSWORD, ZHANG, ZHANG_PHONE};
use crate::binding::{set_questions, BOOK, CITY, OWN};
use crate::helpers::{spawn_demo_app, TestApp, EMPLOYEE_PASSWORD, POSTMASTER_PASSWORD};

/// A flow that has won its grant by answering Li Si's questions.
async fn granted_by_questions(app: &TestApp) -> Flow<'_> {
    let flow = Flow::new(app);
    flow.start(LI).await;
    assert_eq!(flow.choose("questions").await.status(), 200);
    assert_eq!(flow.answer(ANSWERS).await.status(), 200);
    flow
}

async fn postmaster(app: &TestApp) -> Browser {
    app.signed_in_client("postmaster@example.com", POSTMASTER_PASSWORD)
        .await
}

async fn li_id(app: &TestApp) -> String {
    sqlx::query_scalar("SELECT id FROM mail_accounts WHERE address = $1")
        .bind(LI)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn new_security_questions_end_an_open_recovery() {
    let app = spawn_demo_app().await;
    // Zhang San's recovery waits for the SMS code...
    let flow = Flow::new(&app);
    let code = flow.code_by_sms(ZHANG, ZHANG_PHONE).await;
    // ...when Zhang San (signed in elsewhere) sets new questions.
    assert_eq!(app.log_on(ZHANG, EMPLOYEE_PASSWORD).await.status(), 200);
    let saved = set_questions(
        &app,
        [(CITY, ""), (OWN_QUESTION, OWN), (BOOK, "")],
        ["Suzhou", "Ada Lovelace", "Journey to the West"],
        EMPLOYEE_PASSWORD,
    )
    .await;
    assert_eq!(saved.status(), 200);
    assert_eq!(
        expect_error(flow.verify(&code).await, 410).await,
        UserError::FlowExpired
    );
}

#[tokio::test]
async fn a_disable_ends_a_granted_recovery_and_an_enable_does_not_revive_it() {
    let app = spawn_demo_app().await;
    let flow = granted_by_questions(&app).await;
    let postmaster = postmaster(&app).await;
    let id = li_id(&app).await;
    for enabled in [false, true] {
        let switch = SetAccountEnabled {
            id: id.clone(),
            enabled,
        };
        let answer = app.call_with(&postmaster, switch).await;
        assert_eq!(answer.status(), 200, "enabled = {enabled}");
    }
    assert_eq!(
        expect_error(flow.reset(NEW_PASSWORD).await, 410).await,
        UserError::FlowExpired
    );
    assert_eq!(app.log_on(LI, EMPLOYEE_PASSWORD).await.status(), 200);
    // An enable alone also ends what was open before it.
    let flow = granted_by_questions(&app).await;
    let answer = app
        .call_with(
            &postmaster,
            SetAccountEnabled {
                id: id.to_string(),
                enabled: false,
            },
        )
        .await;
    assert_eq!(answer.status(), 200);
    assert_eq!(
        expect_error(flow.unlock().await, 410).await,
        UserError::FlowExpired
    );
}

#[tokio::test]
async fn a_method_switched_off_ends_the_recoveries_that_use_it_and_only_those() {
    let app = spawn_demo_app().await;
    let by_questions = granted_by_questions(&app).await;
    let by_sms = Flow::new(&app);
    let code = by_sms.code_by_sms(ZHANG, ZHANG_PHONE).await;
    let postmaster = postmaster(&app).await;
    // Questions off, SMS still on.
    let saved = app
        .call_with(
            &postmaster,
            SaveRecoveryMethods {
                sms: Some("on".into()),
                questions: None,
            },
        )
        .await;
    assert_eq!(saved.status(), 200);
    assert_eq!(
        expect_error(by_questions.reset(NEW_PASSWORD).await, 410).await,
        UserError::FlowExpired
    );
    assert_eq!(by_sms.verify(&code).await.status(), 200);
    assert_eq!(by_sms.reset(NEW_PASSWORD).await.status(), 200);
}
