//! Text that people type and others read: a name in a list, a question on
//! a recovery page. Control characters garble what shows it, and Unicode's
//! bidirectional controls can make it read as something else (a name that
//! displays reversed, a question whose words run the other way: the
//! "Trojan Source" trick, CVE-2021-42574).

/// True when `text` holds a control character (tabs, line breaks, C0/C1)
/// or a bidirectional formatting character (embeddings and overrides
/// U+202A..U+202E, isolates U+2066..U+2069, the marks U+200E, U+200F and
/// U+061C).
pub fn has_hidden_controls(text: &str) -> bool {
    text.chars().any(|c| {
        c.is_control()
            || matches!(
                c,
                '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
            )
    })
}

#[cfg(test)]
mod tests {
    use super::has_hidden_controls;

    #[test]
    fn control_and_direction_characters_are_found() {
        for bad in [
            "tab\there",
            "line\nbreak",
            "evil\u{202E}txt.exe",
            "\u{2066}isolated\u{2069}",
            "mark\u{200F}",
            "\u{0085}next line",
        ] {
            assert!(has_hidden_controls(bad), "{bad:?}");
        }
        for good in [
            "Zhang San",
            "张三",
            "What city were you born in?",
            "O'Brien-Smith",
        ] {
            assert!(!has_hidden_controls(good), "{good:?}");
        }
    }
}
