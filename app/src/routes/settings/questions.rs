//! "Security questions": the bound questions' texts (never the answers),
//! and a form to choose or write 3 questions and answer them. Without
//! JavaScript every "Your own question" field is shown; with it, only
//! where "Write my own question…" is chosen (a hidden field is disabled,
//! so it is not posted).

use leptos::prelude::*;

use crate::binding::api::{QuestionChoice, SetSecurityQuestions};
use crate::binding::{
    SecuritySetup, MAX_ANSWER_CHARS, MAX_QUESTION_CHARS, OWN_QUESTION, QUESTION_COUNT,
};
use crate::components::feedback::ErrorAlert;
use crate::components::password_input::PasswordField;
use crate::i18n::td_string;
use crate::language::{self, Language};
use crate::routes::params::use_query_as;
use crate::routes::settings::SecurityQuery;

#[component]
pub fn QuestionsSection(
    setup: SecuritySetup,
    save: ServerAction<SetSecurityQuestions>,
    back: Option<&'static str>,
) -> impl IntoView {
    let query = use_query_as::<SecurityQuery>();
    let saved = move || query.read().questions_saved.is_set();
    let presets = setup.preset_questions.clone();
    let lang = language::current();
    let bound = if setup.questions.is_empty() {
        view! { <p>{td_string!(lang, settings.no_questions)}</p> }.into_any()
    } else {
        view! {
            <p>{td_string!(lang, settings.your_questions)}</p>
            <ol class="questions" data-testid="bound-questions">
                {setup.questions.iter().map(|q| view! { <li>{q.clone()}</li> }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="questions-title">
            <h2 id="questions-title">{td_string!(lang, common.security_questions)}</h2>
            {bound}
            <Show when=saved>
                <p class="success" role="status">{td_string!(lang, settings.questions_saved)}</p>
            </Show>
            <ActionForm action=save attr:class="stack narrow-form">
                <ErrorAlert result=save.value()/>
                {back.map(|back| view! { <input type="hidden" name="back" value=back/> })}
                <p class="help">
                    {td_string!(lang, settings.questions_help)}
                </p>
                {(1..=QUESTION_COUNT)
                    .map(|n| view! { <QuestionFields lang n=n presets=presets.clone()/> })
                    .collect_view()}
                <PasswordField
                    id="questions-current-password"
                    name="current_password"
                    label=td_string!(lang, common.current_password)
                    autocomplete="current-password"
                    lang
                />
                <button type="submit" class="primary">{td_string!(lang, settings.save_questions)}</button>
            </ActionForm>
        </section>
    }
}

/// Question `n`: the list, the own question, the answer. An island: once
/// the browser runs it, "Your own question" shows only when "Write my own
/// question…" is chosen.
#[island(lazy)]
fn QuestionFields(lang: Language, n: usize, presets: Vec<String>) -> impl IntoView {
    // Effects run only in the browser: until the WASM runs, the fields
    // are the plain form.
    let enhanced = RwSignal::new(false);
    Effect::new(move |_| enhanced.set(true));
    let choice = RwSignal::new(String::new());
    let own_hidden = move || enhanced.get() && choice.get() != OWN_QUESTION;
    let [question_name, own_name, answer_name] = QuestionChoice::field_names(n);
    let select_id = format!("question-{n}");
    let own_id = format!("own-question-{n}");
    let answer_id = format!("answer-{n}");
    view! {
        <fieldset class="question">
            <div class="field">
                <label for=select_id.clone()>{td_string!(lang, settings.question_n, n = n).to_string()}</label>
                <select
                    id=select_id
                    name=question_name
                    on:change=move |ev| choice.set(event_target_value(&ev))
                >
                    <option value="">{td_string!(lang, settings.choose_question)}</option>
                    {presets
                        .into_iter()
                        .map(|q| view! { <option value=q.clone()>{q.clone()}</option> })
                        .collect_view()}
                    <option value=OWN_QUESTION>{td_string!(lang, settings.own_question_option)}</option>
                </select>
            </div>
            <div class="field" hidden=own_hidden>
                <label for=own_id.clone()>{td_string!(lang, settings.own_question_n, n = n).to_string()}</label>
                <input
                    id=own_id
                    name=own_name
                    type="text"
                    autocomplete="off"
                    maxlength=MAX_QUESTION_CHARS.to_string()
                    disabled=own_hidden
                />
            </div>
            <div class="field">
                <label for=answer_id.clone()>{td_string!(lang, settings.answer_n, n = n).to_string()}</label>
                <input
                    id=answer_id
                    name=answer_name
                    type="text"
                    autocomplete="off"
                    maxlength=MAX_ANSWER_CHARS.to_string()
                    spellcheck="false"
                    autocapitalize="off"
                />
            </div>
        </fieldset>
    }
}
