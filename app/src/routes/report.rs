//! `/r/<token>`: the page a "This wasn't me" link opens. It says what
//! happened and when; opening it changes nothing. Its button posts the
//! lockdown (`report_not_me`); the page then says what to do next. A link
//! that was used or has expired says so. Works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::params::Params;

use crate::components::feedback::ErrorAlert;
use crate::i18n::td_string;
use crate::language::{self, Language};
use crate::messages;
use crate::report::api::{load_report, ReportNotMe};
use crate::report::{ReportView, Reportable};
use crate::routes::params::{use_params_as, use_query_as, Flag};
use crate::time::format_time;

#[derive(Params, Clone, Debug, Default, PartialEq, Eq)]
pub struct TokenParams {
    pub token: Option<String>,
}

/// `?done=1`: the button was pressed.
#[derive(Params, Clone, Debug, Default, PartialEq, Eq)]
struct ReportQuery {
    done: Flag,
}

/// What happened, in a sentence.
fn what_happened(lang: Language, view: &ReportView) -> String {
    let time = format_time(view.at);
    match view.what {
        Reportable::Recovered => td_string!(lang, report.recovered, time = time).to_string(),
        Reportable::ResetByAdmin => {
            td_string!(lang, report.reset_by_admin, time = time).to_string()
        }
        Reportable::ResetByOwner => {
            td_string!(lang, report.reset_by_owner, time = time).to_string()
        }
        Reportable::OwnChange => td_string!(lang, report.own_change, time = time).to_string(),
        Reportable::PhoneChanged => {
            let phone = view.phone.clone().unwrap_or_default();
            td_string!(lang, report.phone_changed, phone = phone, time = time).to_string()
        }
    }
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let params = use_params_as::<TokenParams>();
    let query = use_query_as::<ReportQuery>();
    let action = ServerAction::<ReportNotMe>::new();
    let lang = language::current();
    let token = move || params.read().token.clone().unwrap_or_default();
    let report = Resource::new(token, load_report);
    view! {
        <Title text=td_string!(lang, report.title)/>
        <main class="card narrow">
            <h1>{td_string!(lang, report.title)}</h1>
            {move || {
                if query.read().done.is_set() {
                    return view! {
                        <p class="success" role="status">{td_string!(lang, report.done)}</p>
                        <h2>{td_string!(lang, report.next_title)}</h2>
                        <ol>
                            <li>{td_string!(lang, report.next_contact)}</li>
                            <li>{td_string!(lang, report.next_reset)}</li>
                            <li>{td_string!(lang, report.next_check)}</li>
                        </ol>
                    }
                        .into_any();
                }
                view! {
                    <Suspense fallback=move || view! { <p class="loading">{td_string!(lang, common.loading)}</p> }>
                        {move || Suspend::new(async move {
                            match report.await {
                                Err(error) => view! {
                                    <p class="error" role="alert">{messages::user_error(lang, &error)}</p>
                                }
                                    .into_any(),
                                Ok(happened) => view! {
                                    <p class="lead" data-testid="what-happened">{what_happened(lang, &happened)}</p>
                                    <p>{td_string!(lang, report.if_not_you)}</p>
                                    <ActionForm action=action attr:class="stack">
                                        <ErrorAlert result=action.value()/>
                                        <input type="hidden" name="token" value=token()/>
                                        <button type="submit" class="danger">{td_string!(lang, report.not_me)}</button>
                                    </ActionForm>
                                    <p class="help">{td_string!(lang, report.if_you)}</p>
                                }
                                    .into_any(),
                            }
                        })}
                    </Suspense>
                }
                    .into_any()
            }}
        </main>
    }
}
