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
//! - `preset`: what each preset a domain may choose asks.
//! - `common`: the common-password list of rule 7.

mod checklist;
pub mod common;
mod failure;
mod fold;
mod keywords;
mod preset;
mod rules;

use std::fmt;

pub use checklist::{checklist, ChecklistLine, RuleState};
pub use common::CommonPasswords;
pub use failure::{CharClass, PolicyFailure, Rule};
pub use fold::fold;
pub use keywords::{
    default_keywords, keyword_lines, matching_keywords, offending_chars, parse_keywords,
    shown as keyword_as_shown, KeywordError,
};
pub use preset::{Composition, Preset};
pub use rules::account_parts;

/// Rule 1, in `chars()`, under the `standard` preset (see [`Preset`]).
pub const MIN_LEN: usize = 8;
pub const MAX_LEN: usize = 64;
/// Rule 3: classes required out of 4.
pub const MIN_CLASSES: usize = 3;
/// "Weak keywords": each keyword's length after trimming, in `chars()`.
pub const KEYWORD_MIN_LEN: usize = 4;
pub const KEYWORD_MAX_LEN: usize = 32;
/// "Weak keywords": at most this many a domain.
pub const MAX_KEYWORDS: usize = 1000;
/// "Password history": at most this many remembered passwords, and the
/// number a new domain starts with.
pub const MAX_HISTORY: u32 = 24;
pub const DEFAULT_HISTORY: u32 = 5;

/// The rules a domain's passwords are judged by, as a page shows them: its
/// preset and its weak keywords (as the postmaster wrote them).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PasswordRules {
    pub preset: Preset,
    pub keywords: Vec<String>,
}

impl PasswordRules {
    /// A short text that changes whenever what the checklist judges by
    /// changes (the preset, a keyword, the common-password list): a page
    /// carries the version it was rendered with, and the server tells a
    /// refusal caused by rules that changed since (docs/policy.md "A policy
    /// that changed"). FNV-1a 64, in hex; not a secret, nothing to forge.
    pub fn version(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut feed = |bytes: &[u8]| {
            for &b in bytes {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        };
        feed(self.preset.key().as_bytes());
        feed(b"\n");
        feed(common::HASH.as_bytes());
        for keyword in &self.keywords {
            feed(b"\n");
            feed(keyword.as_bytes());
        }
        format!("{hash:016x}")
    }
}

/// What is checked. `keywords` as the postmaster wrote them; `common` is
/// the common-password list, `None` while the browser is still fetching it
/// (rule 7 is then not judged).
///
/// `Debug` is written by hand and prints `***` for the password and the
/// confirmation, so logging an input never logs a secret (docs/style.md).
#[derive(Clone, Copy)]
pub struct PolicyInput<'a> {
    pub password: &'a str,
    pub account: &'a str,
    pub keywords: &'a [String],
    pub confirmation: Option<&'a str>,
    pub preset: Preset,
    pub common: Option<&'a CommonPasswords>,
}

impl fmt::Debug for PolicyInput<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PolicyInput")
            .field("password", &"***")
            .field("account", &self.account)
            .field("keywords", &self.keywords.len())
            .field("confirmation", &self.confirmation.map(|_| "***"))
            .field("preset", &self.preset)
            .field("common", &self.common.is_some())
            .finish()
    }
}

/// All failures, in rule order (`Rule::ALL` order); empty means accepted.
/// Every rule the preset has is checked every time, so the user sees all
/// problems at once (docs/policy.md "Rules"). `reused_password` is not
/// among them: only the server can judge it, against stored hashes.
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
    let preset = input.preset;
    [
        rules::too_short(preset, char_count),
        rules::too_long(preset, char_count),
        rules::invalid_chars(preset, password),
        rules::too_few_classes(preset, password),
        rules::contains_account(&folded, input.account),
        rules::contains_keyword(&folded, input.keywords),
        rules::common_password(&folded, input.common),
        rules::mismatch(password, input.confirmation),
    ]
    .into_iter()
    .flatten()
    .collect()
}
