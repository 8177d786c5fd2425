//! `/dev/policy` (demo mode only; the server answers 404 otherwise): type an
//! account, keywords and a password and watch the same checklist every
//! password form uses. Browser tests prove parity with the native verdicts
//! here, and the benchmark button measures the check inside the WASM.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::checklist::PasswordChecklist;
use crate::components::common_list;
use crate::i18n::td_string;
use crate::language;
use crate::messages;
use crate::policy::{self, keyword_lines, PasswordRules, PolicyInput, Preset};

#[component]
pub fn DevPolicyPage() -> impl IntoView {
    let lang = language::current();
    view! {
        <Title text=td_string!(lang, dev_policy.title)/>
        <PolicyWorkbench lang/>
    }
}

/// The page's fields, checklist and benchmark: all of it runs in the
/// browser.
#[island(lazy)]
fn PolicyWorkbench(lang: language::Language) -> impl IntoView {
    let account = RwSignal::new(String::from("zhang.san@example.com"));
    let keywords_text = RwSignal::new(String::from("example\nalibaba\npassword\n123456\nqwerty"));
    let password = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    let keywords = Signal::derive(move || keyword_lines(&keywords_text.get()));
    let preset = RwSignal::new(Preset::Standard);
    let rules = Signal::derive(move || PasswordRules {
        preset: preset.get(),
        keywords: keywords.get(),
    });
    // This page judges everything at once, so the list is fetched at once.
    let common_ready = RwSignal::new(false);
    Effect::new(move |_| {
        common_list::load(move || {
            common_ready.try_set(true);
        })
    });
    let runs = RwSignal::new(String::from("1000"));
    let bench_result = RwSignal::new(None::<String>);

    let run_bench = move |_| {
        let runs: u32 = runs.get_untracked().trim().parse().unwrap_or(1000).max(1);
        let account = account.get_untracked();
        let keywords = keywords.get_untracked();
        let password = password.get_untracked();
        let input = PolicyInput {
            password: &password,
            account: &account,
            keywords: &keywords,
            confirmation: None,
            preset: preset.get_untracked(),
            common: common_list::loaded(),
        };
        let mean_us = mean_check_micros(&input, runs);
        bench_result.set(Some(format!("{mean_us:.2}")));
    };

    view! {
        <main class="card wide">
            <h1>{td_string!(lang, dev_policy.heading)}</h1>
            <p class="lead">{td_string!(lang, dev_policy.lead)}</p>
            <div class="grid-2">
                <div class="stack">
                    <div class="field">
                        <label for="dev-account">{td_string!(lang, dev_policy.account)}</label>
                        <input
                            id="dev-account"
                            type="text"
                            prop:value=account
                            on:input=move |ev| account.set(event_target_value(&ev))
                        />
                    </div>
                    <div class="field">
                        <label for="dev-keywords">{td_string!(lang, dev_policy.keywords)}</label>
                        <textarea
                            id="dev-keywords"
                            rows="6"
                            prop:value=keywords_text
                            on:input=move |ev| keywords_text.set(event_target_value(&ev))
                        >
                            {keywords_text.get_untracked()}
                        </textarea>
                    </div>
                    <PresetField lang preset common_ready/>
                    <div class="field">
                        <label for="dev-password">{td_string!(lang, common.password)}</label>
                        <input
                            id="dev-password"
                            type="text"
                            spellcheck="false"
                            autocomplete="off"
                            on:input=move |ev| password.set(event_target_value(&ev))
                        />
                    </div>
                    <div class="field">
                        <label for="dev-confirm">{td_string!(lang, common.confirm_password)}</label>
                        <input
                            id="dev-confirm"
                            type="text"
                            spellcheck="false"
                            autocomplete="off"
                            on:input=move |ev| confirmation.set(event_target_value(&ev))
                        />
                    </div>
                </div>
                <div>
                    <PasswordChecklist
                        lang=lang
                        password=password
                        confirmation=Signal::derive(move || Some(confirmation.get()))
                        account=account
                        rules=rules
                        common_ready=common_ready
                        eager=true
                    />
                </div>
            </div>
            <section class="stack bench">
                <h2>{td_string!(lang, dev_policy.benchmark)}</h2>
                <div class="field">
                    <label for="dev-runs">{td_string!(lang, dev_policy.runs)}</label>
                    <input
                        id="dev-runs"
                        type="number"
                        min="1"
                        prop:value=runs
                        on:input=move |ev| runs.set(event_target_value(&ev))
                    />
                </div>
                <button type="button" on:click=run_bench>
                    {td_string!(lang, dev_policy.run_benchmark)}
                </button>
                <p>
                    {td_string!(lang, dev_policy.mean)}
                    <output data-testid="bench-mean">
                        {move || bench_result.get().unwrap_or_else(|| "-".into())}
                    </output>
                </p>
            </section>
        </main>
    }
}

/// Mean wall time of one check in microseconds, by the browser's clock.
#[cfg(feature = "hydrate")]
fn mean_check_micros(input: &PolicyInput, runs: u32) -> f64 {
    let performance = web_sys::window().and_then(|window| window.performance());
    let now = || performance.as_ref().map_or(0.0, |p| p.now());
    let start = now();
    let mut failures = 0usize;
    for _ in 0..runs {
        failures += std::hint::black_box(policy::check(std::hint::black_box(input))).len();
    }
    std::hint::black_box(failures);
    (now() - start) * 1000.0 / f64::from(runs)
}

/// On the server the button never runs (it needs the browser); keep the
/// signature so the page compiles alike on both sides.
#[cfg(not(feature = "hydrate"))]
fn mean_check_micros(input: &PolicyInput, runs: u32) -> f64 {
    let start = std::time::Instant::now();
    for _ in 0..runs {
        std::hint::black_box(policy::check(std::hint::black_box(input)));
    }
    start.elapsed().as_secs_f64() * 1e6 / f64::from(runs)
}

/// The preset the checklist judges by, and whether the common-password
/// list has arrived.
#[component]
fn PresetField(
    lang: language::Language,
    preset: RwSignal<Preset>,
    common_ready: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for="dev-preset">{td_string!(lang, admin.preset)}</label>
            <select
                id="dev-preset"
                on:change=move |ev| {
                    preset.set(Preset::from_key(&event_target_value(&ev)).unwrap_or_default())
                }
            >
                {Preset::ALL
                    .into_iter()
                    .map(|p| view! { <option value=p.key()>{messages::preset_name(lang, p)}</option> })
                    .collect_view()}
            </select>
        </div>
        <p data-testid="common-list">
            {move || {
                if common_ready.get() {
                    let count = common_list::loaded().map_or(0, |list| list.len());
                    td_string!(lang, dev_policy.list_loaded, count = count).to_string()
                } else {
                    td_string!(lang, dev_policy.list_loading).to_string()
                }
            }}
        </p>
    }
    .into_any()
}
