//! Step 2: how to prove the account is yours. An unknown address and an
//! address with nothing usable see the same "No recovery method" text.

use leptos::prelude::*;

use crate::i18n::td_string;
use crate::language;

use super::step_page;
use crate::components::feedback::ErrorAlert;
use crate::recovery::api::ChooseMethod;
use crate::recovery::RecoveryView;

#[component]
pub fn ForgotMethodPage() -> impl IntoView {
    step_page(
        td_string!(language::current(), common.forgot_password),
        |view| {
            match view {
        RecoveryView::NoMethod => Ok(view! {
            <p class="error" role="alert">{td_string!(language::current(), forgot.no_method)}</p>
        }
        .into_any()),
        RecoveryView::Choose { sms, questions } => {
            Ok(view! { <ChooseForm sms=sms questions=questions/> }.into_any())
        }
        other => Err(other),
    }
        },
    )
}

#[component]
fn ChooseForm(sms: Option<String>, questions: bool) -> impl IntoView {
    let action = ServerAction::<ChooseMethod>::new();
    let sms_first = sms.is_some();
    let lang = language::current();
    view! {
        <p class="lead">{td_string!(lang, forgot.choose_lead)}</p>
        <p class="hint">{td_string!(lang, forgot.choose_then)}</p>
        <ActionForm action=action attr:class="stack">
            <ErrorAlert result=action.value()/>
            <fieldset class="choices">
                <legend>{td_string!(lang, forgot.method_legend)}</legend>
                {sms.map(|phone| view! {
                    <div class="choice">
                        <input
                            id="method-sms"
                            type="radio"
                            name="verify_by"
                            value="sms"
                            checked=true
                            aria-describedby="method-sms-phone"
                        />
                        <label for="method-sms">{td_string!(lang, forgot.by_sms)}</label>
                        <span id="method-sms-phone" class="hint">{phone}</span>
                    </div>
                })}
                {questions.then(|| view! {
                    <div class="choice">
                        <input
                            id="method-questions"
                            type="radio"
                            name="verify_by"
                            value="questions"
                            checked=!sms_first
                        />
                        <label for="method-questions">{td_string!(lang, forgot.by_questions)}</label>
                    </div>
                })}
            </fieldset>
            <button type="submit" class="primary">
                {td_string!(lang, common.next)}
            </button>
        </ActionForm>
    }
}
