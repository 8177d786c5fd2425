//! The shared test vectors of docs/policy.md "Test vectors": every line of
//! `tests/data/policy-vectors.jsonl` (the one copy of the vectors, which
//! the server's CLI test and the browser parity test read too) must give
//! exactly its `expected` codes.

use app::policy::{check, PolicyInput, Rule};
use serde::Deserialize;

const VECTORS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/policy-vectors.jsonl"
));

/// The vectors are a floor: fewer than this means the file was cut short.
const MIN_CASES: usize = 40;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    password: String,
    account: String,
    keywords: Vec<String>,
    #[serde(default)]
    confirmation: Option<String>,
    /// A preset key; `standard` when absent.
    #[serde(default)]
    preset: Option<String>,
    expected: Vec<String>,
}

fn cases() -> Vec<(usize, Case)> {
    VECTORS
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            let case: Case = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("line {}: not a case: {e}\n{line}", index + 1));
            (index + 1, case)
        })
        .collect()
}

#[test]
fn every_vector_gives_exactly_its_expected_codes() {
    let mut wrong = Vec::new();
    for (line, case) in cases() {
        let input = PolicyInput {
            password: &case.password,
            account: &case.account,
            keywords: &case.keywords,
            confirmation: case.confirmation.as_deref(),
            preset: case
                .preset
                .as_deref()
                .map(|key| {
                    app::policy::Preset::from_key(key)
                        .unwrap_or_else(|| panic!("line {line}: unknown preset {key}"))
                })
                .unwrap_or_default(),
            common: Some(app::policy::common::embedded()),
        };
        let codes: Vec<&str> = check(&input).iter().map(|f| f.code()).collect();
        if codes != case.expected {
            wrong.push(format!(
                "line {line}: got {codes:?}, expected {:?} for {case:?}",
                case.expected
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} vector(s) failed:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_vector_file_has_at_least_forty_cases() {
    let count = cases().len();
    assert!(count >= MIN_CASES, "only {count} cases in the vector file");
}

#[test]
fn every_expected_code_in_the_vectors_is_a_known_rule_in_rule_order() {
    for (line, case) in cases() {
        let rules: Vec<Rule> = case
            .expected
            .iter()
            .map(|code| {
                Rule::from_code(code).unwrap_or_else(|| panic!("line {line}: unknown code {code}"))
            })
            .collect();
        assert!(
            rules.windows(2).all(|w| w[0] < w[1]),
            "line {line}: expected codes not in rule order: {:?}",
            case.expected
        );
    }
}
