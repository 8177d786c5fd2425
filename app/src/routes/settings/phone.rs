//! "Secure mobile phone": the bound number (masked), "Send code" with the
//! new number and the current password, then "Bind phone" with the code.

use leptos::prelude::*;

use crate::binding::api::{BindPhone, SendPhoneCode};
use crate::binding::SecuritySetup;
use crate::components::feedback::ErrorAlert;
use crate::components::password_input::PasswordField;
use crate::routes::params::use_query_as;
use crate::routes::settings::SecurityQuery;

#[component]
pub fn PhoneSection(
    setup: SecuritySetup,
    send: ServerAction<SendPhoneCode>,
    bind: ServerAction<BindPhone>,
) -> impl IntoView {
    let query = use_query_as::<SecurityQuery>();
    let code_sent = move || query.read().code_sent.is_set();
    let bound = move || query.read().phone_bound.is_set();
    let has_phone = setup.phone.is_some();
    let pending = setup.pending_phone.clone();
    let sent_to = pending.clone();
    view! {
        <section aria-labelledby="phone-title">
            <h2 id="phone-title">"Secure mobile phone"</h2>
            {match setup.phone.clone() {
                Some(phone) => view! {
                    <p>"Bound number: " <strong data-testid="bound-phone">{phone}</strong></p>
                }
                .into_any(),
                None => view! {
                    <p>"No secure mobile phone is bound. Forgot Password can send a code to one."</p>
                }
                .into_any(),
            }}
            <Show when=bound>
                <p class="success" role="status">"Secure mobile phone bound."</p>
            </Show>
            {move || {
                let sent_to = sent_to.clone();
                (code_sent() && !bound())
                    .then_some(sent_to)
                    .flatten()
                    .map(|to| view! {
                        <p class="success" role="status">
                            {format!("We sent a verification code to {to}. It expires in 10 minutes.")}
                        </p>
                    })
            }}
            <ActionForm action=send attr:class="stack narrow-form">
                <ErrorAlert result=send.value()/>
                <div class="field">
                    <label for="phone-number">"Mobile number"</label>
                    <input
                        id="phone-number"
                        name="phone"
                        type="tel"
                        autocomplete="tel"
                        inputmode="tel"
                        placeholder="+86 138 0013 8000"
                        aria-describedby="phone-number-help"
                    />
                    <p class="help" id="phone-number-help">
                        "With the country code. A number without + is read as a Chinese (+86) number."
                    </p>
                </div>
                <PasswordField
                    id="phone-current-password"
                    name="current_password"
                    label="Current password"
                    autocomplete="current-password"
                    lang=crate::language::current()
                />
                {has_phone.then(|| view! {
                    <p class="help">"Your current number gets an SMS telling it about the change."</p>
                })}
                <button type="submit">"Send code"</button>
            </ActionForm>
            // Outside the form: a dead code hides the form but not its error.
            <ErrorAlert result=bind.value()/>
            {pending.map(|_| view! {
                <ActionForm action=bind attr:class="stack narrow-form">
                    <div class="field">
                        <label for="phone-code">"Verification code"</label>
                        <input
                            id="phone-code"
                            name="code"
                            type="text"
                            inputmode="numeric"
                            autocomplete="one-time-code"
                            maxlength="6"
                            spellcheck="false"
                        />
                    </div>
                    <button type="submit" class="primary">"Bind phone"</button>
                </ActionForm>
            })}
        </section>
    }
}
