//! The live checklist: one line per rule, when a line waits, and server
//! failures overriding what the browser computed.

use app::policy::{checklist, PolicyFailure, PolicyInput, Rule, RuleState};

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
        common: None,
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
    assert_eq!(rules, Rule::ALL);
}

#[test]
fn an_empty_form_shows_every_line_pending() {
    assert_eq!(states("", None, false, &[]), [Pending; 7]);
    assert_eq!(states("", Some("Abc"), false, &[]), [Pending; 7]);
}

#[test]
fn the_eager_page_judges_an_empty_password_at_once() {
    assert_eq!(
        states("", None, true, &[]),
        [Failed, Met, Met, Failed, Met, Met, Pending]
    );
}

#[test]
fn a_form_keeps_mismatch_pending_until_the_second_entry_starts() {
    assert_eq!(states("Abcdefg1", None, false, &[])[6], Pending);
    assert_eq!(states("Abcdefg1", Some(""), false, &[])[6], Pending);
    assert_eq!(states("Abcdefg1", Some("A"), false, &[])[6], Failed);
    assert_eq!(states("Abcdefg1", Some("Abcdefg1"), false, &[])[6], Met);
}

#[test]
fn the_eager_page_judges_an_empty_confirmation_but_not_a_missing_one() {
    assert_eq!(states("Abcdefg1", None, true, &[])[6], Pending);
    assert_eq!(states("Abcdefg1", Some(""), true, &[])[6], Failed);
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
        common: None,
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
        states("Abcdefg1", Some(""), false, &[PolicyFailure::Mismatch])[6],
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
