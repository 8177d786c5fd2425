//! Step 1: the email address and the image verification code.

use leptos::prelude::*;

use crate::i18n::td_string;
use crate::language;
use leptos::server_fn::ServerFn;
use leptos_router::params::Params;

use super::captcha::{CaptchaImage, CAPTCHA_INPUT, REFRESH_FORM};
use super::StepFrame;
use crate::components::feedback::ErrorAlert;
use crate::recovery::api::{recovery_captcha, RefreshCaptcha, SubmitAddress};
use crate::routes::params::{use_query_as, Flag};

/// `?expired=1`: sent back here by a flow that is gone.
#[derive(Params, Clone, Debug, Default, PartialEq, Eq)]
struct StartQuery {
    expired: Flag,
}

// The form "Refresh" posts (REFRESH_FORM) sits outside the address form
// (its button inside, joined by `form=`), so a refresh posts nothing of the
// address.

#[component]
pub fn ForgotStartPage() -> impl IntoView {
    // Loading the page only reads: a first visit has no flow and no image
    // yet, and a GET (a crawler, a cross-site link) makes neither. The
    // flow and its first image come from the page's own POST of "Refresh":
    // sent at once by the browser (see [`CaptchaImage`]), or by the person
    // without JavaScript.
    let captcha = Resource::new(|| (), |_| recovery_captcha());
    let submit = ServerAction::<SubmitAddress>::new();
    let refresh = ServerAction::<RefreshCaptcha>::new();
    let query = use_query_as::<StartQuery>();
    let expired = move || query.read().expired.is_set();
    let lang = language::current();
    view! {
        <StepFrame heading=td_string!(lang, common.forgot_password)>
            <Show when=expired>
                <p class="notice" role="status">
                    {td_string!(lang, forgot.expired)}
                </p>
            </Show>
            <p class="lead">
                {td_string!(lang, forgot.start_lead)}
            </p>
            <form id=REFRESH_FORM method="post" action=RefreshCaptcha::PATH></form>
            <ActionForm action=submit attr:class="stack">
                <ErrorAlert result=submit.value()/>
                <ErrorAlert result=refresh.value()/>
                <div class="field">
                    <label for="forgot-email">{td_string!(lang, common.email)}</label>
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
                    <Suspense fallback=move || {
                        view! { <p class="loading">{td_string!(lang, forgot.loading_image)}</p> }
                    }>
                        {move || Suspend::new(async move {
                            match captcha.await {
                                Ok(initial) => view! { <CaptchaImage lang initial/> }.into_any(),
                                Err(error) => view! {
                                    <p class="error" role="alert">
                                        {crate::messages::user_error(lang, &error)}
                                    </p>
                                    <button
                                        type="submit"
                                        class="secondary"
                                        form=REFRESH_FORM
                                        formnovalidate=true
                                    >
                                        {td_string!(lang, forgot.refresh)}
                                    </button>
                                }
                                .into_any(),
                            }
                        })}
                    </Suspense>
                </div>
                <div class="field">
                    <label for=CAPTCHA_INPUT>{td_string!(lang, forgot.captcha)}</label>
                    <input
                        id=CAPTCHA_INPUT
                        name="captcha"
                        type="text"
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        required
                        maxlength="12"
                    />
                </div>
                <button type="submit" class="primary">{td_string!(lang, common.next)}</button>
            </ActionForm>
        </StepFrame>
    }
}
