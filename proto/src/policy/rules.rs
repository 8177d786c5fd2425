//! One function per rule of docs/policy.md, each answering `None` (met) or the
//! failure with its figures. `check` in `mod.rs` runs them all in rule
//! order; this module owns what each rule means, including how an offending
//! character is shown and which parts of an account are forbidden.

use super::common::CommonPasswords;
use super::failure::{CharClass, PolicyFailure};
use super::fold::{fold, fold_byte, fold_into};
use super::preset::{Composition, Preset};
use super::MIN_CLASSES;

/// Rule 2 names each offending character once, at most this many.
pub(crate) const MAX_SHOWN_CHARS: usize = 5;

/// Rule 4: the local part and its pieces count from this many characters
/// (`zhang.san` gives `zhang`; `san` is too short).
const ACCOUNT_PART_MIN_LEN: usize = 4;

/// Rule 1: lengths are `chars()`, never bytes or UTF-16 units, so `é` is one
/// character here even though it is two bytes in UTF-8.
pub(crate) fn too_short(preset: Preset, char_count: usize) -> Option<PolicyFailure> {
    (char_count < preset.min_len()).then_some(PolicyFailure::TooShort {
        min: preset.min_len(),
        actual: char_count,
    })
}

pub(crate) fn too_long(preset: Preset, char_count: usize) -> Option<PolicyFailure> {
    (char_count > preset.max_len()).then_some(PolicyFailure::TooLong {
        max: preset.max_len(),
        actual: char_count,
    })
}

/// Rule 2: only `!`..=`~`, because IMAP, POP and SMTP clients must be able
/// to send the password; a space too under a preset that allows it.
/// Offenders are listed in first-appearance order.
pub(crate) fn invalid_chars(preset: Preset, password: &str) -> Option<PolicyFailure> {
    let mut offenders: Vec<char> = Vec::new();
    for c in password.chars() {
        let allowed = CharClass::of(c).is_some() || (c == ' ' && preset.allows_space());
        if !allowed && !offenders.contains(&c) {
            offenders.push(c);
            if offenders.len() == MAX_SHOWN_CHARS {
                break;
            }
        }
    }
    if offenders.is_empty() {
        return None;
    }
    Some(PolicyFailure::InvalidChars {
        shown: offenders.into_iter().map(display_char).collect(),
    })
}

/// How rule 2 shows an offending character "safely": `space` by name, a
/// visible non-ASCII character next to its code point (`é (U+00E9)`), and
/// anything invisible or able to disturb the surrounding text (controls,
/// other whitespace, zero-width and bidi marks, combining marks) by code
/// point only, so a message can never hide or reorder its own text.
pub(crate) fn display_char(c: char) -> String {
    let code = c as u32;
    if c == ' ' {
        "space".to_owned()
    } else if is_safe_to_show(c) {
        format!("{c} (U+{code:04X})")
    } else {
        format!("U+{code:04X}")
    }
}

fn is_safe_to_show(c: char) -> bool {
    let code = c as u32;
    // Printable ASCII never reaches here through rule 2, but a caller of
    // `display_char` may pass one; showing it is safe.
    if ('!'..='~').contains(&c) {
        return true;
    }
    if c.is_ascii() || c.is_control() || c.is_whitespace() {
        return false;
    }
    // Without a Unicode table dependency, these ranges are the invisible or
    // text-disturbing characters a password field may plausibly receive.
    const HIDDEN: &[(u32, u32)] = &[
        (0x00AD, 0x00AD),    // soft hyphen
        (0x0300, 0x036F),    // combining diacritical marks
        (0x034F, 0x034F),    // combining grapheme joiner
        (0x061C, 0x061C),    // Arabic letter mark
        (0x115F, 0x1160),    // Hangul fillers
        (0x17B4, 0x17B5),    // Khmer invisible vowels
        (0x180B, 0x180F),    // Mongolian selectors and vowel separator
        (0x1AB0, 0x1AFF),    // combining marks extended
        (0x1DC0, 0x1DFF),    // combining marks supplement
        (0x200B, 0x200F),    // zero-width characters, LRM, RLM
        (0x202A, 0x202E),    // bidi embeddings and overrides
        (0x2060, 0x206F),    // word joiner, invisible operators, bidi isolates
        (0x20D0, 0x20FF),    // combining marks for symbols
        (0x3164, 0x3164),    // Hangul filler
        (0xE000, 0xF8FF),    // private use
        (0xFE00, 0xFE0F),    // variation selectors
        (0xFE20, 0xFE2F),    // combining half marks
        (0xFEFF, 0xFEFF),    // byte order mark
        (0xFFA0, 0xFFA0),    // halfwidth Hangul filler
        (0xFFF0, 0xFFFB),    // specials, interlinear annotation
        (0xFFFE, 0xFFFF),    // noncharacters
        (0x1D173, 0x1D17A),  // musical formatting controls
        (0xE0000, 0xE0FFF),  // tags and variation selectors supplement
        (0xF0000, 0x10FFFF), // supplementary private use
    ];
    !HIDDEN.iter().any(|&(lo, hi)| (lo..=hi).contains(&code))
}

/// Rule 3, as the preset composes it: counts only the classes present
/// among valid characters; the failure lists them in `CharClass::ALL`
/// order.
pub(crate) fn too_few_classes(preset: Preset, password: &str) -> Option<PolicyFailure> {
    let mut seen = [false; 4];
    for class in password.chars().filter_map(CharClass::of) {
        seen[class as usize] = true;
    }
    let present: Vec<CharClass> = CharClass::ALL
        .into_iter()
        .filter(|&class| seen[class as usize])
        .collect();
    let has = |class: CharClass| seen[class as usize];
    let (met, required, letter_and_digit) = match preset.composition() {
        Composition::None => return None,
        Composition::ThreeOfFour => (present.len() >= MIN_CLASSES, MIN_CLASSES, false),
        Composition::LetterAndDigit => (
            (has(CharClass::Uppercase) || has(CharClass::Lowercase)) && has(CharClass::Digit),
            2,
            true,
        ),
    };
    (!met).then_some(PolicyFailure::TooFewClasses {
        required,
        present,
        letter_and_digit,
    })
}

/// Rule 7 on an already folded password: `None` (met) when the list is
/// not at hand yet; the checklist says it is still checking then.
pub(crate) fn common_password(
    folded_password: &str,
    common: Option<&CommonPasswords>,
) -> Option<PolicyFailure> {
    common
        .is_some_and(|list| list.contains_folded(folded_password))
        .then_some(PolicyFailure::CommonPassword)
}

/// The account parts rule 4 forbids, ASCII-lowercased but not folded (the
/// failure names a part as the user knows it; `check` folds each before the
/// substring test). In order, without repeats: the full address; the local
/// part (before the last `@`, or the whole account when it has no `@`) when
/// it has 4 or more characters; every piece of the local part between `.`
/// `_` `-` `+` with 4 or more characters. Surrounding whitespace of the
/// account is ignored, and an empty account forbids nothing (an empty part
/// would be contained in every password).
pub fn account_parts(account: &str) -> Vec<String> {
    let full = account.trim().to_ascii_lowercase();
    let mut parts: Vec<String> = Vec::new();
    if full.is_empty() {
        return parts;
    }
    let local = full
        .rsplit_once('@')
        .map_or(full.as_str(), |(local, _)| local);
    let long_enough = |s: &str| s.chars().count() >= ACCOUNT_PART_MIN_LEN;
    let mut candidates = vec![full.as_str()];
    if long_enough(local) {
        candidates.push(local);
    }
    candidates.extend(
        local
            .split(['.', '_', '-', '+'])
            .filter(|piece| long_enough(piece)),
    );
    for candidate in candidates {
        if !parts.iter().any(|p| p == candidate) {
            parts.push(candidate.to_owned());
        }
    }
    parts
}

/// Rule 4 on an already folded password: the first account part whose
/// folding it contains. Folding the address too matters: `@` becomes `a`
/// and `+` becomes `t`, so `Li@example.com1` must meet `li@example.com`
/// folded, not as written.
pub(crate) fn contains_account(folded_password: &str, account: &str) -> Option<PolicyFailure> {
    account_parts(account)
        .into_iter()
        .find(|part| folded_password.contains(&fold(part)))
        .map(|part| PolicyFailure::ContainsAccount { part })
}

/// Rule 5 on an already folded password: every keyword (as written, in list
/// order, each once) whose folding the password contains. Keywords are
/// trimmed and blank ones skipped, so a stray empty entry cannot block every
/// password; a list from `parse_keywords` has neither.
///
/// With up to 1000 keywords checked on every keystroke, most keywords are
/// ruled out by `PairSet` before any folding or substring search.
pub(crate) fn matching_keywords_folded(folded_password: &str, keywords: &[String]) -> Vec<String> {
    let pairs = PairSet::of(folded_password.as_bytes());
    let mut matched: Vec<String> = Vec::new();
    let mut folded_keyword = String::new();
    for keyword in keywords {
        let keyword = keyword.trim();
        if keyword.is_empty()
            || keyword.len() > folded_password.len()
            || !pairs.may_contain(keyword.as_bytes())
        {
            continue;
        }
        fold_into(keyword, &mut folded_keyword);
        if folded_password.contains(folded_keyword.as_str())
            && !matched.iter().any(|m| m == keyword)
        {
            matched.push(keyword.to_owned());
        }
    }
    matched
}

/// The adjacent byte pairs of a folded password, as a 16384-bit set. A
/// keyword whose folding is a substring of the password has each of its
/// folded pairs in this set, so a keyword with a missing pair cannot match
/// and needs no search. Bytes are reduced to 7 bits for the index: non-ASCII
/// bytes then share slots with ASCII ones, which can only let a keyword
/// through to the exact search, never rule one out wrongly.
struct PairSet {
    bits: [u64; 256],
}

impl PairSet {
    fn index(a: u8, b: u8) -> usize {
        (usize::from(a & 0x7F) << 7) | usize::from(b & 0x7F)
    }

    fn of(folded: &[u8]) -> Self {
        let mut bits = [0u64; 256];
        for pair in folded.windows(2) {
            let i = Self::index(pair[0], pair[1]);
            bits[i / 64] |= 1 << (i % 64);
        }
        PairSet { bits }
    }

    /// `raw` is an unfolded keyword; its bytes are folded here one at a time
    /// so a rejected keyword costs no allocation.
    fn may_contain(&self, raw: &[u8]) -> bool {
        raw.windows(2).all(|pair| {
            let i = Self::index(fold_byte(pair[0]), fold_byte(pair[1]));
            self.bits[i / 64] & (1 << (i % 64)) != 0
        })
    }
}

pub(crate) fn contains_keyword(
    folded_password: &str,
    keywords: &[String],
) -> Option<PolicyFailure> {
    let keywords = matching_keywords_folded(folded_password, keywords);
    (!keywords.is_empty()).then_some(PolicyFailure::ContainsKeyword { keywords })
}

/// Rule 6: exact equality, no folding and no trimming: the confirmation is
/// there to catch a typo, and any difference is one.
pub(crate) fn mismatch(password: &str, confirmation: Option<&str>) -> Option<PolicyFailure> {
    confirmation
        .is_some_and(|c| c != password)
        .then_some(PolicyFailure::Mismatch)
}
