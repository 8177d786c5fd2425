//! What a mail account is asked after its web logon (docs/product.md,
//! "Recovery lifecycle"): "Set up account recovery" (`/settings/recovery`,
//! the phone and questions forms of Security settings, with "Skip for
//! now" while skips are left) and "Confirm your recovery information"
//! (`/settings/confirm-recovery`). Plain forms: both work without
//! JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use crate::auth::{landing_path, MailUser};
use crate::binding::api::{
    load_recovery_prompt, ConfirmRecovery, SkipRecoverySetup, BACK_TO_SETUP, PAGE, SETUP_PAGE,
};
use crate::components::feedback::ErrorAlert;
use crate::i18n::td_string;
use crate::language;
use crate::report::RecoveryPrompt;
use crate::routes::guard::load_failed;
use crate::routes::settings::RecoveryMethods;

/// Where "Continue" goes: the account's home.
fn home() -> &'static str {
    let role = expect_context::<MailUser>().role;
    landing_path(role, false)
}

#[component]
pub fn SetupRecoveryPage() -> impl IntoView {
    let skip = ServerAction::<SkipRecoverySetup>::new();
    let prompt = Resource::new(|| (), |_| load_recovery_prompt());
    let lang = language::current();
    let home = home();
    view! {
        <Title text=td_string!(lang, settings.setup_title)/>
        <main class="card narrow">
            <h1>{td_string!(lang, settings.setup_title)}</h1>
            <Suspense fallback=move || view! { <p class="loading">{td_string!(lang, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match prompt.await {
                        Err(error) => load_failed(error, "/login"),
                        Ok(Some(RecoveryPrompt::Setup { skips_left })) => view! {
                            <p class="lead">{td_string!(lang, settings.setup_lead)}</p>
                            {if skips_left > 0 {
                                view! {
                                    <ActionForm action=skip attr:class="stack">
                                        <ErrorAlert result=skip.value()/>
                                        <p class="help">
                                            {td_string!(lang, settings.skips_left, n = skips_left).to_string()}
                                        </p>
                                        <button type="submit">{td_string!(lang, settings.skip)}</button>
                                    </ActionForm>
                                }
                                    .into_any()
                            } else {
                                view! {
                                    <p class="notice" role="note">{td_string!(lang, settings.setup_required)}</p>
                                }
                                    .into_any()
                            }}
                        }
                            .into_any(),
                        Ok(_) => view! {
                            <p class="success" role="status">{td_string!(lang, settings.setup_done)}</p>
                            <p><a href=home>{td_string!(lang, settings.continue_on)}</a></p>
                        }
                            .into_any(),
                    }
                })}
            </Suspense>
            <RecoveryMethods back=BACK_TO_SETUP/>
        </main>
    }
}

#[component]
pub fn ConfirmRecoveryPage() -> impl IntoView {
    let confirm = ServerAction::<ConfirmRecovery>::new();
    let prompt = Resource::new(|| (), |_| load_recovery_prompt());
    let lang = language::current();
    let home = home();
    view! {
        <Title text=td_string!(lang, settings.confirm_title)/>
        <main class="card narrow">
            <h1>{td_string!(lang, settings.confirm_title)}</h1>
            <Suspense fallback=move || view! { <p class="loading">{td_string!(lang, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match prompt.await {
                        Err(error) => load_failed(error, "/login"),
                        Ok(Some(RecoveryPrompt::Reconfirm { phone, questions })) => view! {
                            <p class="lead">{td_string!(lang, settings.confirm_lead)}</p>
                            <dl class="facts">
                                <dt>{td_string!(lang, common.secure_phone)}</dt>
                                <dd data-testid="confirm-phone">
                                    {phone.unwrap_or_else(|| td_string!(lang, settings.not_set).to_owned())}
                                </dd>
                                <dt>{td_string!(lang, common.security_questions)}</dt>
                                <dd>
                                    {if questions.is_empty() {
                                        td_string!(lang, settings.not_set).into_any()
                                    } else {
                                        view! {
                                            <ol>
                                                {questions
                                                    .into_iter()
                                                    .map(|question| view! { <li>{question}</li> })
                                                    .collect_view()}
                                            </ol>
                                        }
                                            .into_any()
                                    }}
                                </dd>
                            </dl>
                            <div class="actions">
                                <ActionForm action=confirm>
                                    <ErrorAlert result=confirm.value()/>
                                    <button type="submit" class="primary">
                                        {td_string!(lang, settings.confirm_correct)}
                                    </button>
                                </ActionForm>
                                <form method="get" action=PAGE>
                                    <button type="submit">{td_string!(lang, settings.confirm_update)}</button>
                                </form>
                            </div>
                        }
                            .into_any(),
                        Ok(Some(RecoveryPrompt::Setup { .. })) => {
                            view! { <Redirect path=SETUP_PAGE/> }.into_any()
                        }
                        Ok(None) => view! {
                            <p class="success" role="status">{td_string!(lang, settings.nothing_to_confirm)}</p>
                            <p><a href=home>{td_string!(lang, settings.continue_on)}</a></p>
                        }
                            .into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}
