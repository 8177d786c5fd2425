//! Security settings: binding a secure mobile phone with an SMS code, and
//! security questions, through their server functions (both need the
//! current password; codes follow docs/product.md's limits).

mod access;
mod phone;
mod pumping;
mod questions;

use crate::helpers::secret;
use app::binding::api::{
    BindPhone, QuestionChoice, SecurityQuestionsForm, SendPhoneCode, SetSecurityQuestions,
};
use app::binding::{SecuritySetup, OWN_QUESTION};
use app::error::{Invalid, UserError};
use services::infra::clock::{MINUTE, SECOND};
use services::infra::passwords::{production_params, verify_blocking, Verified};

pub use crate::helpers::{audit_count, outbox, signed_in, Sms};
use crate::helpers::{location, new_client, user_error, TestApp, EMPLOYEE_PASSWORD};

pub const WANG: &str = "wang.wu@example.com";
pub const ZHANG: &str = "zhang.san@example.com";
pub const ZHANG_PHONE: &str = "+8613800138001";
pub const NEW_PHONE: &str = "+8613800138002";

/// The texts sent to `phone`, newest first.
pub async fn texts_to(app: &TestApp, phone: &str) -> Vec<String> {
    outbox(app)
        .await
        .into_iter()
        .filter(|sms| sms.to == phone)
        .map(|sms| sms.text)
        .collect()
}

/// The code in the newest SMS to `phone`.
pub async fn code_sent_to(app: &TestApp, phone: &str) -> String {
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

pub async fn send_code(app: &TestApp, phone: &str, password: &str) -> reqwest::Response {
    app.call(SendPhoneCode {
        phone: phone.to_string(),
        current_password: secret(password),
        back: None,
    })
    .await
}

pub async fn bind(app: &TestApp, code: &str) -> reqwest::Response {
    app.call(BindPhone {
        code: secret(code),
        back: None,
    })
    .await
}

pub async fn setup(app: &TestApp) -> SecuritySetup {
    app.read(services::binding::setup)
        .await
        .expect("a SecuritySetup")
}

pub async fn bound_phone(app: &TestApp, address: &str) -> Option<String> {
    sqlx::query_scalar("SELECT phone FROM mail_accounts WHERE address = $1")
        .bind(address)
        .fetch_one(&app.db.pool)
        .await
        .expect("the account exists")
}

/// A code that is not `code`.
pub fn wrong(code: &str) -> String {
    format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000)
}

pub fn questions_form(
    choices: Choices<'_>,
    answers: [&str; 3],
    password: &str,
) -> SetSecurityQuestions {
    let questions = std::array::from_fn(|n| QuestionChoice {
        choice: choices[n].0.to_owned(),
        own: Some(choices[n].1.to_owned()),
        answer: secret(answers[n]),
    });
    SetSecurityQuestions {
        form: SecurityQuestionsForm { questions },
        current_password: secret(password),
        back: None,
    }
}

pub async fn set_questions(
    app: &TestApp,
    choices: Choices<'_>,
    answers: [&str; 3],
    password: &str,
) -> reqwest::Response {
    app.call(questions_form(choices, answers, password)).await
}

/// Three (choice, own text) pairs as the selects and text fields post them.
pub type Choices<'a> = [(&'a str, &'a str); 3];

pub const CITY: &str = "What city were you born in?";
pub const BOOK: &str = "What is your favourite book?";
pub const OWN: &str = "Who was my childhood hero?";

pub async fn stored_questions(app: &TestApp, address: &str) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT q.question, q.answer_hash FROM security_questions q \
         JOIN mail_accounts a ON a.id = q.account_id WHERE a.address = $1 ORDER BY q.position",
    )
    .bind(address)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}
