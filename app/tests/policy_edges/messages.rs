//! What a user reads (in English, from `locales/en`): the sentence of every
//! failure, the checklist texts,
//! the stable codes, the JSON the server sends, and that none of it leaks
//! the password.

use app::language::Language;
use app::messages;
use app::policy::{CharClass, KeywordError, PolicyFailure, PolicyInput, Rule};

use super::{failures, strings};

#[test]
fn every_failure_reads_as_the_sentence_a_user_sees() {
    let cases = [
        (
            PolicyFailure::TooShort { min: 8, actual: 5 },
            "Use at least 8 characters (this has 5).",
        ),
        (
            PolicyFailure::TooLong { max: 64, actual: 70 },
            "Use at most 64 characters (this has 70).",
        ),
        (
            PolicyFailure::InvalidChars {
                shown: strings(&["space", "é (U+00E9)"]),
            },
            "Only printable ASCII characters are allowed; remove: space, é (U+00E9).",
        ),
        (
            PolicyFailure::TooFewClasses {
                letter_and_digit: false,
                required: 3,
                present: vec![CharClass::Lowercase, CharClass::Digit],
            },
            "Use at least 3 kinds of characters; this has only lowercase and digits.",
        ),
        (
            PolicyFailure::TooFewClasses {
                letter_and_digit: false,
                required: 3,
                present: vec![CharClass::Special],
            },
            "Use at least 3 kinds of characters; this has only special characters.",
        ),
        (
            PolicyFailure::TooFewClasses {
                letter_and_digit: false,
                required: 3,
                present: vec![],
            },
            "Use at least 3 kinds of characters; this has none.",
        ),
        (
            PolicyFailure::ContainsAccount {
                part: "zhang".into(),
            },
            "Must not contain your account name (\"zhang\").",
        ),
        (
            PolicyFailure::ContainsKeyword {
                keywords: strings(&["alibaba"]),
            },
            "Must not contain the weak keyword \"alibaba\" set by your postmaster.",
        ),
        (
            PolicyFailure::ContainsKeyword {
                keywords: strings(&["alibaba", "P@ss", "qwerty"]),
            },
            "Must not contain the weak keywords \"alibaba\", \"P@ss\" and \"qwerty\" set by your postmaster.",
        ),
        (PolicyFailure::Mismatch, "The two entries do not match."),
    ];
    for (failure, sentence) in cases {
        assert_eq!(messages::failure(Language::en, &failure), sentence);
    }
}

#[test]
fn every_rule_has_its_checklist_text() {
    let texts: Vec<String> = Rule::ALL
        .iter()
        .map(|rule| messages::requirement(Language::en, *rule, app::policy::Preset::Standard))
        .collect();
    assert_eq!(
        texts,
        [
            "At least 8 characters",
            "At most 64 characters",
            "Only printable ASCII (no spaces or accented letters)",
            "At least 3 of: uppercase, lowercase, digits, special characters",
            "Does not contain your email address or name",
            "Does not contain a weak keyword of your domain",
            "Not a commonly used password",
            "Both entries match",
            "Not one of your previous passwords",
        ]
    );
}

#[test]
fn codes_round_trip_and_match_the_json_names() {
    let expected = [
        "too_short",
        "too_long",
        "invalid_chars",
        "too_few_classes",
        "contains_account",
        "contains_keyword",
        "common_password",
        "mismatch",
        "reused_password",
    ];
    for (rule, code) in Rule::ALL.into_iter().zip(expected) {
        assert_eq!(rule.code(), code);
        assert_eq!(Rule::from_code(code), Some(rule));
        assert_eq!(serde_json::to_string(&rule).unwrap(), format!("\"{code}\""));
    }
    assert_eq!(Rule::from_code("TooShort"), None);
    assert_eq!(Rule::from_code(""), None);
}

#[test]
fn a_failure_travels_as_json_tagged_with_its_code_and_comes_back_equal() {
    let mut found = failures("zhang 2024", "zhang.san@example.com", &strings(&["2024"]));
    assert_eq!(found.len(), 4, "{found:?}");
    found.push(PolicyFailure::TooShort { min: 8, actual: 5 });
    found.push(PolicyFailure::TooLong {
        max: 64,
        actual: 65,
    });
    found.push(PolicyFailure::Mismatch);
    for failure in &found {
        let json = serde_json::to_value(failure).unwrap();
        assert_eq!(json["code"], failure.code());
        let back: PolicyFailure = serde_json::from_value(json).unwrap();
        assert_eq!(&back, failure);
    }
    assert_eq!(
        serde_json::to_string(&PolicyFailure::TooShort { min: 8, actual: 5 }).unwrap(),
        r#"{"code":"too_short","min":8,"actual":5}"#
    );
    assert_eq!(
        serde_json::to_string(&PolicyFailure::Mismatch).unwrap(),
        r#"{"code":"mismatch"}"#
    );
}

#[test]
fn no_failure_or_debug_output_carries_the_password() {
    let password = "Pq7#secretWORD";
    let keywords = strings(&["secret"]);
    let input = PolicyInput {
        password,
        account: "pq@example.com",
        keywords: &keywords,
        confirmation: Some("Pq7#secretW0RD"),
        preset: app::policy::Preset::Standard,
        common: None,
    };
    let found = app::policy::check(&input);
    assert_eq!(found.len(), 2, "{found:?}");
    for failure in &found {
        let shown = format!(
            "{} {failure:?} {}",
            messages::failure(Language::en, failure),
            serde_json::to_string(failure).unwrap()
        );
        assert!(!shown.contains(password), "{shown}");
    }
    let debug = format!("{input:?}");
    assert!(!debug.contains("secret"), "{debug}");
    assert!(debug.contains("***"), "{debug}");
}

#[test]
fn keyword_errors_read_as_sentences_naming_the_keywords() {
    let cases = [
        (
            KeywordError::TooShort { keyword: "abc".into() },
            "The keyword \"abc\" is too short: a keyword has 4 to 32 characters.",
        ),
        (
            KeywordError::TooLong { keyword: "k".repeat(33) },
            "The keyword \"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\" is too long: a keyword has 4 to 32 characters.",
        ),
        (
            KeywordError::InvalidChars { keyword: "my pässword".into() },
            "The keyword \"my[space]p[ä (U+00E4)]ssword\" may contain only printable ASCII characters; remove: space, ä (U+00E4).",
        ),
        (
            KeywordError::TooMany { count: 1001, max: 1000 },
            "The list has 1001 keywords; at most 1000 are allowed.",
        ),
        (
            KeywordError::Duplicate { first: "Admin".into(), second: "4dmin".into() },
            "The keywords \"Admin\" and \"4dmin\" are the same once case and look-alike characters are ignored; keep one.",
        ),
        (
            KeywordError::Duplicate { first: "admin".into(), second: "admin".into() },
            "The keyword \"admin\" is listed twice.",
        ),
    ];
    for (error, sentence) in cases {
        assert_eq!(messages::keyword_error(Language::en, &error), sentence);
    }
}

#[test]
fn a_control_character_in_a_keyword_is_shown_by_code_point_in_its_message() {
    let error = KeywordError::InvalidChars {
        keyword: "bad\u{202e}word".into(),
    };
    let sentence = messages::keyword_error(Language::en, &error);
    assert!(!sentence.contains('\u{202e}'), "{sentence:?}");
    assert!(sentence.contains("bad[U+202E]word"), "{sentence}");
}
