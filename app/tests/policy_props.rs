//! Properties of the policy over generated inputs: it never panics (long,
//! arbitrary Unicode, lossy-decoded bytes), results are in rule order with
//! no repeated code, folding is idempotent and applied alike to both sides
//! of rules 4 and 5, and the figures agree with the input.

use std::collections::BTreeMap;

use app::policy::{
    account_parts, check, checklist, fold, matching_keywords, parse_keywords, PolicyFailure,
    PolicyInput, Rule, RuleState, KEYWORD_MAX_LEN, KEYWORD_MIN_LEN, MAX_KEYWORDS, MAX_LEN, MIN_LEN,
};
use proptest::prelude::*;
use proptest::sample::Index;

/// Any text a browser or an attacker might send: short printable ASCII,
/// text full of look-alikes, arbitrary Unicode, long strings up to 10k
/// characters, and whatever `from_utf8_lossy` makes of random bytes.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[!-~]{0,80}",
        "[aAiIlL1!|sS5$oO0tT7+@4. _-]{0,40}",
        any::<String>(),
        proptest::collection::vec(any::<char>(), 0..10_000).prop_map(String::from_iter),
        proptest::collection::vec(any::<u8>(), 0..10_000)
            .prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
    ]
}

fn keyword_list() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(prop_oneof!["[!-~]{0,12}", any::<String>()], 0..12)
}

/// A small alphabet dense in look-alikes (and a few multi-byte characters,
/// which folding leaves alone), so keyword hits are common.
fn lookalike_text(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("[aAiIlL1!|sS5$tT7+é中😀]{{0,{max}}}")).unwrap()
}

/// Printable ASCII grouped by what it folds to: any member of a group may
/// stand for any other in a password.
fn fold_groups() -> BTreeMap<String, Vec<char>> {
    let mut groups: BTreeMap<String, Vec<char>> = BTreeMap::new();
    for c in '!'..='~' {
        groups.entry(fold(&c.to_string())).or_default().push(c);
    }
    groups
}

/// `text` with every character replaced by a random look-alike of it.
fn disguised(text: &str, picks: &[Index]) -> String {
    let groups = fold_groups();
    text.chars()
        .zip(picks)
        .map(|(c, pick)| match groups.get(&fold(&c.to_string())) {
            Some(group) => *pick.get(group),
            None => c,
        })
        .collect()
}

fn input<'a>(
    password: &'a str,
    account: &'a str,
    keywords: &'a [String],
    confirmation: Option<&'a str>,
) -> PolicyInput<'a> {
    PolicyInput {
        password,
        account,
        keywords,
        confirmation,
        preset: app::policy::Preset::Standard,
        common: Some(app::policy::common::embedded()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn failures_are_in_rule_order_without_repeats_for_any_input(
        password in any_text(),
        account in any_text(),
        keywords in keyword_list(),
        confirmation in proptest::option::of(any_text()),
    ) {
        let found = check(&input(&password, &account, &keywords, confirmation.as_deref()));
        let rules: Vec<Rule> = found.iter().map(PolicyFailure::rule).collect();
        prop_assert!(rules.windows(2).all(|w| w[0] < w[1]), "{:?}", rules);
        for failure in &found {
            prop_assert_eq!(Rule::from_code(failure.code()), Some(failure.rule()));
            prop_assert!(!app::messages::failure(app::language::Language::en, failure).is_empty());
        }
    }

    #[test]
    fn the_length_figures_count_chars_and_decide_rule_one(password in any_text()) {
        let count = password.chars().count();
        let found = check(&input(&password, "", &[], None));
        let short = found.iter().find(|f| f.rule() == Rule::TooShort);
        let long = found.iter().find(|f| f.rule() == Rule::TooLong);
        prop_assert_eq!(
            short.cloned(),
            (count < MIN_LEN).then_some(PolicyFailure::TooShort { min: MIN_LEN, actual: count })
        );
        prop_assert_eq!(
            long.cloned(),
            (count > MAX_LEN).then_some(PolicyFailure::TooLong { max: MAX_LEN, actual: count })
        );
    }

    #[test]
    fn a_password_shorter_than_eight_chars_is_always_too_short(
        password in prop_oneof!["\\PC{0,7}", "[!-~]{0,7}", "[😀é\\t ]{0,7}"],
    ) {
        prop_assume!(password.chars().count() < MIN_LEN);
        let found = check(&input(&password, "a@b.c", &[], None));
        prop_assert_eq!(found.first().map(PolicyFailure::rule), Some(Rule::TooShort));
    }

    #[test]
    fn invalid_chars_fire_exactly_when_a_char_is_outside_printable_ascii(
        password in any_text(),
    ) {
        let found = check(&input(&password, "", &[], None));
        let shown = found.iter().find_map(|f| match f {
            PolicyFailure::InvalidChars { shown } => Some(shown.clone()),
            _ => None,
        });
        let offenders = password.chars().any(|c| !('!'..='~').contains(&c));
        prop_assert_eq!(shown.is_some(), offenders);
        if let Some(shown) = shown {
            prop_assert!(!shown.is_empty() && shown.len() <= 5);
            let mut unique = shown.clone();
            unique.sort();
            unique.dedup();
            prop_assert_eq!(unique.len(), shown.len(), "repeated: {:?}", shown);
        }
    }

    #[test]
    fn folding_is_idempotent_and_keeps_the_char_count(text in any_text()) {
        let once = fold(&text);
        prop_assert_eq!(fold(&once), once.clone());
        prop_assert_eq!(once.chars().count(), text.chars().count());
    }

    #[test]
    fn a_keyword_fires_exactly_when_its_folding_is_in_the_folded_password(
        password in lookalike_text(24),
        keywords in proptest::collection::vec(lookalike_text(5), 0..6),
    ) {
        let folded = fold(&password);
        let mut expected: Vec<String> = Vec::new();
        for keyword in keywords.iter().map(|k| k.trim()) {
            if !keyword.is_empty()
                && folded.contains(&fold(keyword))
                && !expected.iter().any(|e| e == keyword)
            {
                expected.push(keyword.to_owned());
            }
        }
        prop_assert_eq!(matching_keywords(&password, &keywords), expected.clone());
        let from_check = check(&input(&password, "", &keywords, None))
            .into_iter()
            .find_map(|f| match f {
                PolicyFailure::ContainsKeyword { keywords } => Some(keywords),
                _ => None,
            })
            .unwrap_or_default();
        prop_assert_eq!(from_check, expected);
    }

    #[test]
    fn a_keyword_disguised_with_look_alikes_is_still_found(
        (keyword, picks) in "[!-~]{4,32}".prop_flat_map(|k| {
            let n = k.len();
            (Just(k), proptest::collection::vec(any::<Index>(), n))
        }),
        prefix in "[!-~]{0,10}",
        suffix in "[!-~]{0,10}",
    ) {
        let password = format!("{prefix}{}{suffix}", disguised(&keyword, &picks));
        let keywords = vec![keyword.clone()];
        prop_assert!(matching_keywords(&password, &keywords).contains(&keyword));
    }

    #[test]
    fn a_password_containing_an_account_part_in_any_case_or_disguise_fails_rule_four(
        account in "[a-z0-9]{1,8}([._+-][a-z0-9]{1,8}){0,3}@[a-z]{1,8}\\.[a-z]{2,3}",
        pick in any::<Index>(),
        picks in proptest::collection::vec(any::<Index>(), 64),
        prefix in "[!-~]{0,6}",
    ) {
        let parts = account_parts(&account);
        prop_assert_eq!(&parts[0], &account);
        let part = pick.get(&parts);
        let password = format!("{prefix}{}", disguised(part, &picks));
        let found = check(&input(&password, &account, &[], None));
        prop_assert!(found.iter().any(|f| f.rule() == Rule::ContainsAccount), "{:?}", found);
    }

    #[test]
    fn account_parts_are_lowercase_distinct_and_long_enough(account in any_text()) {
        let parts = account_parts(&account);
        for (i, part) in parts.iter().enumerate() {
            prop_assert_eq!(part.to_ascii_lowercase(), part.clone());
            prop_assert!(!part.is_empty());
            prop_assert!(i == 0 || part.chars().count() >= 4, "{:?}", part);
            prop_assert!(!parts[..i].contains(part));
        }
    }

    #[test]
    fn a_confirmation_equal_to_the_password_changes_nothing(
        password in any_text(),
        keywords in keyword_list(),
    ) {
        let without = check(&input(&password, "x.y@z.io", &keywords, None));
        let with = check(&input(&password, "x.y@z.io", &keywords, Some(&password)));
        prop_assert_eq!(with, without);
    }

    #[test]
    fn mismatch_fires_exactly_when_the_confirmation_differs(
        password in any_text(),
        confirmation in any_text(),
    ) {
        let found = check(&input(&password, "", &[], Some(&confirmation)));
        prop_assert_eq!(found.contains(&PolicyFailure::Mismatch), password != confirmation);
    }

    #[test]
    fn the_checklist_has_a_line_per_standard_rule_and_failed_lines_carry_their_failure(
        password in any_text(),
        confirmation in proptest::option::of(any_text()),
        eager in any::<bool>(),
    ) {
        let keywords = vec!["example".to_owned(), "p@ss".to_owned()];
        let given = input(&password, "zhang.san@example.com", &keywords, confirmation.as_deref());
        let lines = checklist(&given, eager, &[]);
        let found = check(&given);
        prop_assert_eq!(lines.iter().map(|l| l.rule).collect::<Vec<_>>(), Rule::ALL[..8].to_vec());
        for line in &lines {
            prop_assert_eq!(line.state == RuleState::Failed, line.failure.is_some());
            if let Some(failure) = &line.failure {
                prop_assert!(found.contains(failure));
            }
            if line.state == RuleState::Met {
                prop_assert!(found.iter().all(|f| f.rule() != line.rule));
            }
        }
    }

    #[test]
    fn a_parsed_keyword_list_is_valid_and_parses_again_to_itself(
        lines in prop_oneof![
            proptest::collection::vec("[!-~ ]{0,36}", 0..40).prop_map(|l| l.join("\n")),
            any_text(),
        ],
    ) {
        if let Ok(list) = parse_keywords(&lines) {
            prop_assert!(list.len() <= MAX_KEYWORDS);
            for keyword in &list {
                let n = keyword.chars().count();
                prop_assert!((KEYWORD_MIN_LEN..=KEYWORD_MAX_LEN).contains(&n));
                prop_assert!(keyword.chars().all(|c| ('!'..='~').contains(&c)));
            }
            let mut folded: Vec<String> = list.iter().map(|k| fold(k)).collect();
            folded.sort();
            folded.dedup();
            prop_assert_eq!(folded.len(), list.len());
            prop_assert_eq!(parse_keywords(&list.join("\n")), Ok(list.clone()));
        }
    }
}
