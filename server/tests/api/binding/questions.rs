//! Setting and replacing the security questions.

use super::*;

#[tokio::test]
async fn questions_are_saved_with_hashed_answers_and_listed_without_them() {
    let app = signed_in(WANG).await;
    assert!(setup(&app).await.questions.is_empty());
    let presets = setup(&app).await.preset_questions;
    assert!(presets.len() >= 6);
    for demo in [CITY, "What was the name of your first school?", BOOK] {
        assert!(presets.iter().any(|q| q == demo), "{demo}");
    }

    let response = set_questions(
        &app,
        [(CITY, ""), (OWN_QUESTION, OWN), (BOOK, "")],
        ["  Hang  ZHOU ", "Ada Lovelace", "Dream of the Red Chamber"],
        EMPLOYEE_PASSWORD,
    )
    .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        location(&response).as_deref(),
        Some("/settings/security?questions_saved=1")
    );
    let shown = setup(&app).await;
    assert_eq!(shown.questions, [CITY, OWN, BOOK]);
    let body = serde_json::to_string(&shown).unwrap();
    assert!(!body.to_lowercase().contains("hang"), "{body}");

    let stored = stored_questions(&app, WANG).await;
    assert_eq!(stored.len(), 3);
    let params = production_params();
    for ((_, hash), normalized) in
        stored
            .iter()
            .zip(["hang zhou", "ada lovelace", "dream of the red chamber"])
    {
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        // Neither the answer nor its base64 is in what is stored (a short
        // word could turn up in a random salt by chance; these cannot).
        let squeezed = normalized.replace(' ', "");
        let encoded = base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD_NO_PAD,
            normalized,
        );
        assert!(!hash.to_lowercase().contains(&squeezed), "{hash}");
        assert!(!hash.contains(&encoded), "{hash}");
        assert_eq!(verify_blocking(&params, hash, normalized), Verified::Yes);
    }
    assert_eq!(audit_count(&app, "questions_set").await, 1);
}

#[tokio::test]
async fn three_different_answered_questions_are_required() {
    let app = signed_in(WANG).await;
    let cases: [(Choices<'_>, [&str; 3], &str); 4] = [
        (
            [
                (CITY, ""),
                (OWN_QUESTION, "what city  were you BORN in?"),
                (BOOK, ""),
            ],
            ["a", "b", "c"],
            "Choose 3 different questions.",
        ),
        (
            [(CITY, ""), (OWN_QUESTION, OWN), (BOOK, "")],
            ["a", "  ", "c"],
            "Answer question 2.",
        ),
        (
            [(CITY, ""), ("", ""), (BOOK, "")],
            ["a", "b", "c"],
            "Choose question 2 from the list, or write your own.",
        ),
        (
            [(CITY, ""), (OWN_QUESTION, ""), (BOOK, "")],
            ["a", "b", "c"],
            "Write your own question 2, or choose one from the list.",
        ),
    ];
    for (choices, answers, message) in cases {
        let response = set_questions(&app, choices, answers, EMPLOYEE_PASSWORD).await;
        assert_eq!(response.status(), 422, "{message}");
        let error = user_error(response).await;
        assert!(matches!(error, UserError::Invalid(_)), "{error:?}");
        assert_eq!(crate::helpers::english(&error), message);
    }
    assert!(stored_questions(&app, WANG).await.is_empty());
    assert_eq!(audit_count(&app, "questions_set").await, 0);
}

#[tokio::test]
async fn replacing_questions_needs_the_current_password() {
    let app = signed_in(ZHANG).await;
    let before = stored_questions(&app, ZHANG).await;
    assert_eq!(before.len(), 3);
    let choices = [(CITY, ""), (OWN_QUESTION, OWN), (BOOK, "")];
    let answers = ["Suzhou", "Ada", "Red Chamber"];
    for password in ["Employee#2027", ""] {
        let response = set_questions(&app, choices, answers, password).await;
        assert_eq!(response.status(), 401);
        assert_eq!(user_error(response).await, UserError::WrongCurrentPassword);
    }
    assert_eq!(stored_questions(&app, ZHANG).await, before);

    let response = set_questions(&app, choices, answers, EMPLOYEE_PASSWORD).await;
    assert_eq!(response.status(), 200);
    let after = stored_questions(&app, ZHANG).await;
    assert_eq!(after.len(), 3);
    assert_eq!(after[1].0, OWN);
    assert_ne!(after, before);
}

#[tokio::test]
async fn setting_questions_tells_the_secure_phone() {
    let app = signed_in(ZHANG).await;
    let before = outbox(&app)
        .await
        .iter()
        .filter(|m| m.to == ZHANG_PHONE)
        .count();
    let response = set_questions(
        &app,
        [(CITY, ""), (OWN_QUESTION, OWN), (BOOK, "")],
        ["Hangzhou", "Ada", "Book"],
        EMPLOYEE_PASSWORD,
    )
    .await;
    assert_eq!(response.status(), 200);
    let mut notice = None;
    for _ in 0..100 {
        let to_phone: Vec<Sms> = outbox(&app)
            .await
            .into_iter()
            .filter(|m| m.to == ZHANG_PHONE)
            .collect();
        if to_phone.len() > before {
            notice = Some(to_phone[0].text.clone());
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let notice = notice.expect("an SMS notice");
    assert!(
        notice.contains("security questions") && !notice.contains(ZHANG),
        "{notice}"
    );
}
