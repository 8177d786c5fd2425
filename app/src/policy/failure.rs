//! The vocabulary of a policy result: the rules with their stable codes and
//! checklist lines, the character classes of rule 3, and `PolicyFailure`,
//! the one failed rule with the figures its message needs. The server sends
//! these to the browser, so docs/policy.md "What the user sees" (same codes, same
//! messages on both sides) is kept by having exactly one `Display` here.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{MAX_LEN, MIN_CLASSES, MIN_LEN};

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
    Mismatch,
}

impl Rule {
    /// Every rule in rule order: one checklist line each.
    pub const ALL: [Rule; 7] = [
        Rule::TooShort,
        Rule::TooLong,
        Rule::InvalidChars,
        Rule::TooFewClasses,
        Rule::ContainsAccount,
        Rule::ContainsKeyword,
        Rule::Mismatch,
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
            Rule::Mismatch => "mismatch",
        }
    }

    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|rule| rule.code() == code)
    }

    /// The checklist line a user reads before typing anything.
    pub fn requirement(self) -> &'static str {
        match self {
            Rule::TooShort => "At least 8 characters",
            Rule::TooLong => "At most 64 characters",
            Rule::InvalidChars => "Only printable ASCII (no spaces or accented letters)",
            Rule::TooFewClasses => {
                "At least 3 of: uppercase, lowercase, digits, special characters"
            }
            Rule::ContainsAccount => "Does not contain your email address or name",
            Rule::ContainsKeyword => "Does not contain a weak keyword of your domain",
            Rule::Mismatch => "Both entries match",
        }
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

    /// The plural noun a message uses ("this has only lowercase and digits").
    pub fn label(self) -> &'static str {
        match self {
            CharClass::Uppercase => "uppercase",
            CharClass::Lowercase => "lowercase",
            CharClass::Digit => "digits",
            CharClass::Special => "special characters",
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
    /// `present` in [`CharClass::ALL`] order.
    TooFewClasses {
        required: usize,
        present: Vec<CharClass>,
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
    Mismatch,
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
            PolicyFailure::Mismatch => Rule::Mismatch,
        }
    }

    pub fn code(&self) -> &'static str {
        self.rule().code()
    }
}

impl fmt::Display for PolicyFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyFailure::TooShort { min, actual } => {
                write!(f, "Use at least {min} characters (this has {actual}).")
            }
            PolicyFailure::TooLong { max, actual } => {
                write!(f, "Use at most {max} characters (this has {actual}).")
            }
            PolicyFailure::InvalidChars { shown } => write!(
                f,
                "Only printable ASCII characters are allowed; remove: {}.",
                shown.join(", ")
            ),
            PolicyFailure::TooFewClasses { required, present } => {
                write!(f, "Use at least {required} kinds of characters; ")?;
                if present.is_empty() {
                    f.write_str("this has none.")
                } else {
                    let labels: Vec<&str> = present.iter().map(|c| c.label()).collect();
                    write!(f, "this has only {}.", join_and(&labels))
                }
            }
            PolicyFailure::ContainsAccount { part } => {
                write!(f, "Must not contain your account name (\"{part}\").")
            }
            PolicyFailure::ContainsKeyword { keywords } => {
                let quoted: Vec<String> = keywords.iter().map(|k| format!("\"{k}\"")).collect();
                let noun = if keywords.len() == 1 {
                    "keyword"
                } else {
                    "keywords"
                };
                write!(
                    f,
                    "Must not contain the weak {noun} {} set by your postmaster.",
                    join_and(&quoted)
                )
            }
            PolicyFailure::Mismatch => f.write_str("The two entries do not match."),
        }
    }
}

/// "a", "a and b", "a, b and c": the list form every message uses.
pub(crate) fn join_and<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [only] => only.as_ref().to_owned(),
        [init @ .., last] => {
            let head: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", head.join(", "), last.as_ref())
        }
    }
}

// The requirement texts spell out the figures; keep them in step with the
// constants at compile time rather than by eye.
const _: () = assert!(MIN_LEN == 8 && MAX_LEN == 64 && MIN_CLASSES == 3);
