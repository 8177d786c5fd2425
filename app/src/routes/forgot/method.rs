//! Step 2: how to prove the account is yours. An unknown address and an
//! address with nothing usable see the same "No recovery method" text.

use leptos::prelude::*;

use super::step_page;
use crate::components::feedback::ErrorAlert;
use crate::recovery::api::ChooseMethod;
use crate::recovery::RecoveryView;

#[component]
pub fn ForgotMethodPage() -> impl IntoView {
    step_page("Forgot Password", |view| {
        match view {
        RecoveryView::NoMethod => Ok(view! {
            <p class="error" role="alert">
                "No recovery method is available for this account. Contact your email administrator (postmaster)."
            </p>
        }
        .into_any()),
        RecoveryView::Choose { sms, questions } => {
            Ok(view! { <ChooseForm sms=sms questions=questions/> }.into_any())
        }
        other => Err(other),
    }
    })
}

#[component]
fn ChooseForm(sms: Option<String>, questions: bool) -> impl IntoView {
    let action = ServerAction::<ChooseMethod>::new();
    let sms_first = sms.is_some();
    view! {
        <p class="lead">"Choose how to verify that this account is yours."</p>
        <ActionForm action=action attr:class="stack">
            <ErrorAlert result=action.value()/>
            <fieldset class="choices">
                <legend>"Verification method"</legend>
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
                        <label for="method-sms">
                            "Receive an SMS verification code on your secure mobile"
                        </label>
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
                        <label for="method-questions">"Questions"</label>
                    </div>
                })}
            </fieldset>
            <button type="submit" class="primary">
                "Next"
            </button>
        </ActionForm>
    }
}
