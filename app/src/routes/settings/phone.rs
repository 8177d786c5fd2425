//! "Secure mobile phone": the bound number (masked), "Send code" with the
//! new number and the current password, then "Bind phone" with the code.

use leptos::prelude::*;

use crate::binding::api::{BindPhone, SendPhoneCode};
use crate::binding::SecuritySetup;
use crate::components::feedback::ErrorAlert;
use crate::components::password_input::PasswordField;
use crate::i18n::td_string;
use crate::language;
use crate::routes::params::use_query_as;
use crate::routes::settings::SecurityQuery;
use crate::time::format_time;

#[component]
pub fn PhoneSection(
    setup: SecuritySetup,
    send: ServerAction<SendPhoneCode>,
    bind: ServerAction<BindPhone>,
    back: Option<&'static str>,
) -> impl IntoView {
    let query = use_query_as::<SecurityQuery>();
    let code_sent = move || query.read().code_sent.is_set();
    let bound = move || query.read().phone_bound.is_set();
    let has_phone = setup.phone.is_some();
    let pending = setup.pending_phone.clone();
    let sent_to = pending.clone();
    let lang = language::current();
    view! {
        <section aria-labelledby="phone-title">
            <h2 id="phone-title">{td_string!(lang, common.secure_phone)}</h2>
            {match setup.phone.clone() {
                Some(phone) => view! {
                    <p>{td_string!(lang, settings.bound_number)} <strong data-testid="bound-phone">{phone}</strong></p>
                    {setup.phone_cooling_until.map(|until| view! {
                        <p class="notice" role="note">
                            {td_string!(lang, settings.phone_cooling, time = format_time(until)).to_string()}
                        </p>
                    })}
                }
                .into_any(),
                None => view! {
                    <p>{td_string!(lang, settings.no_phone)}</p>
                }
                .into_any(),
            }}
            <Show when=bound>
                <p class="success" role="status">{td_string!(lang, settings.phone_bound)}</p>
            </Show>
            {move || {
                let sent_to = sent_to.clone();
                (code_sent() && !bound())
                    .then_some(sent_to)
                    .flatten()
                    .map(|to| view! {
                        <p class="success" role="status">
                            {td_string!(lang, settings.code_sent, phone = to).to_string()}
                        </p>
                    })
            }}
            <ActionForm action=send attr:class="stack narrow-form">
                <ErrorAlert result=send.value()/>
                {back.map(|back| view! { <input type="hidden" name="back" value=back/> })}
                <div class="field">
                    <label for="phone-number">{td_string!(lang, settings.mobile_number)}</label>
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
                        {td_string!(lang, settings.mobile_help)}
                    </p>
                </div>
                <PasswordField
                    id="phone-current-password"
                    name="current_password"
                    label=td_string!(lang, common.current_password)
                    autocomplete="current-password"
                    lang
                />
                {has_phone.then(|| view! {
                    <p class="help">{td_string!(lang, settings.change_notice)}</p>
                })}
                <button type="submit">{td_string!(lang, settings.send_code)}</button>
            </ActionForm>
            // Outside the form: a dead code hides the form but not its error.
            <ErrorAlert result=bind.value()/>
            {pending.map(|_| view! {
                <ActionForm action=bind attr:class="stack narrow-form">
                    {back.map(|back| view! { <input type="hidden" name="back" value=back/> })}
                    <div class="field">
                        <label for="phone-code">{td_string!(lang, settings.code)}</label>
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
                    <button type="submit" class="primary">{td_string!(lang, settings.bind_phone)}</button>
                </ActionForm>
            })}
        </section>
    }
}
