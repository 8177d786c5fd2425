//! Forgot Password (scenario 2), one page per step under `/forgot`. Each
//! page asks the server where the flow stands and, when it stands
//! somewhere else, sends the browser there: the server decides the step,
//! the pages only show it.

pub mod captcha;
pub mod done;
pub mod method;
pub mod new_password;
pub mod questions;
pub mod sms;
pub mod start;

use leptos::prelude::*;

use crate::i18n::td_string;
use crate::language;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use crate::error::UserError;
use crate::recovery::api::recovery_state;
use crate::recovery::RecoveryView;

/// The flow's current step, loaded once per page.
pub fn flow_state() -> Resource<Result<RecoveryView, UserError>> {
    Resource::new(|| (), |_| recovery_state())
}

/// What a step page shows when the flow is not at its step: the page of
/// the step it is at, or the start with a note when it is gone.
pub fn elsewhere(view: &RecoveryView) -> AnyView {
    let path = match view {
        RecoveryView::Expired => "/forgot?expired=1",
        other => other.path(),
    };
    view! { <Redirect path=path/> }.into_any()
}

/// An error loading the step, with the way back to the start.
pub fn failure(error: UserError) -> AnyView {
    let lang = language::current();
    view! {
        <p class="error" role="alert">{crate::messages::user_error(lang, &error)}</p>
        <p><a href="/forgot">{td_string!(lang, forgot.start_again)}</a></p>
    }
    .into_any()
}

/// The frame every step page shares.
#[component]
pub fn StepFrame(heading: &'static str, children: Children) -> impl IntoView {
    let lang = language::current();
    view! {
        <Title text=heading/>
        <main class="card narrow">
            <h1>{heading}</h1>
            {children()}
            <p class="aside"><a href="/login">{td_string!(lang, common.back_to_log_on)}</a></p>
        </main>
    }
}

/// A step page after the first: loads where the flow stands and shows
/// `render`'s view when it stands at this page's step; otherwise `render`
/// hands the view back and the browser is sent where the flow is.
pub fn step_page<F>(heading: &'static str, render: F) -> impl IntoView
where
    F: Fn(RecoveryView) -> Result<AnyView, RecoveryView> + Copy + Send + Sync + 'static,
{
    let state = flow_state();
    view! {
        <StepFrame heading=heading>
            <Suspense fallback=move || {
                view! { <p class="loading">{td_string!(language::current(), common.loading)}</p> }
            }>
                {move || Suspend::new(async move {
                    match state.await {
                        Ok(view) => render(view).unwrap_or_else(|other| elsewhere(&other)),
                        Err(error) => failure(error),
                    }
                })}
            </Suspense>
        </StepFrame>
    }
}
