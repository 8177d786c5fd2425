//! The live password checklist: one line per policy rule, judged in the
//! browser on every keystroke by the same `policy::checklist` the server
//! trusts, so what the user sees is what the server will decide.

use leptos::prelude::*;

use crate::i18n::td_string;
use crate::language::Language;
use crate::messages;
use crate::policy::{self, PasswordRules, PolicyFailure, PolicyInput, RuleState};

#[component]
pub fn PasswordChecklist(
    /// The language the lines are written in.
    lang: Language,
    /// The password as typed.
    #[prop(into)]
    password: Signal<String>,
    /// The second entry; `None` when the form has no confirmation field.
    #[prop(into)]
    confirmation: Signal<Option<String>>,
    /// The address the password is for (rule 4).
    #[prop(into)]
    account: Signal<String>,
    /// The domain's preset and weak keywords (as its postmaster wrote them).
    #[prop(into)]
    rules: Signal<PasswordRules>,
    /// Whether the common-password list has arrived (rule 7 is checking
    /// until then).
    #[prop(optional, into)]
    common_ready: Signal<bool>,
    /// Judge every rule at once, even before anything is typed.
    #[prop(optional)]
    eager: bool,
    /// What the server refused last time: those lines stay red even if the
    /// browser's copy of the keywords was out of date.
    #[prop(optional, into)]
    server_failures: Signal<Vec<PolicyFailure>>,
) -> impl IntoView {
    let lines = move || {
        let password = password.get();
        let confirmation = confirmation.get();
        let account = account.get();
        let rules = rules.get();
        let server_failures = server_failures.get();
        let common = if common_ready.get() {
            crate::components::common_list::loaded()
        } else {
            None
        };
        let input = PolicyInput {
            password: &password,
            account: &account,
            keywords: &rules.keywords,
            confirmation: confirmation.as_deref(),
            preset: rules.preset,
            common,
        };
        policy::checklist(&input, eager, &server_failures)
    };

    let preset = move || rules.with(|rules| rules.preset);
    view! {
        <ul class="checklist" aria-live="polite" aria-label=td_string!(lang, checklist.label)>
            {move || {
                lines()
                    .into_iter()
                    .map(|line| {
                        let state = line.state;
                        let (mark, spoken) = match state {
                            RuleState::Pending => ("○", td_string!(lang, checklist.pending)),
                            RuleState::Met => ("✓", td_string!(lang, checklist.met)),
                            RuleState::Failed => ("✗", td_string!(lang, checklist.failed)),
                        };
                        let detail = line.failure.map(|failure| messages::failure(lang, &failure));
                        let checking = line
                            .checking
                            .then(|| view! { <span class="checking">{format!(" ({})", messages::checking(lang))}</span> });
                        view! {
                            <li
                                data-rule=line.rule.code()
                                data-state=state.as_str()
                                class=format!("rule {}", state.as_str())
                            >
                                <span class="mark" aria-hidden="true">{mark}</span>
                                <span class="requirement">{messages::requirement(lang, line.rule, preset())}</span>
                                {checking}
                                <span class="visually-hidden">{format!(" ({spoken})")}</span>
                                {detail.map(|text| view! { <span class="detail">{text}</span> })}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}
