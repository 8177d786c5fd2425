//! Edge cases of docs/policy.md beyond the shared vectors, one test per edge,
//! grouped by what they exercise. The helpers build inputs so each test
//! reads as the case it pins down. The groups live in `policy_edges/` and
//! are compiled into this one test binary (hence the `#[path]`s).

#[path = "policy_edges/account.rs"]
mod account;
#[path = "policy_edges/characters.rs"]
mod characters;
#[path = "policy_edges/checklist.rs"]
mod checklist;
#[path = "policy_edges/keyword_list.rs"]
mod keyword_list;
#[path = "policy_edges/keywords.rs"]
mod keywords;
#[path = "policy_edges/messages.rs"]
mod messages;

use app::policy::{check, PolicyFailure, PolicyInput};

/// The demo domain's keywords (docs/product.md).
pub fn demo_keywords() -> Vec<String> {
    ["example", "alibaba", "password", "123456", "qwerty"]
        .map(String::from)
        .to_vec()
}

pub fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// `check` with no confirmation.
pub fn failures(password: &str, account: &str, keywords: &[String]) -> Vec<PolicyFailure> {
    check(&PolicyInput {
        password,
        account,
        keywords,
        confirmation: None,
        preset: app::policy::Preset::Standard,
        common: None,
    })
}

pub fn codes(password: &str, account: &str, keywords: &[String]) -> Vec<&'static str> {
    failures(password, account, keywords)
        .iter()
        .map(PolicyFailure::code)
        .collect()
}

/// The one failure of the given code, or a panic naming what was found.
pub fn failure_with_code(failures: &[PolicyFailure], code: &str) -> PolicyFailure {
    failures
        .iter()
        .find(|f| f.code() == code)
        .cloned()
        .unwrap_or_else(|| panic!("no {code} among {failures:?}"))
}
