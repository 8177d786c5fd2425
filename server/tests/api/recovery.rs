//! Forgot Password (scenario 2) through its server functions under
//! `/forgot/api/`, with the demo data: every step, every limit, the
//! enumeration parity, the reset transaction, and SMS delivery.

mod basis;
mod captcha;
mod code;
mod delivery;
mod enumeration;
mod flow;
mod notices;
mod questions;
mod reset;

use crate::helpers::secret;
use crate::helpers::Browser;
use app::recovery::api::{
    AnswerQuestions, ChooseMethod, RefreshCaptcha, ResetForgottenPassword, SubmitAddress,
    UnlockAccount, VerifyCode,
};
use std::time::Duration;

use app::error::UserError;
use app::recovery::RecoveryView;

use crate::helpers::{new_client, user_error, Call, TestApp};
pub use crate::helpers::{outbox, Sms};
use leptos::server_fn::ServerFn;
use serde::Serialize;

pub const ZHANG: &str = "zhang.san@example.com";
pub const ZHANG_PHONE: &str = "+8613800138001";
pub const LI: &str = "li.si@example.com";
pub const WANG: &str = "wang.wu@example.com";
pub const ANSWERS: [&str; 3] = ["Hangzhou", "Xixi Primary", "Dream of the Red Chamber"];
pub const NEW_PASSWORD: &str = "Fresh#Meadow2026";

/// One browser going through Forgot Password: its own cookie jar.
pub struct Flow<'a> {
    pub app: &'a TestApp,
    pub client: Browser,
    /// Sent as X-Forwarded-For (apps started with --trust-forwarded-for).
    pub client_addr: Option<String>,
}

impl<'a> Flow<'a> {
    pub fn new(app: &'a TestApp) -> Self {
        Flow {
            app,
            client: new_client(),
            client_addr: None,
        }
    }

    pub fn from_addr(app: &'a TestApp, addr: &str) -> Self {
        Flow {
            client_addr: Some(addr.to_owned()),
            ..Flow::new(app)
        }
    }

    pub async fn call<F: ServerFn + Serialize>(&self, function: F) -> reqwest::Response {
        let mut request = Call::of(function).post(self.app, &self.client);
        if let Some(addr) = &self.client_addr {
            request = request.header("x-forwarded-for", addr);
        }
        request.send().await.expect("request is sent")
    }

    /// Starts the flow (the page's "Refresh" on a first visit); the
    /// captcha id.
    pub async fn begin(&self) -> String {
        let response = self.call(RefreshCaptcha {}).await;
        assert_eq!(response.status(), 200, "the flow begins");
        response.json().await.expect("a captcha id")
    }

    pub async fn submit(&self, email: &str, captcha: &str) -> reqwest::Response {
        self.call(SubmitAddress {
            email: email.to_string(),
            captcha: captcha.to_string(),
        })
        .await
    }

    /// Begins and passes the first step with the right image code.
    pub async fn start(&self, email: &str) {
        let id = self.begin().await;
        let answer = captcha_answer(self.app, &id).await;
        let response = self.submit(email, &answer).await;
        assert_eq!(response.status(), 200, "the first step passes");
    }

    /// Start, choose SMS, and read the code the SMS brought.
    pub async fn code_by_sms(&self, email: &str, phone: &str) -> String {
        self.start(email).await;
        let sent = sms_count(self.app, phone).await;
        assert_eq!(self.choose("sms").await.status(), 200, "SMS chosen");
        next_code(self.app, phone, sent).await
    }

    pub async fn state(&self) -> RecoveryView {
        self.app
            .read_with(&self.client, services::recovery::view)
            .await
            .expect("the state loads")
    }

    pub async fn choose(&self, method: &str) -> reqwest::Response {
        self.call(ChooseMethod {
            verify_by: method.to_string(),
        })
        .await
    }

    pub async fn verify(&self, code: &str) -> reqwest::Response {
        self.call(VerifyCode { code: secret(code) }).await
    }

    pub async fn answer(&self, answers: [&str; 3]) -> reqwest::Response {
        self.call(AnswerQuestions {
            answer_1: secret(answers[0]),
            answer_2: secret(answers[1]),
            answer_3: secret(answers[2]),
        })
        .await
    }

    /// "Unlock account" with the grant, instead of a new password.
    pub async fn unlock(&self) -> reqwest::Response {
        self.call(UnlockAccount {}).await
    }

    pub async fn reset(&self, password: &str) -> reqwest::Response {
        self.call(ResetForgottenPassword {
            new_password: secret(password),
            confirm_password: secret(password),
            policy_version: None,
        })
        .await
    }
}

/// The answer of a captcha (demo mode's /dev/captcha/<id>).
pub async fn captcha_answer(app: &TestApp, id: &str) -> String {
    let response = app.get(&format!("/dev/captcha/{id}")).await;
    assert_eq!(response.status(), 200, "the captcha answer is served");
    response.text().await.expect("an answer")
}

pub async fn sms_count(app: &TestApp, phone: &str) -> usize {
    outbox(app).await.iter().filter(|m| m.to == phone).count()
}

/// The text of the newest SMS to `phone` once more than `before` exist.
pub async fn next_sms(app: &TestApp, phone: &str, before: usize) -> String {
    for _ in 0..100 {
        let messages = outbox(app).await;
        let to_phone: Vec<&Sms> = messages.iter().filter(|m| m.to == phone).collect();
        if to_phone.len() > before {
            return to_phone[0].text.clone();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no new SMS to {phone}");
}

/// The 6-digit code of the next SMS to `phone`.
pub async fn next_code(app: &TestApp, phone: &str, before: usize) -> String {
    code_in(&next_sms(app, phone, before).await)
}

pub fn code_in(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|part| part.len() == 6)
        .unwrap_or_else(|| panic!("no code in {text:?}"))
        .to_owned()
}

pub async fn expect_error(response: reqwest::Response, status: u16) -> UserError {
    assert_eq!(response.status(), status, "status");
    user_error(response).await
}
