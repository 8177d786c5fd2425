//! The vocabulary of a policy result: the rules with their stable codes,
//! the character classes of rule 3, and `PolicyFailure`, the one failed
//! rule with the figures its message needs. The server sends these to the
//! browser, so docs/policy.md "What the user sees" (same codes, same
//! messages on both sides) holds by construction: the sentences are made
//! from codes and figures in one place, `crate::messages`, from `locales/`.

use serde::{Deserialize, Serialize};

/// One line of the docs/policy.md rules table. The declaration order is the rule
/// order results are listed in, so the derived `Ord` sorts failures right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    TooShort,
    TooLong,
    InvalidChars,
    TooFewClasses,
    ContainsAccount,
    ContainsKeyword,
    CommonPassword,
    Mismatch,
    ReusedPassword,
}

impl Rule {
    /// Every rule in rule order: one checklist line each.
    pub const ALL: [Rule; 9] = [
        Rule::TooShort,
        Rule::TooLong,
        Rule::InvalidChars,
        Rule::TooFewClasses,
        Rule::ContainsAccount,
        Rule::ContainsKeyword,
        Rule::CommonPassword,
        Rule::Mismatch,
        Rule::ReusedPassword,
    ];

    /// The stable code of docs/policy.md, the same string serde writes.
    pub fn code(self) -> &'static str {
        match self {
            Rule::TooShort => "too_short",
            Rule::TooLong => "too_long",
            Rule::InvalidChars => "invalid_chars",
            Rule::TooFewClasses => "too_few_classes",
            Rule::ContainsAccount => "contains_account",
            Rule::ContainsKeyword => "contains_keyword",
            Rule::CommonPassword => "common_password",
            Rule::Mismatch => "mismatch",
            Rule::ReusedPassword => "reused_password",
        }
    }

    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|rule| rule.code() == code)
    }
}

/// The four classes of rule 3. Characters refused by rule 2 have none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CharClass {
    Uppercase,
    Lowercase,
    Digit,
    Special,
}

impl CharClass {
    /// In the order messages list them.
    pub const ALL: [CharClass; 4] = [
        CharClass::Uppercase,
        CharClass::Lowercase,
        CharClass::Digit,
        CharClass::Special,
    ];

    /// The class of a character, or `None` outside `!`..=`~` (rule 3:
    /// "characters rejected by rule 2 belong to no class").
    pub fn of(c: char) -> Option<CharClass> {
        match c {
            'A'..='Z' => Some(CharClass::Uppercase),
            'a'..='z' => Some(CharClass::Lowercase),
            '0'..='9' => Some(CharClass::Digit),
            '!'..='~' => Some(CharClass::Special),
            _ => None,
        }
    }
}

/// One failed rule with the figures its message needs. It travels from the
/// server to the browser, so it never carries the password: `InvalidChars`
/// shows at most 5 offending characters (allowed by docs/policy.md rule 2),
/// `ContainsAccount` names the account part, `ContainsKeyword` the keywords.
///
/// Serialized with the rule code as tag, e.g.
/// `{"code":"too_short","min":8,"actual":5}`, so the code stays the one
/// stable name whatever figures a variant grows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum PolicyFailure {
    TooShort {
        min: usize,
        actual: usize,
    },
    TooLong {
        max: usize,
        actual: usize,
    },
    /// Display forms: `space`, `U+0009`, `é (U+00E9)`.
    InvalidChars {
        shown: Vec<String>,
    },
    /// `present` in [`CharClass::ALL`] order. `letter_and_digit` is the
    /// `pci-dss-4` composition (one letter and one digit, `required` 2);
    /// absent from the JSON otherwise.
    TooFewClasses {
        required: usize,
        present: Vec<CharClass>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        letter_and_digit: bool,
    },
    /// The first matching account part as written in the account,
    /// lowercased (not folded), e.g. `zhang`.
    ContainsAccount {
        part: String,
    },
    /// Every matching keyword as the postmaster wrote it, in list order.
    ContainsKeyword {
        keywords: Vec<String>,
    },
    /// On the common-password list after folding.
    CommonPassword,
    Mismatch,
    /// Equal to one of the account's remembered passwords (the server
    /// alone judges this, against their hashes).
    ReusedPassword,
}

impl PolicyFailure {
    pub fn rule(&self) -> Rule {
        match self {
            PolicyFailure::TooShort { .. } => Rule::TooShort,
            PolicyFailure::TooLong { .. } => Rule::TooLong,
            PolicyFailure::InvalidChars { .. } => Rule::InvalidChars,
            PolicyFailure::TooFewClasses { .. } => Rule::TooFewClasses,
            PolicyFailure::ContainsAccount { .. } => Rule::ContainsAccount,
            PolicyFailure::ContainsKeyword { .. } => Rule::ContainsKeyword,
            PolicyFailure::CommonPassword => Rule::CommonPassword,
            PolicyFailure::Mismatch => Rule::Mismatch,
            PolicyFailure::ReusedPassword => Rule::ReusedPassword,
        }
    }

    pub fn code(&self) -> &'static str {
        self.rule().code()
    }
}
