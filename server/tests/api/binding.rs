//! Security settings: binding a secure mobile phone with an SMS code, and
//! security questions, through their server functions (both need the
//! current password; codes follow PRODUCT.md's limits).

use app::binding::{SecuritySetup, OWN_QUESTION};
use app::error::UserError;
use server::clock::{MINUTE, SECOND};
use server::passwords::{production_params, verify_blocking, Verified};

use crate::helpers::{
    location, new_client, spawn_demo_app, user_error, TestApp, EMPLOYEE_PASSWORD,
};

const WANG: &str = "wang.wu@example.com";
const ZHANG: &str = "zhang.san@example.com";
const ZHANG_PHONE: &str = "+8613800138001";
const NEW_PHONE: &str = "+8613800138002";

#[derive(serde::Deserialize)]
struct Sms {
    to: String,
    text: String,
}

/// The demo app with `address` signed in on `app.client`.
async fn signed_in(address: &str) -> TestApp {
    let app = spawn_demo_app().await;
    let response = app.log_on(address, EMPLOYEE_PASSWORD).await;
    assert_eq!(response.status(), 200, "{address} logs on");
    app
}

async fn outbox(app: &TestApp) -> Vec<Sms> {
    app.get("/dev/outbox")
        .await
        .json()
        .await
        .expect("the outbox is JSON")
}

/// The texts sent to `phone`, newest first.
async fn texts_to(app: &TestApp, phone: &str) -> Vec<String> {
    outbox(app)
        .await
        .into_iter()
        .filter(|sms| sms.to == phone)
        .map(|sms| sms.text)
        .collect()
}

/// The code in the newest SMS to `phone`.
async fn code_sent_to(app: &TestApp, phone: &str) -> String {
    let text = texts_to(app, phone)
        .await
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no SMS to {phone}"));
    assert!(
        text.starts_with("Your code to bind this phone to your mail account is ")
            && text.ends_with(". It expires in 10 minutes."),
        "{text}"
    );
    text.split(|c: char| !c.is_ascii_digit())
        .find(|part| part.len() == 6)
        .unwrap_or_else(|| panic!("no code in {text:?}"))
        .to_owned()
}

async fn send_code(app: &TestApp, phone: &str, password: &str) -> reqwest::Response {
    app.call(
        "send_phone_code",
        &[("phone", phone), ("current_password", password)],
    )
    .await
}

async fn bind(app: &TestApp, code: &str) -> reqwest::Response {
    app.call("bind_phone", &[("code", code)]).await
}

async fn setup(app: &TestApp) -> SecuritySetup {
    let response = app.call("load_security_setup", &[]).await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("a SecuritySetup")
}

async fn bound_phone(app: &TestApp, address: &str) -> Option<String> {
    sqlx::query_scalar("SELECT phone FROM mail_accounts WHERE address = $1")
        .bind(address)
        .fetch_one(&app.db.pool)
        .await
        .expect("the account exists")
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = $1")
        .bind(action)
        .fetch_one(&app.db.pool)
        .await
        .expect("count audit events")
}

/// A code that is not `code`.
fn wrong(code: &str) -> String {
    format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000)
}

#[tokio::test]
async fn a_phone_is_bound_with_the_code_sent_to_it() {
    let app = signed_in(WANG).await;
    assert_eq!(setup(&app).await.phone, None);

    // Typed the way people do, without the country code: read as +86.
    let response = send_code(&app, "138 0013 8002", EMPLOYEE_PASSWORD).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        location(&response).as_deref(),
        Some("/settings/security?code_sent=1")
    );
    let code = code_sent_to(&app, NEW_PHONE).await;
    let pending = setup(&app).await;
    assert_eq!(pending.pending_phone.as_deref(), Some("+86 138****8002"));
    assert_eq!(pending.phone, None);
    // The code is stored hashed.
    let stored: String = sqlx::query_scalar("SELECT code_hash FROM phone_bindings")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(stored.starts_with("$argon2id$") && !stored.contains(&code));
    assert_eq!(bound_phone(&app, WANG).await, None);

    let response = bind(&app, &code).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        location(&response).as_deref(),
        Some("/settings/security?phone_bound=1")
    );
    assert_eq!(bound_phone(&app, WANG).await.as_deref(), Some(NEW_PHONE));
    let after = setup(&app).await;
    assert_eq!(after.phone.as_deref(), Some("+86 138****8002"));
    assert_eq!(after.pending_phone, None);
    assert_eq!(audit_count(&app, "phone_bound").await, 1);
    assert_eq!(audit_count(&app, "phone_changed").await, 0);
    // A code binds once.
    assert_eq!(user_error(bind(&app, &code).await).await.status(), 422);
}

#[tokio::test]
async fn an_invalid_number_is_refused_with_a_clear_message_and_no_sms() {
    let app = signed_in(WANG).await;
    for input in ["12345", "+86 138 0013", "+999 1234567"] {
        let response = send_code(&app, input, EMPLOYEE_PASSWORD).await;
        assert_eq!(response.status(), 422, "{input}");
        assert_eq!(
            user_error(response).await,
            UserError::Invalid(
                "That is not a valid mobile number. Enter it with the country code, \
                 like +86 138 0013 8000."
                    .into()
            ),
            "{input}"
        );
    }
    let response = send_code(&app, "call me", EMPLOYEE_PASSWORD).await;
    assert!(matches!(
        user_error(response).await,
        UserError::Invalid(text) if text.contains("only digits")
    ));
    assert!(outbox(&app).await.is_empty());
    assert_eq!(setup(&app).await.pending_phone, None);
}

#[tokio::test]
async fn a_wrong_current_password_sends_no_code() {
    let app = signed_in(WANG).await;
    let response = send_code(&app, NEW_PHONE, "Employee#2027").await;
    assert_eq!(response.status(), 401);
    assert_eq!(user_error(response).await, UserError::WrongCurrentPassword);
    let response = send_code(&app, NEW_PHONE, "").await;
    assert_eq!(user_error(response).await, UserError::WrongCurrentPassword);
    assert!(outbox(&app).await.is_empty());
    assert_eq!(setup(&app).await.pending_phone, None);
    // Refusals spend none of the SMS allowance: the right password sends.
    assert_eq!(
        send_code(&app, NEW_PHONE, EMPLOYEE_PASSWORD).await.status(),
        200
    );
}

#[tokio::test]
async fn five_wrong_codes_kill_the_code() {
    let app = signed_in(WANG).await;
    assert_eq!(
        send_code(&app, NEW_PHONE, EMPLOYEE_PASSWORD).await.status(),
        200
    );
    let code = code_sent_to(&app, NEW_PHONE).await;
    for tries_left in (1..=4).rev() {
        let response = bind(&app, &wrong(&code)).await;
        assert_eq!(response.status(), 422);
        assert_eq!(
            user_error(response).await,
            UserError::CodeWrong { tries_left }
        );
    }
    assert_eq!(
        user_error(bind(&app, &wrong(&code)).await).await,
        UserError::CodeDead
    );
    // Dead: even the right code no longer binds.
    assert_eq!(
        user_error(bind(&app, &code).await).await,
        UserError::CodeDead
    );
    assert_eq!(bound_phone(&app, WANG).await, None);
    assert_eq!(setup(&app).await.pending_phone, None);
    assert_eq!(audit_count(&app, "phone_bound").await, 0);
}

#[tokio::test]
async fn a_code_is_dead_after_ten_minutes() {
    let app = signed_in(WANG).await;
    assert_eq!(
        send_code(&app, NEW_PHONE, EMPLOYEE_PASSWORD).await.status(),
        200
    );
    let code = code_sent_to(&app, NEW_PHONE).await;
    app.clock.advance(10 * MINUTE);
    let response = bind(&app, &code).await;
    assert_eq!(response.status(), 422);
    assert_eq!(user_error(response).await, UserError::CodeDead);
    assert_eq!(bound_phone(&app, WANG).await, None);
}

#[tokio::test]
async fn a_code_still_binds_just_before_ten_minutes() {
    let app = signed_in(WANG).await;
    assert_eq!(
        send_code(&app, NEW_PHONE, EMPLOYEE_PASSWORD).await.status(),
        200
    );
    let code = code_sent_to(&app, NEW_PHONE).await;
    app.clock.advance(10 * MINUTE - SECOND);
    assert_eq!(bind(&app, &code).await.status(), 200);
    assert_eq!(bound_phone(&app, WANG).await.as_deref(), Some(NEW_PHONE));
}

#[tokio::test]
async fn a_new_code_waits_sixty_seconds_and_replaces_the_old_one() {
    let app = signed_in(WANG).await;
    assert_eq!(
        send_code(&app, NEW_PHONE, EMPLOYEE_PASSWORD).await.status(),
        200
    );
    let first = code_sent_to(&app, NEW_PHONE).await;
    let response = send_code(&app, NEW_PHONE, EMPLOYEE_PASSWORD).await;
    assert_eq!(response.status(), 429);
    assert_eq!(user_error(response).await, UserError::ResendTooSoon(60));
    app.clock.advance(59 * SECOND);
    assert_eq!(
        user_error(send_code(&app, NEW_PHONE, EMPLOYEE_PASSWORD).await).await,
        UserError::ResendTooSoon(1)
    );
    assert_eq!(texts_to(&app, NEW_PHONE).await.len(), 1);

    app.clock.advance(SECOND);
    assert_eq!(
        send_code(&app, NEW_PHONE, EMPLOYEE_PASSWORD).await.status(),
        200
    );
    assert_eq!(texts_to(&app, NEW_PHONE).await.len(), 2);
    let second = code_sent_to(&app, NEW_PHONE).await;
    if first != second {
        assert_eq!(
            user_error(bind(&app, &first).await).await,
            UserError::CodeWrong { tries_left: 4 }
        );
    }
    assert_eq!(bind(&app, &second).await.status(), 200);
}

#[tokio::test]
async fn at_most_five_codes_an_hour_are_sent_for_an_account() {
    let app = signed_in(WANG).await;
    for n in 0..5 {
        let phone = format!("+861380013810{n}");
        assert_eq!(
            send_code(&app, &phone, EMPLOYEE_PASSWORD).await.status(),
            200
        );
        app.clock.advance(61 * SECOND);
    }
    let response = send_code(&app, NEW_PHONE, EMPLOYEE_PASSWORD).await;
    assert_eq!(response.status(), 429);
    assert_eq!(user_error(response).await, UserError::SmsLimit);
    assert_eq!(outbox(&app).await.len(), 5);
}

#[tokio::test]
async fn changing_the_number_needs_the_password_and_tells_the_old_number() {
    let app = signed_in(ZHANG).await;
    assert_eq!(setup(&app).await.phone.as_deref(), Some("+86 138****8001"));
    let response = send_code(&app, "+86 138 0013 8003", "Employee#2027").await;
    assert_eq!(user_error(response).await, UserError::WrongCurrentPassword);
    // The number already bound is not "changed" to itself.
    let response = send_code(&app, ZHANG_PHONE, EMPLOYEE_PASSWORD).await;
    assert!(matches!(
        user_error(response).await,
        UserError::Invalid(text) if text.contains("already your secure mobile phone")
    ));
    assert!(outbox(&app).await.is_empty());

    let response = send_code(&app, "+86 138 0013 8003", EMPLOYEE_PASSWORD).await;
    assert_eq!(response.status(), 200);
    let code = code_sent_to(&app, "+8613800138003").await;
    // Until the new number proves itself, the old one stays bound.
    assert_eq!(bound_phone(&app, ZHANG).await.as_deref(), Some(ZHANG_PHONE));
    assert!(texts_to(&app, ZHANG_PHONE).await.is_empty());

    assert_eq!(bind(&app, &code).await.status(), 200);
    assert_eq!(
        bound_phone(&app, ZHANG).await.as_deref(),
        Some("+8613800138003")
    );
    assert_eq!(
        texts_to(&app, ZHANG_PHONE).await,
        [
            "The secure mobile phone of your mail account zhang.san@example.com was changed \
             to +86 138****8003. If this wasn't you, contact your administrator."
        ]
    );
    assert_eq!(audit_count(&app, "phone_changed").await, 1);
    assert_eq!(audit_count(&app, "phone_bound").await, 0);
}

fn questions_form<'a>(
    choices: Choices<'a>,
    answers: [&'a str; 3],
    password: &'a str,
) -> Vec<(String, &'a str)> {
    let mut form = Vec::new();
    for (n, ((choice, own), answer)) in choices.into_iter().zip(answers).enumerate() {
        let n = n + 1;
        form.push((format!("question_{n}"), choice));
        form.push((format!("own_question_{n}"), own));
        form.push((format!("answer_{n}"), answer));
    }
    form.push(("current_password".into(), password));
    form
}

async fn set_questions(
    app: &TestApp,
    choices: Choices<'_>,
    answers: [&str; 3],
    password: &str,
) -> reqwest::Response {
    let form = questions_form(choices, answers, password);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    app.call("set_security_questions", &form).await
}

/// Three (choice, own text) pairs as the selects and text fields post them.
type Choices<'a> = [(&'a str, &'a str); 3];

const CITY: &str = "What city were you born in?";
const BOOK: &str = "What is your favourite book?";
const OWN: &str = "Who was my childhood hero?";

async fn stored_questions(app: &TestApp, address: &str) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT q.question, q.answer_hash FROM security_questions q \
         JOIN mail_accounts a ON a.id = q.account_id WHERE a.address = $1 ORDER BY q.position",
    )
    .bind(address)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

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
        assert!(!hash
            .to_lowercase()
            .contains(normalized.split(' ').next().unwrap()));
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
        assert_eq!(
            user_error(response).await,
            UserError::Invalid(message.into())
        );
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
            "send_phone_code",
            &[
                ("phone", "+8613800138009"),
                ("current_password", EMPLOYEE_PASSWORD),
            ],
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
    for (function, form) in [
        ("load_security_setup", vec![]),
        (
            "send_phone_code",
            vec![
                ("phone", NEW_PHONE),
                ("current_password", EMPLOYEE_PASSWORD),
            ],
        ),
        ("bind_phone", vec![("code", zhang_code.as_str())]),
    ] {
        let response = app.call_with(&nobody, function, &form).await;
        assert_eq!(response.status(), 401, "{function}");
        assert_eq!(user_error(response).await, UserError::NotSignedIn);
    }
    let form = questions_form(
        [(CITY, ""), (OWN_QUESTION, OWN), (BOOK, "")],
        ["a", "b", "c"],
        EMPLOYEE_PASSWORD,
    );
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let response = app
        .call_with(&nobody, "set_security_questions", &form)
        .await;
    assert_eq!(user_error(response).await, UserError::NotSignedIn);
}

#[tokio::test]
async fn plain_form_posts_come_back_to_the_page_with_the_outcome() {
    let app = signed_in(WANG).await;
    let post = |form: Vec<(&'static str, &'static str)>| {
        app.client
            .post(app.url("/api/send_phone_code"))
            .header("origin", &app.address)
            .header("accept", "text/html")
            .form(&form)
            .send()
    };
    let wrong = post(vec![("phone", NEW_PHONE), ("current_password", "nope")])
        .await
        .unwrap();
    let back = location(&wrong).unwrap_or_default();
    assert!(back.starts_with("/settings/security?"), "{back}");
    let right = post(vec![
        ("phone", NEW_PHONE),
        ("current_password", EMPLOYEE_PASSWORD),
    ])
    .await
    .unwrap();
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
