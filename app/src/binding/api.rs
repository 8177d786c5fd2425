//! Server functions of security settings' recovery methods. Thin: the form
//! in, `services::binding` called, the page (with a status in its query) out.
//! A plain form post (no JavaScript) follows the redirect; the hydrated
//! app navigates to it.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{SecuritySetup, QUESTION_COUNT};
use crate::error::UserError;
use crate::report::RecoveryPrompt;
use crate::secret::Secret;

#[cfg(feature = "ssr")]
use crate::server_fn::{or_fail, or_fail_on, redirect, served};
#[cfg(feature = "ssr")]
use services::binding;

/// The page the forms here return to: Security settings, or the recovery
/// setup after a logon when they were sent from there (`back` is
/// [`BACK_TO_SETUP`]).
pub const PAGE: &str = "/settings/security";
pub const SETUP_PAGE: &str = "/settings/recovery";
pub const BACK_TO_SETUP: &str = "setup";

#[cfg(feature = "ssr")]
fn page(back: Option<&str>) -> &'static str {
    if back == Some(BACK_TO_SETUP) {
        SETUP_PAGE
    } else {
        PAGE
    }
}

render_read! {
    pub async fn load_security_setup() -> Result<SecuritySetup, UserError> {
        let (ctx, request) = served().await?;
        or_fail(binding::setup(&ctx, &request).await)
    }
}

/// "Secure mobile phone" > "Send code": the number and the current password.
#[server(endpoint = "send_phone_code")]
pub async fn send_phone_code(
    phone: String,
    current_password: Secret,
    back: Option<String>,
) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let page = page(back.as_deref());
    let result = binding::send_phone_code(&ctx, &request, &phone, &current_password).await;
    or_fail_on::<SendPhoneCode, _>(page, &request, result)?;
    redirect(&format!("{page}?code_sent=1"));
    Ok(())
}

/// "Secure mobile phone" > "Bind phone": the code from the SMS.
#[server(endpoint = "bind_phone")]
pub async fn bind_phone(code: Secret, back: Option<String>) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let page = page(back.as_deref());
    let result = binding::bind_phone(&ctx, &request, &code).await;
    or_fail_on::<BindPhone, _>(page, &request, result)?;
    redirect(&format!("{page}?phone_bound=1"));
    Ok(())
}

/// One question of "Security questions" as the form posts it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct QuestionChoice {
    /// The list's choice: a preset's text, [`super::OWN_QUESTION`], or
    /// empty.
    pub choice: String,
    /// The text of "Your own question n"; not posted while that field is
    /// hidden.
    pub own: Option<String>,
    pub answer: Secret,
}

impl QuestionChoice {
    /// The names question `n` (1-based) is posted under: the list, the own
    /// question, the answer. A plain form post (no JavaScript) sends them
    /// as they are, so they are flat names, not `questions[0][choice]`.
    pub fn field_names(n: usize) -> [String; 3] {
        [
            format!("question_{n}"),
            format!("own_question_{n}"),
            format!("answer_{n}"),
        ]
    }

    /// The question it names, refused with its number `n` when missing,
    /// doubled or unacceptable (see [`super::chosen_question`]).
    pub fn question(&self, n: usize) -> Result<String, UserError> {
        super::chosen_question(n, &self.choice, self.own.as_deref())
    }
}

/// The questions of "Security questions", in order, posted under the
/// [`QuestionChoice::field_names`] of their numbers.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(from = "QuestionFields", into = "QuestionFields")]
pub struct SecurityQuestionsForm {
    pub questions: [QuestionChoice; QUESTION_COUNT],
}

/// [`SecurityQuestionsForm`] as it is posted: each field under its form
/// name (what [`QuestionChoice::field_names`] gives).
#[derive(Clone, Serialize, Deserialize)]
struct QuestionFields {
    question_1: String,
    own_question_1: Option<String>,
    answer_1: Secret,
    question_2: String,
    own_question_2: Option<String>,
    answer_2: Secret,
    question_3: String,
    own_question_3: Option<String>,
    answer_3: Secret,
}

impl From<QuestionFields> for SecurityQuestionsForm {
    fn from(fields: QuestionFields) -> Self {
        let question = |choice, own, answer| QuestionChoice {
            choice,
            own,
            answer,
        };
        SecurityQuestionsForm {
            questions: [
                question(fields.question_1, fields.own_question_1, fields.answer_1),
                question(fields.question_2, fields.own_question_2, fields.answer_2),
                question(fields.question_3, fields.own_question_3, fields.answer_3),
            ],
        }
    }
}

impl From<SecurityQuestionsForm> for QuestionFields {
    fn from(form: SecurityQuestionsForm) -> Self {
        let [first, second, third] = form.questions;
        QuestionFields {
            question_1: first.choice,
            own_question_1: first.own,
            answer_1: first.answer,
            question_2: second.choice,
            own_question_2: second.own,
            answer_2: second.answer,
            question_3: third.choice,
            own_question_3: third.own,
            answer_3: third.answer,
        }
    }
}

/// "Security questions" > "Save questions": the questions, in the same
/// flat fields as the form (`#[server(flatten)]`), and the current
/// password.
#[server(endpoint = "set_security_questions")]
pub async fn set_security_questions(
    #[server(flatten)] form: SecurityQuestionsForm,
    current_password: Secret,
    back: Option<String>,
) -> Result<(), UserError> {
    use services::binding::QuestionAnswer;

    let (ctx, request) = served().await?;
    let page = page(back.as_deref());
    let chosen = form
        .questions
        .into_iter()
        .zip(1..)
        .map(|(submitted, n)| {
            Ok(QuestionAnswer {
                question: submitted.question(n)?,
                answer: submitted.answer,
            })
        })
        .collect::<Result<Vec<_>, UserError>>();
    let result = match chosen {
        Ok(questions) => binding::set_questions(&ctx, &request, &current_password, questions).await,
        Err(error) => Err(error),
    };
    or_fail_on::<SetSecurityQuestions, _>(page, &request, result)?;
    redirect(&format!("{page}?questions_saved=1"));
    Ok(())
}

/// "Set up account recovery" > "Skip for now": on to the account's home.
#[server(endpoint = "skip_recovery_setup")]
pub async fn skip_recovery_setup() -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let result = binding::skip_recovery_setup(&ctx, &request).await;
    let next = or_fail_on::<SkipRecoverySetup, _>(SETUP_PAGE, &request, result)?;
    redirect(&next);
    Ok(())
}

/// "Confirm your recovery information" > "These are correct".
#[server(endpoint = "confirm_recovery")]
pub async fn confirm_recovery() -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let result = binding::confirm_recovery(&ctx, &request).await;
    let next = or_fail_on::<ConfirmRecovery, _>(RECONFIRM_PAGE, &request, result)?;
    redirect(&next);
    Ok(())
}

/// Where "Confirm your recovery information" lives.
pub const RECONFIRM_PAGE: &str = "/settings/confirm-recovery";

render_read! {
    pub async fn load_recovery_prompt() -> Result<Option<RecoveryPrompt>, UserError> {
        let (ctx, request) = served().await?;
        or_fail(binding::recovery_prompt(&ctx, &request).await)
    }
}

#[cfg(test)]
mod tests {
    use serde::de::value::{Error, MapDeserializer};

    use super::*;

    /// The arguments decoded from `fields`, as a string map like a posted
    /// form.
    fn posted(fields: &[(&str, &str)]) -> SetSecurityQuestions {
        let pairs = fields
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()));
        SetSecurityQuestions::deserialize(MapDeserializer::<_, Error>::new(pairs))
            .expect("the form decodes")
    }

    const FORM: [(&str, &str); 9] = [
        ("question_1", "What city were you born in?"),
        ("answer_1", "Hangzhou"),
        ("question_2", "own"),
        ("own_question_2", " Who was my hero? "),
        ("answer_2", "Ada"),
        ("question_3", "What is your favourite book?"),
        ("own_question_3", ""),
        ("answer_3", "Dream of the Red Chamber"),
        ("current_password", "Employee#2026"),
    ];

    #[test]
    fn each_question_arrives_from_its_flat_form_fields() {
        let posted = posted(&FORM);
        let [first, second, third] = &posted.form.questions;
        assert_eq!(first.own, None);
        assert_eq!(first.question(1).unwrap(), "What city were you born in?");
        assert_eq!(first.answer.expose(), "Hangzhou");
        assert_eq!(second.question(2).unwrap(), "Who was my hero?");
        assert_eq!(second.answer.expose(), "Ada");
        assert_eq!(third.question(3).unwrap(), "What is your favourite book?");
        assert_eq!(third.answer.expose(), "Dream of the Red Chamber");
        assert_eq!(posted.current_password.expose(), "Employee#2026");
    }

    #[test]
    fn the_page_names_its_fields_as_the_server_function_reads_them() {
        let sent = serde_json::to_value(posted(&FORM)).unwrap();
        for n in 1..=QUESTION_COUNT {
            for name in QuestionChoice::field_names(n) {
                assert!(sent.get(&name).is_some(), "{name} in {sent}");
            }
        }
        assert!(sent.get("current_password").is_some());
    }
}
