//! Bad input is refused before it costs or stores anything.

use app::admin::api::CreateDepartment;
use app::error::UserError;

use super::{judged_failures, rows, WRONG};
use crate::helpers::{spawn_demo_app, user_error, EMPLOYEE_PASSWORD};

#[tokio::test]
async fn an_address_over_254_characters_is_refused_before_anything_is_stored() {
    let app = spawn_demo_app().await;
    let audit_before = rows(&app, "audit_events").await;
    let huge = format!("{}@example.com", "a".repeat(60 * 1024));
    let response = app.log_on(&huge, WRONG).await;
    assert_eq!(response.status(), 422);
    assert!(matches!(user_error(response).await, UserError::Invalid(_)));
    let just_over = format!("{}@example.com", "a".repeat(255 - 12));
    assert_eq!(app.log_on(&just_over, WRONG).await.status(), 422);
    assert_eq!(rows(&app, "counters").await, 0);
    assert_eq!(rows(&app, "audit_events").await, audit_before);
    // 254 is still an address (judged, wrong).
    let longest = format!("{}@example.com", "a".repeat(254 - 12));
    assert_eq!(app.log_on(&longest, WRONG).await.status(), 401);
    assert_eq!(judged_failures(&app, &longest).await, 1);
}

#[tokio::test]
async fn a_disabled_account_reads_like_an_unknown_one_until_the_right_password() {
    let app = spawn_demo_app().await;
    app.exec(
        "UPDATE mail_accounts SET status = 'disabled' WHERE address = $1",
        &["wang.wu@example.com"],
    )
    .await;
    // A wrong password learns nothing: the answer of an unknown address.
    let wrong = app.log_on("wang.wu@example.com", WRONG).await;
    let unknown = app.log_on("nobody@example.com", WRONG).await;
    assert_eq!(wrong.status(), unknown.status());
    assert_eq!(user_error(wrong).await, user_error(unknown).await);
    // Only the right one (which a logon would prove as well) is told why.
    let right = app.log_on("wang.wu@example.com", EMPLOYEE_PASSWORD).await;
    assert!(right.headers().get("set-cookie").is_none());
    assert_eq!(user_error(right).await, UserError::AccountDisabled);
}

#[tokio::test]
async fn an_answer_over_the_hashing_limit_cannot_be_saved_and_one_at_it_verifies() {
    use crate::binding::{set_questions, signed_in, stored_questions, BOOK, CITY, OWN, WANG};
    use app::binding::{MAX_ANSWER_CHARS, OWN_QUESTION};
    let app = signed_in(WANG).await;
    let too_long = "a".repeat(MAX_ANSWER_CHARS + 1);
    let refused = set_questions(
        &app,
        [(CITY, ""), (OWN_QUESTION, OWN), (BOOK, "")],
        ["Hangzhou", &too_long, "Book"],
        EMPLOYEE_PASSWORD,
    )
    .await;
    assert_eq!(
        user_error(refused).await,
        UserError::Invalid(app::error::Invalid::AnswerTooLong {
            n: 2,
            max: MAX_ANSWER_CHARS
        })
    );
    assert!(stored_questions(&app, WANG).await.is_empty());

    // At the limit it is saved, and Forgot Password accepts it.
    let longest = "b".repeat(MAX_ANSWER_CHARS);
    let saved = set_questions(
        &app,
        [(CITY, ""), (OWN_QUESTION, OWN), (BOOK, "")],
        ["Hangzhou", &longest, "Book"],
        EMPLOYEE_PASSWORD,
    )
    .await;
    assert_eq!(saved.status(), 200);
    let flow = crate::recovery::Flow::new(&app);
    flow.start(WANG).await;
    assert_eq!(flow.choose("questions").await.status(), 200);
    assert_eq!(
        flow.answer(["Hangzhou", &longest, "Book"]).await.status(),
        200
    );
}

#[tokio::test]
async fn question_texts_and_names_refuse_control_and_direction_characters() {
    use crate::binding::{set_questions, signed_in, stored_questions, BOOK, CITY, WANG};
    use app::binding::OWN_QUESTION;
    let app = signed_in(WANG).await;
    for hostile in [
        "Who\u{202E}?orez",
        "Line\nbreak?",
        "\u{2066}Isolated?\u{2069}",
    ] {
        let refused = set_questions(
            &app,
            [(CITY, ""), (OWN_QUESTION, hostile), (BOOK, "")],
            ["Hangzhou", "Answer", "Book"],
            EMPLOYEE_PASSWORD,
        )
        .await;
        assert_eq!(
            user_error(refused).await,
            UserError::Invalid(app::error::Invalid::QuestionControlChars { n: 2 }),
            "{hostile:?}"
        );
    }
    assert!(stored_questions(&app, WANG).await.is_empty());

    let admin = crate::admin::as_postmaster().await;
    let refused = admin
        .call(CreateDepartment {
            name: "Sales\u{202E}selaS".into(),
        })
        .await;
    assert!(matches!(
        user_error(refused).await,
        UserError::Invalid(app::error::Invalid::NameControlChars { .. })
    ));
}
