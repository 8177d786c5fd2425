//! Who may touch which settings, and the forms without JavaScript.

use super::*;
use crate::helpers::{secret, Call};
use app::binding::api::SendPhoneCode;

#[tokio::test]
async fn a_session_only_ever_touches_its_own_account() {
    let app = signed_in(WANG).await;
    let zhang_before = (
        bound_phone(&app, ZHANG).await,
        stored_questions(&app, ZHANG).await,
    );
    // Zhang San's session elsewhere, with a code pending of its own.
    let zhang = new_client();
    assert_eq!(
        app.log_on_with(&zhang, ZHANG, EMPLOYEE_PASSWORD)
            .await
            .status(),
        200
    );
    let response = app
        .call_with(
            &zhang,
            SendPhoneCode {
                phone: "+8613800138009".into(),
                current_password: secret(EMPLOYEE_PASSWORD),
                back: None,
            },
        )
        .await;
    assert_eq!(response.status(), 200);
    let zhang_code = code_sent_to(&app, "+8613800138009").await;

    // Wang Wu's session cannot use Zhang San's code, sees only its own
    // setup, and changes only its own rows.
    assert!(matches!(
        user_error(bind(&app, &zhang_code).await).await,
        UserError::Invalid(_)
    ));
    assert_eq!(setup(&app).await.phone, None);
    assert!(setup(&app).await.questions.is_empty());
    let response = set_questions(
        &app,
        [(CITY, ""), (OWN_QUESTION, OWN), (BOOK, "")],
        ["a", "b", "c"],
        EMPLOYEE_PASSWORD,
    )
    .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        (
            bound_phone(&app, ZHANG).await,
            stored_questions(&app, ZHANG).await
        ),
        zhang_before
    );

    // Without a session, nothing at all.
    let nobody = new_client();
    let questions = questions_form(
        [(CITY, ""), (OWN_QUESTION, OWN), (BOOK, "")],
        ["a", "b", "c"],
        EMPLOYEE_PASSWORD,
    );
    let setup = app.read_with(&nobody, services::binding::setup).await;
    assert_eq!(setup, Err(UserError::NotSignedIn));
    for call in [
        Call::of(SendPhoneCode {
            phone: NEW_PHONE.into(),
            current_password: secret(EMPLOYEE_PASSWORD),
            back: None,
        }),
        Call::of(BindPhone {
            code: secret(&zhang_code),
            back: None,
        }),
        Call::of(questions),
    ] {
        let function = call.path;
        let response = app.send(&nobody, call).await;
        assert_eq!(response.status(), 401, "{function}");
        assert_eq!(user_error(response).await, UserError::NotSignedIn);
    }
}

#[tokio::test]
async fn plain_form_posts_come_back_to_the_page_with_the_outcome() {
    let app = signed_in(WANG).await;
    let post = |current_password: &str| {
        let send = SendPhoneCode {
            phone: NEW_PHONE.into(),
            current_password: secret(current_password),
            back: None,
        };
        Call::of(send)
            .post(&app, &app.client)
            .header("accept", "text/html")
            .send()
    };
    let wrong = post("nope").await.unwrap();
    let back = location(&wrong).unwrap_or_default();
    assert!(back.starts_with("/settings/security?"), "{back}");
    let right = post(EMPLOYEE_PASSWORD).await.unwrap();
    assert_eq!(
        location(&right).as_deref(),
        Some("/settings/security?code_sent=1")
    );
    let page = app.get("/settings/security?code_sent=1").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    for text in [
        "Secure mobile phone",
        "Security questions",
        "We sent a verification code to +86 138****8002",
        "Bind phone",
        "Save questions",
    ] {
        assert!(html.contains(text), "{text} is on the page");
    }
}
