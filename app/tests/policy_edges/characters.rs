//! Rules 1, 2, 3 and 6: length in `chars()`, the printable-ASCII alphabet
//! and how offenders are shown, the character classes, the confirmation.

use app::policy::{check, CharClass, PolicyFailure, PolicyInput, MAX_LEN, MIN_LEN};

use super::{codes, failure_with_code, failures};

const ACCOUNT: &str = "zhang.san@example.com";

#[test]
fn sixty_four_two_byte_characters_are_not_too_long_but_are_invalid() {
    let password = "é".repeat(MAX_LEN);
    assert_eq!(
        password.len(),
        2 * MAX_LEN,
        "the test needs multi-byte chars"
    );
    assert_eq!(
        codes(&password, ACCOUNT, &[]),
        ["invalid_chars", "too_few_classes"]
    );
}

#[test]
fn sixty_five_two_byte_characters_are_too_long_counting_characters() {
    let found = failures(&"é".repeat(MAX_LEN + 1), ACCOUNT, &[]);
    assert_eq!(
        failure_with_code(&found, "too_long"),
        PolicyFailure::TooLong {
            max: 64,
            actual: 65
        }
    );
}

#[test]
fn seven_four_byte_emoji_are_too_short_although_they_are_28_bytes() {
    let found = failures(&"😀".repeat(MIN_LEN - 1), ACCOUNT, &[]);
    assert_eq!(
        failure_with_code(&found, "too_short"),
        PolicyFailure::TooShort { min: 8, actual: 7 }
    );
}

#[test]
fn a_combining_accent_counts_as_its_own_character() {
    // "e" + U+0301 is one glyph but two scalar values, so this is 8 long.
    let password = "Abcde1e\u{301}";
    assert_eq!(password.chars().count(), MIN_LEN);
    assert_eq!(codes(password, ACCOUNT, &[]), ["invalid_chars"]);
}

#[test]
fn exactly_eight_and_exactly_sixty_four_characters_are_accepted() {
    assert_eq!(codes("Abcdef1!", ACCOUNT, &[]), Vec::<&str>::new());
    let long = format!("Aa1!{}", "x".repeat(60));
    assert_eq!(long.chars().count(), 64);
    assert_eq!(codes(&long, ACCOUNT, &[]), Vec::<&str>::new());
}

#[test]
fn invalid_chars_name_each_offender_once_in_first_appearance_order() {
    let found = failures("Ab1 é\tx é \t", ACCOUNT, &[]);
    assert_eq!(
        failure_with_code(&found, "invalid_chars"),
        PolicyFailure::InvalidChars {
            shown: vec!["space".into(), "é (U+00E9)".into(), "U+0009".into()]
        }
    );
}

#[test]
fn invalid_chars_show_at_most_five_offenders() {
    let found = failures("\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}Aa1!", ACCOUNT, &[]);
    let shown = match failure_with_code(&found, "invalid_chars") {
        PolicyFailure::InvalidChars { shown } => shown,
        other => panic!("{other:?}"),
    };
    assert_eq!(shown, ["U+0001", "U+0002", "U+0003", "U+0004", "U+0005"]);
}

#[test]
fn delete_and_newline_are_invalid_and_shown_by_code_point() {
    let found = failures("Abcdef1!\u{7f}\n", ACCOUNT, &[]);
    assert_eq!(
        failure_with_code(&found, "invalid_chars"),
        PolicyFailure::InvalidChars {
            shown: vec!["U+007F".into(), "U+000A".into()]
        }
    );
}

#[test]
fn invisible_and_bidi_characters_are_shown_by_code_point_only() {
    // Showing U+202E itself would reverse the rest of the message.
    let found = failures(
        "Abcdef1!\u{202e}\u{200b}\u{a0}\u{301}\u{feff}",
        ACCOUNT,
        &[],
    );
    assert_eq!(
        failure_with_code(&found, "invalid_chars"),
        PolicyFailure::InvalidChars {
            shown: vec![
                "U+202E".into(),
                "U+200B".into(),
                "U+00A0".into(),
                "U+0301".into(),
                "U+FEFF".into()
            ]
        }
    );
}

#[test]
fn visible_non_ascii_characters_are_shown_with_their_code_point() {
    let found = failures("Abcdef1!😀中", ACCOUNT, &[]);
    assert_eq!(
        failure_with_code(&found, "invalid_chars"),
        PolicyFailure::InvalidChars {
            shown: vec!["😀 (U+1F600)".into(), "中 (U+4E2D)".into()]
        }
    );
}

#[test]
fn invalid_characters_belong_to_no_class() {
    // Lowercase plus é, ü and a space: only one class is present.
    let found = failures("abcdéü fg", ACCOUNT, &[]);
    assert_eq!(
        failure_with_code(&found, "too_few_classes"),
        PolicyFailure::TooFewClasses {
            letter_and_digit: false,
            required: 3,
            present: vec![CharClass::Lowercase]
        }
    );
}

#[test]
fn too_few_classes_lists_the_present_classes_in_class_order() {
    let found = failures("1a1a1a1a", ACCOUNT, &[]);
    assert_eq!(
        failure_with_code(&found, "too_few_classes"),
        PolicyFailure::TooFewClasses {
            letter_and_digit: false,
            required: 3,
            present: vec![CharClass::Lowercase, CharClass::Digit]
        }
    );
}

#[test]
fn a_password_with_no_valid_character_has_no_class() {
    let found = failures(
        "\u{e9}\u{e8}\u{ea}\u{eb}\u{e0}\u{e2}\u{e4}\u{f4}",
        ACCOUNT,
        &[],
    );
    assert_eq!(
        failure_with_code(&found, "too_few_classes"),
        PolicyFailure::TooFewClasses {
            letter_and_digit: false,
            required: 3,
            present: vec![]
        }
    );
}

#[test]
fn all_thirty_two_special_characters_count_as_special() {
    let specials = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    assert_eq!(specials.chars().count(), 32);
    for c in specials.chars() {
        assert_eq!(CharClass::of(c), Some(CharClass::Special), "{c:?}");
    }
    // Upper, lower and all specials: three classes, no digit needed.
    let password = format!("Aa{specials}");
    assert!(!codes(&password, "", &[]).contains(&"too_few_classes"));
}

#[test]
fn three_classes_without_uppercase_are_enough() {
    assert_eq!(codes("abcdef1#", ACCOUNT, &[]), Vec::<&str>::new());
}

#[test]
fn a_confirmation_that_differs_only_by_a_trailing_space_is_a_mismatch() {
    let found = check(&PolicyInput {
        password: "Abcdefg1",
        account: ACCOUNT,
        keywords: &[],
        confirmation: Some("Abcdefg1 "),
        preset: app::policy::Preset::Standard,
        common: None,
    });
    assert_eq!(found, [PolicyFailure::Mismatch]);
}

#[test]
fn a_confirmation_that_differs_only_by_case_is_a_mismatch() {
    let found = check(&PolicyInput {
        password: "Abcdefg1",
        account: ACCOUNT,
        keywords: &[],
        confirmation: Some("ABCDEFG1"),
        preset: app::policy::Preset::Standard,
        common: None,
    });
    assert_eq!(found, [PolicyFailure::Mismatch]);
}

#[test]
fn no_confirmation_is_never_a_mismatch() {
    assert_eq!(codes("Abcdefg1", ACCOUNT, &[]), Vec::<&str>::new());
}

#[test]
fn an_empty_confirmation_of_an_empty_password_is_no_mismatch() {
    let found = check(&PolicyInput {
        password: "",
        account: ACCOUNT,
        keywords: &[],
        confirmation: Some(""),
        preset: app::policy::Preset::Standard,
        common: None,
    });
    assert!(!found.contains(&PolicyFailure::Mismatch), "{found:?}");
}
