//! Folding for rules 4 and 5 of docs/policy.md: ASCII lowercase, then the
//! look-alike table, so `P@ssw0rd`, `PASSWORD` and `pa55word` all compare
//! equal to the same folded text. This module owns that table and nothing
//! else; the rules that use it live in `rules.rs`.

/// docs/policy.md "Folding", step 2, as a table indexed by ASCII byte. Built at
/// compile time so folding a 64-character password against 1000 keywords
/// is one lookup per byte.
const FOLD_TABLE: [u8; 128] = build_table();

const fn build_table() -> [u8; 128] {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        // Step 1: ASCII lowercase, before the look-alikes, so `I` and `L`
        // reach the `l` group through `i` and `l`.
        let lower = (b as u8).to_ascii_lowercase();
        table[b] = match lower {
            b'4' | b'@' => b'a',
            b'8' => b'b',
            b'3' => b'e',
            b'9' => b'g',
            b'0' => b'o',
            b'5' | b'$' => b's',
            b'7' | b'+' => b't',
            // One symbol for the whole group: `1` may stand for `i` or `l`,
            // and only folding both sides to the same symbol makes that
            // ambiguity safe (docs/policy.md "Folding").
            b'i' | b'l' | b'1' | b'!' | b'|' => b'l',
            other => other,
        };
        b += 1;
    }
    table
}

/// Folds one character. Non-ASCII characters are left as they are: the
/// folding of docs/policy.md only speaks of ASCII, and such characters already
/// fail rule 2.
#[inline]
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        char::from(FOLD_TABLE[c as usize])
    } else {
        c
    }
}

/// Folding of docs/policy.md (ASCII lowercase, then look-alikes), applied alike
/// to both sides of rules 4 and 5. It maps character to character, so the
/// folded text has as many `chars()` as the input, and it is idempotent:
/// every look-alike target (`a b e g o s t l`) maps to itself.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Folds one UTF-8 byte. Folding maps ASCII to ASCII and leaves every
/// other character alone, so folding byte by byte gives the same bytes as
/// folding character by character; rule 5's prefilter relies on this.
#[inline]
pub(crate) fn fold_byte(b: u8) -> u8 {
    if b.is_ascii() {
        FOLD_TABLE[usize::from(b)]
    } else {
        b
    }
}

/// [`fold`] into a reused buffer, so the keyword loop of rule 5 does not
/// allocate once per keyword.
pub(crate) fn fold_into(s: &str, out: &mut String) {
    out.clear();
    out.extend(s.chars().map(fold_char));
}
