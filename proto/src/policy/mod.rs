//! The password policy of docs/policy.md, version 1: one pure function, `check`,
//! that runs unchanged in the browser (WASM, on every keystroke) and on the
//! server (the authoritative check before any password is set). No I/O, no
//! clock, no randomness, no threads, so both targets give the same answer.
//!
//! - `failure`: rules, codes, character classes and the user's sentences.
//! - `fold`: the look-alike folding of rules 4 and 5.
//! - `rules`: what each rule means.
//! - `keywords`: the postmaster's weak-keyword list.
//! - `checklist`: the live pending / met / failed lines of a form.

mod checklist;
mod failure;
mod fold;
mod keywords;
mod rules;

use std::fmt;

pub use checklist::{checklist, ChecklistLine, RuleState};
pub use failure::{CharClass, PolicyFailure, Rule};
pub use fold::fold;
pub use keywords::{
    default_keywords, keyword_lines, matching_keywords, offending_chars, parse_keywords,
    shown as keyword_as_shown, KeywordError,
};
pub use rules::account_parts;

/// Rule 1, in `chars()`.
pub const MIN_LEN: usize = 8;
pub const MAX_LEN: usize = 64;
/// Rule 3: classes required out of 4.
pub const MIN_CLASSES: usize = 3;
/// "Weak keywords": each keyword's length after trimming, in `chars()`.
pub const KEYWORD_MIN_LEN: usize = 4;
pub const KEYWORD_MAX_LEN: usize = 32;
/// "Weak keywords": at most this many a domain.
pub const MAX_KEYWORDS: usize = 1000;

/// What is checked. `keywords` as the postmaster wrote them.
///
/// `Debug` is written by hand and prints `***` for the password and the
/// confirmation, so logging an input never logs a secret (docs/style.md).
#[derive(Clone, Copy)]
pub struct PolicyInput<'a> {
    pub password: &'a str,
    pub account: &'a str,
    pub keywords: &'a [String],
    pub confirmation: Option<&'a str>,
}

impl fmt::Debug for PolicyInput<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PolicyInput")
            .field("password", &"***")
            .field("account", &self.account)
            .field("keywords", &self.keywords.len())
            .field("confirmation", &self.confirmation.map(|_| "***"))
            .finish()
    }
}

/// All failures, in rule order (`Rule::ALL` order); empty means accepted.
/// Every rule is checked every time, so the user sees all problems at once
/// (docs/policy.md "Rules").
///
/// Cost: the password is folded once; each keyword is folded into one
/// reused buffer and searched with `str::contains`. The server should still
/// bound the request size: a password far beyond `MAX_LEN` fails rule 1 but
/// is searched in full by rules 4 and 5, which makes the cost grow with its
/// length times the number of keywords.
pub fn check(input: &PolicyInput) -> Vec<PolicyFailure> {
    let password = input.password;
    let char_count = password.chars().count();
    let folded = fold(password);
    [
        rules::too_short(char_count),
        rules::too_long(char_count),
        rules::invalid_chars(password),
        rules::too_few_classes(password),
        rules::contains_account(&folded, input.account),
        rules::contains_keyword(&folded, input.keywords),
        rules::mismatch(password, input.confirmation),
    ]
    .into_iter()
    .flatten()
    .collect()
}
