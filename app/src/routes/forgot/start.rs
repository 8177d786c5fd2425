//! Step 1: the email address and the image verification code.

use leptos::prelude::*;
use leptos_router::params::Params;

use super::StepFrame;
use crate::components::feedback::ErrorAlert;
use crate::recovery::api::{recovery_captcha, RecoveryBegin, RefreshCaptcha, SubmitAddress};
use crate::routes::params::{use_query_as, Flag};

/// `?expired=1`: sent back here by a flow that is gone.
#[derive(Params, Clone, Debug, Default, PartialEq, Eq)]
struct StartQuery {
    expired: Flag,
}

#[component]
pub fn ForgotStartPage() -> impl IntoView {
    // Loading the page only reads: a first visit has no flow and no image
    // yet, and a GET (a crawler, a cross-site link) makes neither. The
    // flow and its first image come from the page's own POST: sent by the
    // hydrated page at once, or by "Refresh" without JavaScript.
    let captcha = Resource::new(|| (), |_| recovery_captcha());
    let begin = ServerAction::<RecoveryBegin>::new();
    let submit = ServerAction::<SubmitAddress>::new();
    let refresh = ServerAction::<RefreshCaptcha>::new();
    // Effects run only in the browser, after hydration.
    Effect::new(move |_| {
        if matches!(captcha.get(), Some(Ok(None)))
            && begin.value().get_untracked().is_none()
            && !begin.pending().get_untracked()
        {
            begin.dispatch(RecoveryBegin {});
        }
    });
    Effect::new(move |_| {
        if matches!(begin.value().get(), Some(Ok(_))) {
            captcha.refetch();
        }
    });
    let query = use_query_as::<StartQuery>();
    let expired = move || query.read().expired.is_set();
    // A wrong code used the image up, and Refresh made a new one: either
    // way the flow's live image is fetched again. (Two effects, so each
    // reacts only to its own action: after a successful submit the flow has
    // moved on, and fetching the image then would start a new flow.)
    Effect::new(move |_| {
        if matches!(submit.value().get(), Some(Err(_))) {
            captcha.refetch();
        }
    });
    Effect::new(move |_| {
        if matches!(refresh.value().get(), Some(Ok(_))) {
            captcha.refetch();
        }
    });
    let on_refresh = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        refresh.dispatch(RefreshCaptcha {});
    };
    view! {
        <StepFrame heading="Forgot Password">
            <Show when=expired>
                <p class="notice" role="status">
                    "Your previous password recovery expired or was finished. Start again here."
                </p>
            </Show>
            <p class="lead">
                "Enter your email address and the characters in the image to start resetting your password."
            </p>
            <ActionForm action=submit attr:class="stack">
                <ErrorAlert result=submit.value()/>
                <ErrorAlert result=refresh.value()/>
                <ErrorAlert result=begin.value()/>
                <div class="field">
                    <label for="forgot-email">"Email address"</label>
                    <input
                        id="forgot-email"
                        name="email"
                        type="email"
                        autocomplete="username"
                        required
                        maxlength="254"
                    />
                </div>
                <div class="captcha">
                    <Transition fallback=|| view! { <p class="loading">"Loading image…"</p> }>
                        {move || Suspend::new(async move {
                            match captcha.await {
                                Ok(None) => view! {
                                    <p class="loading">"Select Refresh to show the verification image."</p>
                                }
                                .into_any(),
                                Ok(Some(id)) => view! {
                                    <img
                                        class="captcha-image"
                                        src=format!("/forgot/captcha/{id}")
                                        alt="Verification image: type the characters it shows"
                                        width="220"
                                        height="80"
                                    />
                                }
                                .into_any(),
                                Err(error) => view! {
                                    <p class="error" role="alert">{error.to_string()}</p>
                                }
                                .into_any(),
                            }
                        })}
                    </Transition>
                    <button
                        type="submit"
                        class="secondary"
                        formaction="/forgot/api/refresh_captcha"
                        formnovalidate=true
                        on:click=on_refresh
                        disabled=move || refresh.pending().get()
                    >
                        "Refresh"
                    </button>
                </div>
                <div class="field">
                    <label for="forgot-captcha">"Verification code"</label>
                    <input
                        id="forgot-captcha"
                        name="captcha"
                        type="text"
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        required
                        maxlength="12"
                    />
                </div>
                <button type="submit" class="primary" disabled=move || submit.pending().get()>
                    "Next"
                </button>
            </ActionForm>
        </StepFrame>
    }
}
