//! Step 3 by SMS: the code, and Resend with a live countdown (the server
//! decides when a resend is allowed; the countdown only shows it).

use leptos::prelude::*;

use crate::i18n::td_string;
use crate::language::{self, Language};

use leptos_router::params::Params;

use super::step_page;
use crate::components::feedback::ErrorAlert;
use crate::components::keyed::Keyed;
use crate::recovery::api::{ResendCode, VerifyCode};
use crate::recovery::RecoveryView;
use crate::routes::params::{use_query_as, Flag};

/// `?resent=1`: a new code was sent (a plain form post of Resend).
#[derive(Params, Clone, Debug, Default, PartialEq, Eq)]
struct SmsQuery {
    resent: Flag,
}

#[component]
pub fn ForgotSmsPage() -> impl IntoView {
    step_page(
        td_string!(language::current(), common.forgot_password),
        |view| match view {
            RecoveryView::Sms {
                phone,
                resend_in,
                cooldown_until,
            } => Ok(view! { <CodeForm phone resend_in cooldown_until/> }.into_any()),
            other => Err(other),
        },
    )
}

#[component]
fn CodeForm(phone: String, resend_in: i64, cooldown_until: i64) -> impl IntoView {
    let verify = ServerAction::<VerifyCode>::new();
    let resend = ServerAction::<ResendCode>::new();
    let query = use_query_as::<SmsQuery>();
    let resent = move || query.read().resent.is_set();
    let lang = language::current();
    view! {
        <p class="lead">{td_string!(lang, forgot.sms_sent, phone = phone).to_string()}</p>
        <Show when=resent>
            <p class="success" role="status">{td_string!(lang, forgot.resent)}</p>
        </Show>
        <ActionForm action=verify attr:class="stack">
            <ErrorAlert result=verify.value()/>
            <div class="field">
                <label for="sms-code">{td_string!(lang, common.sms_code)}</label>
                <input
                    id="sms-code"
                    name="code"
                    type="text"
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    pattern="[0-9]{6}"
                    maxlength="6"
                    required
                />
            </div>
            <button type="submit" class="primary">{td_string!(lang, common.next)}</button>
        </ActionForm>
        <ActionForm action=resend attr:class="stack resend">
            <ErrorAlert result=resend.value()/>
            // A new code starts a new countdown; a reload keeps the one
            // running.
            <Keyed key=cooldown_until.to_string()>
                <ResendButton lang wait=resend_in/>
            </Keyed>
            <noscript>
                <p class="hint">{td_string!(lang, forgot.reload_hint)}</p>
            </noscript>
        </ActionForm>
    }
}

/// "Resend", disabled while the server would refuse it, counting the
/// seconds down once a second in the browser.
#[island(lazy)]
fn ResendButton(lang: Language, wait: i64) -> impl IntoView {
    let remaining = RwSignal::new(wait);
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        while remaining.get_untracked() > 0 {
            gloo_timers::future::TimeoutFuture::new(1_000).await;
            let alive = remaining.try_update(|left| *left = (*left - 1).max(0));
            if alive.is_none() {
                break; // the page is gone
            }
        }
    });
    let label = move || match remaining.get() {
        0 => td_string!(lang, forgot.resend).to_string(),
        left => td_string!(lang, forgot.resend_in, seconds = left).to_string(),
    };
    // What a screen reader hears: the button's own countdown changes every
    // second, so it is not announced; this says it every 10 s at most.
    let announced = Memo::new(move |_| match remaining.get() {
        0 => td_string!(lang, forgot.resend_now).to_string(),
        left => {
            let rounded = (left + 9) / 10 * 10;
            td_string!(lang, forgot.resend_announce, seconds = rounded).to_string()
        }
    });
    view! {
        // Its name stays "Resend"; the seconds are for the eye.
        <button
            type="submit"
            class="secondary"
            aria-label=td_string!(lang, forgot.resend)
            disabled=move || { remaining.get() > 0 }
        >
            {label}
        </button>
        <p class="visually-hidden" aria-live="polite" data-testid="resend-announcement">
            {move || announced.get()}
        </p>
    }
}
