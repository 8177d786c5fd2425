//! The weak-keyword list a postmaster keeps (docs/policy.md "Weak keywords"):
//! parsing what they typed into a clean list or every problem in it, the
//! default list of a new domain, and the postmaster's "which keywords block
//! this password?" checker. Matching itself is rule 5, in `rules.rs`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::fold::fold;
use super::rules::{display_char, matching_keywords_folded};
use super::{KEYWORD_MAX_LEN, KEYWORD_MIN_LEN, MAX_KEYWORDS};

/// One problem in a keyword list. Keywords are named as written (trimmed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum KeywordError {
    TooShort {
        keyword: String,
    },
    TooLong {
        keyword: String,
    },
    InvalidChars {
        keyword: String,
    },
    TooMany {
        count: usize,
        max: usize,
    },
    /// `second` folds to the same text as `first`, which came earlier.
    Duplicate {
        first: String,
        second: String,
    },
}

/// Printable ASCII, `!` (0x21) to `~` (0x7E): the same alphabet as
/// passwords (rule 2), since a keyword outside it could never match.
fn is_keyword_char(c: char) -> bool {
    ('!'..='~').contains(&c)
}

/// The characters of a keyword outside printable ASCII, each once, in their
/// safe form, in the order they first occur.
pub fn offending_chars(keyword: &str) -> Vec<String> {
    let mut offenders: Vec<String> = Vec::new();
    for c in keyword.chars().filter(|c| !is_keyword_char(*c)) {
        let form = display_char(c);
        if !offenders.contains(&form) {
            offenders.push(form);
        }
    }
    offenders
}

/// A keyword inside a message, with any character outside printable ASCII
/// replaced by its safe form in brackets, so a control or bidi character
/// pasted into the list cannot garble the sentence that reports it.
pub fn shown(keyword: &str) -> String {
    let mut out = String::with_capacity(keyword.len());
    for c in keyword.chars() {
        if is_keyword_char(c) {
            out.push(c);
        } else {
            out.push('[');
            out.push_str(&display_char(c));
            out.push(']');
        }
    }
    out
}

/// The keywords of a list typed one a line: each line trimmed, blank
/// lines dropped. The one way a keyword list is split, wherever it is read
/// (the form, the stored list, the policy workbench, the policy check).
pub fn keyword_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Parses the list a postmaster typed, one keyword a line: each line is
/// trimmed and blank lines are dropped; each keyword must have 4 to 32
/// characters, all printable ASCII; at most 1000 keywords; two keywords that
/// fold alike are a duplicate naming both as written. Returns the cleaned
/// list in the order given, or every problem found: `TooMany` first, then
/// each line's problems in line order. Duplicates are looked for only among
/// keywords that are otherwise valid, so one bad line gives one message.
pub fn parse_keywords(lines: &str) -> Result<Vec<String>, Vec<KeywordError>> {
    let entries = keyword_lines(lines);
    let mut errors: Vec<KeywordError> = Vec::new();
    if entries.len() > MAX_KEYWORDS {
        errors.push(KeywordError::TooMany {
            count: entries.len(),
            max: MAX_KEYWORDS,
        });
    }
    // Folded keyword -> the first keyword (as written) that folds to it.
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    let mut cleaned: Vec<String> = Vec::with_capacity(entries.len());
    for keyword in entries.iter().map(String::as_str) {
        let before = errors.len();
        let len = keyword.chars().count();
        if len < KEYWORD_MIN_LEN {
            errors.push(KeywordError::TooShort {
                keyword: keyword.to_owned(),
            });
        } else if len > KEYWORD_MAX_LEN {
            errors.push(KeywordError::TooLong {
                keyword: keyword.to_owned(),
            });
        }
        if !keyword.chars().all(is_keyword_char) {
            errors.push(KeywordError::InvalidChars {
                keyword: keyword.to_owned(),
            });
        }
        if errors.len() > before {
            continue;
        }
        match seen.get(fold(keyword).as_str()) {
            Some(first) => errors.push(KeywordError::Duplicate {
                first: (*first).to_owned(),
                second: keyword.to_owned(),
            }),
            None => {
                seen.insert(fold(keyword), keyword);
                cleaned.push(keyword.to_owned());
            }
        }
    }
    if errors.is_empty() {
        Ok(cleaned)
    } else {
        Err(errors)
    }
}

/// Common weak words every new domain starts with (docs/policy.md names the
/// first five); none folds like another, which a test checks.
const COMMON_WEAK_WORDS: [&str; 8] = [
    "password", "qwerty", "123456", "admin", "welcome", "letmein", "12345678", "iloveyou",
];

/// Default list for a new domain: its first label (`example` for
/// `example.com`), lowercased, when it is a valid keyword that does not fold
/// like a common word, then the common weak words. An address is accepted
/// too: only what follows its last `@` is the domain.
pub fn default_keywords(domain: &str) -> Vec<String> {
    let domain = domain.trim();
    let domain = domain.rsplit_once('@').map_or(domain, |(_, d)| d);
    let label = domain
        .split('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mut list: Vec<String> = Vec::with_capacity(COMMON_WEAK_WORDS.len() + 1);
    let label_len = label.chars().count();
    let label_is_valid = (KEYWORD_MIN_LEN..=KEYWORD_MAX_LEN).contains(&label_len)
        && label.chars().all(is_keyword_char);
    let folded_label = fold(&label);
    if label_is_valid && !COMMON_WEAK_WORDS.iter().any(|w| fold(w) == folded_label) {
        list.push(label);
    }
    list.extend(COMMON_WEAK_WORDS.iter().map(|w| (*w).to_owned()));
    list
}

/// Which of `keywords` (as written) block this password after folding, for
/// the postmaster's checker. The same matching as rule 5 of `check`.
pub fn matching_keywords(password: &str, keywords: &[String]) -> Vec<String> {
    matching_keywords_folded(&fold(password), keywords)
}
