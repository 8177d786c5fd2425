//! Password Policy: the domain's preset and password history, its weak
//! keywords (validated per docs/policy.md),
//! a checker showing which keyword would block a typed password, and the
//! recovery methods Forgot Password may offer.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::params::Params;

use crate::admin::api::{
    load_domain_policy, SaveKeywords, SavePasswordRules, SaveRecoveryMethods, SaveRecoverySettings,
    SaveSmsLimits,
};
use crate::admin::DomainPolicy;
use crate::components::feedback::ErrorAlert;
use crate::components::number_field::NumberField;
use crate::error::UserError;
use crate::i18n::td_string;
use crate::language;
use crate::messages;
use crate::policy::{fold, keyword_lines, matching_keywords, Preset, MAX_HISTORY};
use crate::routes::admin::recovery_settings::RecoverySettingsSection;
use crate::routes::guard::load_failed;
use crate::routes::params::use_query_as;

/// `?saved=keywords` or `?saved=methods`: which form was saved.
#[derive(Params, Clone, Debug, Default, PartialEq, Eq)]
struct PolicyQuery {
    saved: Option<String>,
}

#[component]
pub fn PasswordPolicyPage() -> impl IntoView {
    let save_keywords = ServerAction::<SaveKeywords>::new();
    let save_methods = ServerAction::<SaveRecoveryMethods>::new();
    let save_sms = ServerAction::<SaveSmsLimits>::new();
    let save_rules = ServerAction::<SavePasswordRules>::new();
    let save_recovery = ServerAction::<SaveRecoverySettings>::new();
    let policy = Resource::new(|| (), |_| load_domain_policy());
    let query = use_query_as::<PolicyQuery>();
    let saved = move || query.read().saved.clone();
    let lang = language::current();
    view! {
        <Title text=td_string!(lang, admin.password_policy)/>
        <h1>{td_string!(lang, admin.password_policy)}</h1>
        <p class="lead">{td_string!(lang, admin.policy_lead)}</p>
        {move || {
            (saved().as_deref() == Some("methods"))
                .then(|| {
                    view! {
                        <p class="success" role="status">{td_string!(lang, admin.methods_saved)}</p>
                    }
                })
        }}
        {move || {
            (saved().as_deref() == Some("rules"))
                .then(|| {
                    view! {
                        <p class="success" role="status">{td_string!(lang, admin.rules_saved)}</p>
                    }
                })
        }}
        {move || {
            (saved().as_deref() == Some("recovery"))
                .then(|| {
                    view! {
                        <p class="success" role="status">{td_string!(lang, admin.recovery_settings_saved)}</p>
                    }
                })
        }}
        {move || {
            (saved().as_deref() == Some("sms"))
                .then(|| {
                    view! {
                        <p class="success" role="status">{td_string!(lang, admin.sms_saved)}</p>
                    }
                })
        }}
        <Suspense fallback=move || view! { <p class="loading">{td_string!(lang, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match policy.await {
                    Err(error) => load_failed(error, "/login"),
                    Ok(policy) => view! {
                        <PolicyForms
                            policy=policy
                            save_keywords=save_keywords
                            save_methods=save_methods
                            save_sms=save_sms
                            save_rules=save_rules
                            save_recovery=save_recovery
                            keywords_saved=saved().as_deref() == Some("keywords")
                        />
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PolicyForms(
    policy: DomainPolicy,
    save_keywords: ServerAction<SaveKeywords>,
    save_methods: ServerAction<SaveRecoveryMethods>,
    save_sms: ServerAction<SaveSmsLimits>,
    save_rules: ServerAction<SavePasswordRules>,
    save_recovery: ServerAction<SaveRecoverySettings>,
    keywords_saved: bool,
) -> impl IntoView {
    let refused = save_keywords.value().get_untracked().and_then(Result::err);
    let lang = language::current();
    let chosen = policy.preset;
    view! {
        <section aria-labelledby="rules-title">
            <h2 id="rules-title">{td_string!(lang, admin.rules_title)}</h2>
            <ActionForm action=save_rules attr:class="stack">
                <ErrorAlert result=save_rules.value()/>
                <div class="field">
                    <label for="policy-preset">{td_string!(lang, admin.preset)}</label>
                    <select id="policy-preset" name="preset" aria-describedby="policy-preset-help">
                        {Preset::ALL
                            .into_iter()
                            .map(|preset| {
                                view! {
                                    <option value=preset.key() selected=preset == chosen>
                                        {messages::preset_name(lang, preset)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <p id="policy-preset-help" class="help">{td_string!(lang, admin.preset_help)}</p>
                </div>
                <NumberField
                    id="policy-history"
                    name="history"
                    label=td_string!(lang, admin.history)
                    help=td_string!(lang, admin.history_help)
                    min=0
                    max=MAX_HISTORY
                    value=policy.history
                />
                <button type="submit">{td_string!(lang, admin.save_rules)}</button>
            </ActionForm>
        </section>
        <KeywordsEditor
            lang
            keywords=policy.keywords
            refused
            saved=keywords_saved
        />
        <section>
            <h2 id="methods-title">{td_string!(lang, common.allowed_methods)}</h2>
            <p>{td_string!(lang, admin.methods_lead)}</p>
            <ActionForm action=save_methods attr:class="stack">
                <ErrorAlert result=save_methods.value()/>
                <label class="check">
                    <input type="checkbox" name="sms" value="on" checked=policy.allow_sms/>
                    {td_string!(lang, common.sms_code)}
                </label>
                <label class="check">
                    <input type="checkbox" name="questions" value="on" checked=policy.allow_questions/>
                    {td_string!(lang, common.security_questions)}
                </label>
                <button type="submit">{td_string!(lang, admin.update_methods)}</button>
            </ActionForm>
        </section>
        <RecoverySettingsSection settings=policy.recovery save=save_recovery/>
        <section aria-labelledby="sms-title">
            <h2 id="sms-title">{td_string!(lang, admin.sms_title)}</h2>
            <p>{td_string!(lang, admin.sms_lead)}</p>
            <p data-testid="sms-sent">
                {td_string!(
                    lang,
                    admin.sms_sent,
                    sent = policy.sms_sent_today,
                    ceiling = policy.sms_daily_ceiling
                )}
            </p>
            <ActionForm action=save_sms attr:class="stack">
                <ErrorAlert result=save_sms.value()/>
                <div class="field">
                    <label for="sms-calling-codes">{td_string!(lang, admin.calling_codes)}</label>
                    <input
                        id="sms-calling-codes"
                        name="calling_codes"
                        type="text"
                        required
                        maxlength="200"
                        value=policy.sms_calling_codes.clone()
                        aria-describedby="sms-calling-codes-help"
                    />
                    <p id="sms-calling-codes-help" class="help">
                        {td_string!(lang, admin.calling_codes_help)}
                    </p>
                </div>
                <div class="field">
                    <label for="sms-daily-ceiling">{td_string!(lang, admin.daily_ceiling)}</label>
                    <input
                        id="sms-daily-ceiling"
                        name="daily_ceiling"
                        type="number"
                        required
                        min="1"
                        max="100000"
                        value=policy.sms_daily_ceiling.to_string()
                    />
                </div>
                <button type="submit">{td_string!(lang, admin.save_sms)}</button>
            </ActionForm>
        </section>
    }
}

/// The keyword list's form and the checker beside it, as one island: the
/// checker judges the typed password with the list as it is being edited,
/// and the form is sent from the browser, so a refusal can name the
/// keywords it refuses (an error that comes back in a URL, `refused`, may
/// not: see [`crate::error::UserError::from_url`]). `saved`: the page
/// follows a save. Its code is fetched only on this page.
#[island(lazy)]
fn KeywordsEditor(
    lang: crate::language::Language,
    keywords: Vec<String>,
    refused: Option<UserError>,
    saved: bool,
) -> impl IntoView {
    let save = ServerAction::<SaveKeywords>::new();
    let outcome = Signal::derive(move || match save.value().get() {
        Some(result) => Some(result),
        None => refused.clone().map(Err).or(saved.then_some(Ok(()))),
    });
    let text = RwSignal::new(keywords.join("\n"));
    let probe = RwSignal::new(String::new());
    // What was typed before the island's chunk arrived (it is lazy) is
    // read once it wakes, so the checker judges it too.
    let text_field = NodeRef::<leptos::html::Textarea>::new();
    let probe_field = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(field) = text_field.get() {
            text.set(field.value());
        }
        if let Some(field) = probe_field.get() {
            probe.set(field.value());
        }
    });
    let blocking = move || matching_keywords(&probe.get(), &keyword_lines(&text.get()));
    view! {
        <div class="grid-2">
            <section>
                <h2 id="keywords-title">{td_string!(lang, admin.keywords_title)}</h2>
                {move || {
                    matches!(outcome.get(), Some(Ok(()))).then(|| view! {
                        <p class="success" role="status">{td_string!(lang, admin.keywords_saved)}</p>
                    })
                }}
                <ActionForm action=save attr:class="stack">
                    <ErrorAlert result=outcome lang/>
                    <div class="field">
                        <label for="policy-keywords">{td_string!(lang, admin.keywords_title)}</label>
                        <textarea
                            id="policy-keywords"
                            name="keywords"
                            rows="12"
                            spellcheck="false"
                            aria-describedby="keywords-help"
                            node_ref=text_field
                            on:input=move |ev| text.set(event_target_value(&ev))
                        >
                            {text.get_untracked()}
                        </textarea>
                        <p id="keywords-help" class="help">{td_string!(lang, admin.keywords_help)}</p>
                    </div>
                    <button type="submit" class="primary">{td_string!(lang, common.save)}</button>
                </ActionForm>
            </section>
            <section>
                <h2 id="checker-title">{td_string!(lang, admin.checker_title)}</h2>
                <div class="field">
                    <label for="policy-probe">{td_string!(lang, admin.probe_label)}</label>
                    <input
                        id="policy-probe"
                        type="text"
                        spellcheck="false"
                        autocomplete="off"
                        node_ref=probe_field
                        on:input=move |ev| probe.set(event_target_value(&ev))
                    />
                </div>
                <p class="checker" aria-live="polite" data-testid="keyword-checker">
                    {move || {
                        let found = blocking();
                        if probe.get().is_empty() {
                            td_string!(lang, admin.probe_empty).to_owned()
                        } else if found.is_empty() {
                            td_string!(lang, admin.probe_none).to_owned()
                        } else {
                            let names: Vec<String> = found
                                .iter()
                                .map(|k| {
                                    td_string!(lang, admin.keyword_as, keyword = k, folded = fold(k))
                                        .to_string()
                                })
                                .collect();
                            let names = names.join(td_string!(lang, common.list_separator));
                            td_string!(lang, admin.blocked_by, names = names).to_string()
                        }
                    }}
                </p>
            </section>
        </div>
    }
}
