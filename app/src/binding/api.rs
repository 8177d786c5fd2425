//! Server functions of security settings' recovery methods. Thin: the form
//! in, the `Binding` service, the page (with a status in its query) out.
//! A plain form post (no JavaScript) follows the redirect; the hydrated
//! app navigates to it.

// `set_security_questions` takes each form field as an argument (the form
// posts without JavaScript), which is more than clippy's limit; the
// attribute must sit on the module to reach the client-side function the
// `#[server]` macro generates.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::SecuritySetup;
use crate::error::UserError;
use crate::secret::Secret;

#[cfg(feature = "ssr")]
use crate::binding::ports::BindingService;
#[cfg(feature = "ssr")]
use crate::server_fn::{or_fail, or_fail_on, service};

/// The page every form here returns to.
pub const PAGE: &str = "/settings/security";

#[server(endpoint = "load_security_setup")]
pub async fn load_security_setup() -> Result<SecuritySetup, UserError> {
    let (binding, request) = service::<BindingService>().await?;
    or_fail(binding.setup(&request).await)
}

/// "Secure mobile phone" > "Send code": the number and the current password.
#[server(endpoint = "send_phone_code")]
pub async fn send_phone_code(phone: String, current_password: Secret) -> Result<(), UserError> {
    let (binding, request) = service::<BindingService>().await?;
    let result = binding
        .send_phone_code(&request, &phone, &current_password)
        .await;
    or_fail_on::<SendPhoneCode, _>(PAGE, &request, result)?;
    leptos_axum::redirect(&format!("{PAGE}?code_sent=1"));
    Ok(())
}

/// "Secure mobile phone" > "Bind phone": the code from the SMS.
#[server(endpoint = "bind_phone")]
pub async fn bind_phone(code: Secret) -> Result<(), UserError> {
    let (binding, request) = service::<BindingService>().await?;
    let result = binding.bind_phone(&request, &code).await;
    or_fail_on::<BindPhone, _>(PAGE, &request, result)?;
    leptos_axum::redirect(&format!("{PAGE}?phone_bound=1"));
    Ok(())
}

/// "Security questions" > "Save questions". Each `question_n` is the
/// list's choice (a preset's text, `own`, or empty); `own_question_n` the
/// text of "Your own question n".
#[server(endpoint = "set_security_questions")]
pub async fn set_security_questions(
    question_1: String,
    own_question_1: Option<String>,
    answer_1: Secret,
    question_2: String,
    own_question_2: Option<String>,
    answer_2: Secret,
    question_3: String,
    own_question_3: Option<String>,
    answer_3: Secret,
    current_password: Secret,
) -> Result<(), UserError> {
    use super::chosen_question;
    use super::ports::QuestionAnswer;

    let (binding, request) = service::<BindingService>().await?;
    let submitted = [
        (question_1, own_question_1, answer_1),
        (question_2, own_question_2, answer_2),
        (question_3, own_question_3, answer_3),
    ];
    let mut questions = Vec::with_capacity(submitted.len());
    let mut refused = None;
    for (n, (choice, own, answer)) in submitted.into_iter().enumerate() {
        match chosen_question(n + 1, &choice, own.as_deref()) {
            Ok(question) => questions.push(QuestionAnswer { question, answer }),
            Err(error) => {
                refused = Some(error);
                break;
            }
        }
    }
    let result = match refused {
        Some(error) => Err(error),
        None => {
            binding
                .set_questions(&request, &current_password, questions)
                .await
        }
    };
    or_fail_on::<SetSecurityQuestions, _>(PAGE, &request, result)?;
    leptos_axum::redirect(&format!("{PAGE}?questions_saved=1"));
    Ok(())
}
