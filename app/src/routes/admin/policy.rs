//! Password Policy: the domain's weak keywords (validated per docs/policy.md),
//! a checker showing which keyword would block a typed password, and the
//! recovery methods Forgot Password may offer.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::params::Params;

use crate::admin::api::{load_domain_policy, SaveKeywords, SaveRecoveryMethods};
use crate::admin::DomainPolicy;
use crate::components::feedback::ErrorAlert;
use crate::error::UserError;
use crate::policy::{fold, matching_keywords};
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
    let policy = Resource::new(|| (), |_| load_domain_policy());
    let query = use_query_as::<PolicyQuery>();
    let saved = move || query.read().saved.clone();
    view! {
        <Title text="Password Policy"/>
        <h1>"Password Policy"</h1>
        <p class="lead">
            "Passwords are 8 to 64 printable ASCII characters with at least 3 of: uppercase, lowercase, digits, special characters. They may not contain the account's address or name, nor any weak keyword below."
        </p>
        {move || {
            (saved().as_deref() == Some("methods"))
                .then(|| view! { <p class="success" role="status">"Recovery methods saved."</p> })
        }}
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match policy.await {
                    Err(error) => load_failed(error, "/login"),
                    Ok(policy) => view! {
                        <PolicyForms
                            policy=policy
                            save_keywords=save_keywords
                            save_methods=save_methods
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
    keywords_saved: bool,
) -> impl IntoView {
    let refused = save_keywords.value().get_untracked().and_then(Result::err);
    view! {
        <KeywordsEditor
            lang=crate::language::current()
            keywords=policy.keywords
            refused
            saved=keywords_saved
        />
        <section>
            <h2 id="methods-title">"Allowed recovery methods"</h2>
            <p>"What Forgot Password may offer the employees of this domain."</p>
            <ActionForm action=save_methods attr:class="stack">
                <ErrorAlert result=save_methods.value()/>
                <label class="check">
                    <input type="checkbox" name="sms" value="on" checked=policy.allow_sms/>
                    "SMS verification code"
                </label>
                <label class="check">
                    <input type="checkbox" name="questions" value="on" checked=policy.allow_questions/>
                    "Security questions"
                </label>
                <button type="submit">"Update recovery methods"</button>
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
    let blocking = move || {
        let keywords: Vec<String> = text
            .get()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        matching_keywords(&probe.get(), &keywords)
    };
    view! {
        <div class="grid-2">
            <section>
                <h2 id="keywords-title">"Weak password keywords"</h2>
                {move || {
                    matches!(outcome.get(), Some(Ok(()))).then(|| view! {
                        <p class="success" role="status">
                            "Keywords saved. They apply to passwords set from now on."
                        </p>
                    })
                }}
                <ActionForm action=save attr:class="stack">
                    <ErrorAlert result=outcome lang/>
                    <div class="field">
                        <label for="policy-keywords">"Weak password keywords"</label>
                        <textarea
                            id="policy-keywords"
                            name="keywords"
                            rows="12"
                            spellcheck="false"
                            aria-describedby="keywords-help"
                            on:input=move |ev| text.set(event_target_value(&ev))
                        >
                            {text.get_untracked()}
                        </textarea>
                        <p id="keywords-help" class="help">
                            "One a line, 4 to 32 printable ASCII characters, at most 1000. Look-alikes count: \"p@ssw0rd\" is \"password\"."
                        </p>
                    </div>
                    <button type="submit" class="primary">"Save"</button>
                </ActionForm>
            </section>
            <section>
                <h2 id="checker-title">"Try a password"</h2>
                <div class="field">
                    <label for="policy-probe">"Password to test"</label>
                    <input
                        id="policy-probe"
                        type="text"
                        spellcheck="false"
                        autocomplete="off"
                        on:input=move |ev| probe.set(event_target_value(&ev))
                    />
                </div>
                <p class="checker" aria-live="polite" data-testid="keyword-checker">
                    {move || {
                        let found = blocking();
                        if probe.get().is_empty() {
                            "Type a password to see which keyword would block it.".to_owned()
                        } else if found.is_empty() {
                            "No keyword blocks this password.".to_owned()
                        } else {
                            let names: Vec<String> = found
                                .iter()
                                .map(|k| format!("\"{k}\" (as \"{}\")", fold(k)))
                                .collect();
                            format!("Blocked by {}.", names.join(", "))
                        }
                    }}
                </p>
            </section>
        </div>
    }
}
