//! Step 3 by security questions: an answer to each bound question.

use leptos::prelude::*;

use crate::i18n::td_string;
use crate::language;

use super::step_page;
use crate::components::feedback::ErrorAlert;
use crate::recovery::api::AnswerQuestions;
use crate::recovery::RecoveryView;

#[component]
pub fn ForgotQuestionsPage() -> impl IntoView {
    step_page(
        td_string!(language::current(), common.forgot_password),
        |view| match view {
            RecoveryView::Questions { questions } => {
                Ok(view! { <AnswersForm questions=questions/> }.into_any())
            }
            other => Err(other),
        },
    )
}

#[component]
fn AnswersForm(questions: Vec<String>) -> impl IntoView {
    let action = ServerAction::<AnswerQuestions>::new();
    let fields = questions
        .into_iter()
        .enumerate()
        .map(|(i, question)| {
            let id = format!("answer-{}", i + 1);
            view! {
                <div class="field">
                    <label for=id.clone()>{question}</label>
                    <input
                        id=id
                        name=format!("answer_{}", i + 1)
                        type="text"
                        autocomplete="off"
                        required
                        maxlength="200"
                    />
                </div>
            }
        })
        .collect_view();
    let lang = language::current();
    view! {
        <p class="lead">{td_string!(lang, forgot.questions_lead)}</p>
        <ActionForm action=action attr:class="stack">
            <ErrorAlert result=action.value()/>
            {fields}
            <button type="submit" class="primary">
                {td_string!(lang, common.next)}
            </button>
        </ActionForm>
    }
}
