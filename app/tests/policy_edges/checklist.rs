//! The live checklist: one line per rule, when a line waits, and server
//! failures overriding what the browser computed.

use app::policy::{checklist, common, PolicyFailure, PolicyInput, Preset, Rule, RuleState};

use super::{demo_keywords, strings};

const ACCOUNT: &str = "zhang.san@example.com";

fn states(
    password: &str,
    confirmation: Option<&str>,
    eager: bool,
    server: &[PolicyFailure],
) -> Vec<RuleState> {
    let keywords = demo_keywords();
    let input = PolicyInput {
        password,
        account: ACCOUNT,
        keywords: &keywords,
        confirmation,
        preset: app::policy::Preset::Standard,
        common: Some(common::embedded()),
    };
    checklist(&input, eager, server)
        .into_iter()
        .map(|line| line.state)
        .collect()
}

use RuleState::{Failed, Met, Pending};

#[test]
fn the_checklist_has_one_line_per_rule_in_rule_order() {
    let keywords = demo_keywords();
    let input = PolicyInput {
        password: "abc",
        account: ACCOUNT,
        keywords: &keywords,
        confirmation: None,
        preset: app::policy::Preset::Standard,
        common: None,
    };
    let rules: Vec<Rule> = checklist(&input, true, &[])
        .iter()
        .map(|l| l.rule)
        .collect();
    // Every rule but reused_password, which only the server judges.
    assert_eq!(rules, Rule::ALL[..8]);
    assert_eq!(Rule::ALL[8], Rule::ReusedPassword);
}

#[test]
fn the_reused_line_appears_only_when_the_server_refused_it() {
    let server = [PolicyFailure::ReusedPassword];
    let lines = checklist(
        &input_for("Amber#Harbor42", Preset::Standard),
        false,
        &server,
    );
    let last = lines.last().unwrap();
    assert_eq!((last.rule, last.state), (Rule::ReusedPassword, Failed));
    assert_eq!(lines.len(), 9);
}

#[test]
fn nist_has_no_composition_line_and_its_length_line_says_fifteen() {
    let lines = checklist(&input_for("lanterns", Preset::Nist80063b4), false, &[]);
    assert!(lines.iter().all(|l| l.rule != Rule::TooFewClasses));
    assert_eq!(
        lines[0].failure,
        Some(PolicyFailure::TooShort { min: 15, actual: 8 })
    );
}

#[test]
fn the_common_line_is_checking_until_the_list_is_here() {
    let keywords = demo_keywords();
    let input = PolicyInput {
        password: "Abcd1234",
        account: ACCOUNT,
        keywords: &keywords,
        confirmation: None,
        preset: Preset::Standard,
        common: None,
    };
    let line = |input: &PolicyInput| {
        checklist(input, false, &[])
            .into_iter()
            .find(|l| l.rule == Rule::CommonPassword)
            .unwrap()
    };
    let waiting = line(&input);
    assert_eq!((waiting.state, waiting.checking), (Pending, true));
    let empty = line(&PolicyInput {
        password: "",
        ..input
    });
    assert_eq!((empty.state, empty.checking), (Pending, false));
    let judged = line(&PolicyInput {
        common: Some(common::embedded()),
        ..input
    });
    assert_eq!((judged.state, judged.checking), (Failed, false));
    assert_eq!(judged.failure, Some(PolicyFailure::CommonPassword));
}

fn input_for(password: &'static str, preset: Preset) -> PolicyInput<'static> {
    static KEYWORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    PolicyInput {
        password,
        account: ACCOUNT,
        keywords: KEYWORDS.get_or_init(demo_keywords),
        confirmation: None,
        preset,
        common: Some(common::embedded()),
    }
}

#[test]
fn an_empty_form_shows_every_line_pending() {
    assert_eq!(states("", None, false, &[]), [Pending; 8]);
    assert_eq!(states("", Some("Abc"), false, &[]), [Pending; 8]);
}

#[test]
fn the_eager_page_judges_an_empty_password_at_once() {
    assert_eq!(
        states("", None, true, &[]),
        [Failed, Met, Met, Failed, Met, Met, Met, Pending]
    );
}

#[test]
fn a_form_keeps_mismatch_pending_until_the_second_entry_starts() {
    assert_eq!(states("Abcdefg1", None, false, &[])[7], Pending);
    assert_eq!(states("Abcdefg1", Some(""), false, &[])[7], Pending);
    assert_eq!(states("Abcdefg1", Some("A"), false, &[])[7], Failed);
    assert_eq!(states("Abcdefg1", Some("Abcdefg1"), false, &[])[7], Met);
}

#[test]
fn the_eager_page_judges_an_empty_confirmation_but_not_a_missing_one() {
    assert_eq!(states("Abcdefg1", None, true, &[])[7], Pending);
    assert_eq!(states("Abcdefg1", Some(""), true, &[])[7], Failed);
}

#[test]
fn a_failed_line_carries_the_local_failure_and_a_met_line_none() {
    let keywords = demo_keywords();
    let input = PolicyInput {
        password: "Short1!",
        account: ACCOUNT,
        keywords: &keywords,
        confirmation: None,
        preset: app::policy::Preset::Standard,
        common: None,
    };
    let lines = checklist(&input, false, &[]);
    assert_eq!(lines[0].state, Failed);
    assert_eq!(
        lines[0].failure,
        Some(PolicyFailure::TooShort { min: 8, actual: 7 })
    );
    assert!(lines[1..6]
        .iter()
        .all(|l| l.state == Met && l.failure.is_none()));
}

#[test]
fn a_server_failure_turns_a_locally_met_line_red_with_the_servers_failure() {
    // The postmaster added "newword" after the page loaded.
    let server = [PolicyFailure::ContainsKeyword {
        keywords: strings(&["newword"]),
    }];
    let keywords = demo_keywords();
    let input = PolicyInput {
        password: "Newword#2024",
        account: ACCOUNT,
        keywords: &keywords,
        confirmation: Some("Newword#2024"),
        preset: app::policy::Preset::Standard,
        common: Some(common::embedded()),
    };
    let lines = checklist(&input, false, &server);
    assert_eq!(lines[5].state, Failed);
    assert_eq!(lines[5].failure.as_ref(), Some(&server[0]));
    assert!(lines
        .iter()
        .filter(|l| l.rule != Rule::ContainsKeyword)
        .all(|l| l.state == Met));
}

#[test]
fn a_server_failure_overrides_a_pending_line() {
    assert_eq!(
        states("Abcdefg1", Some(""), false, &[PolicyFailure::Mismatch])[7],
        Failed
    );
}

#[test]
fn rule_states_read_as_lowercase_words_in_code_and_json() {
    for (state, word) in [(Pending, "pending"), (Met, "met"), (Failed, "failed")] {
        assert_eq!(state.as_str(), word);
        assert_eq!(
            serde_json::to_string(&state).unwrap(),
            format!("\"{word}\"")
        );
    }
}
