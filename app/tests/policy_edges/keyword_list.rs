//! docs/policy.md "Weak keywords": what a postmaster may save, every problem
//! reported at once, and the default list of a new domain.

use app::policy::{default_keywords, fold, parse_keywords, KeywordError, MAX_KEYWORDS};

use super::strings;

#[test]
fn keywords_are_trimmed_blank_lines_dropped_and_order_kept() {
    assert_eq!(
        parse_keywords("  example \r\n\n\t\nalibaba\n   \npassword\n"),
        Ok(strings(&["example", "alibaba", "password"]))
    );
}

#[test]
fn an_empty_list_is_valid() {
    assert_eq!(parse_keywords(""), Ok(vec![]));
    assert_eq!(parse_keywords("\n \n"), Ok(vec![]));
}

#[test]
fn four_and_thirty_two_characters_are_the_keyword_bounds() {
    let longest = "k".repeat(32);
    assert_eq!(
        parse_keywords(&format!("abcd\n{longest}")),
        Ok(vec!["abcd".to_owned(), longest])
    );
    let too_long = "k".repeat(33);
    assert_eq!(
        parse_keywords(&format!("abc\n{too_long}")),
        Err(vec![
            KeywordError::TooShort {
                keyword: "abc".into()
            },
            KeywordError::TooLong { keyword: too_long }
        ])
    );
}

#[test]
fn keyword_length_is_counted_after_trimming() {
    assert_eq!(
        parse_keywords("   abc   "),
        Err(vec![KeywordError::TooShort {
            keyword: "abc".into()
        }])
    );
}

#[test]
fn a_keyword_with_a_space_or_an_accent_is_refused() {
    assert_eq!(
        parse_keywords("my pass\npässword"),
        Err(vec![
            KeywordError::InvalidChars {
                keyword: "my pass".into()
            },
            KeywordError::InvalidChars {
                keyword: "pässword".into()
            }
        ])
    );
}

#[test]
fn a_short_keyword_with_an_accent_gets_both_problems() {
    assert_eq!(
        parse_keywords("é1"),
        Err(vec![
            KeywordError::TooShort {
                keyword: "é1".into()
            },
            KeywordError::InvalidChars {
                keyword: "é1".into()
            }
        ])
    );
}

#[test]
fn keywords_that_fold_alike_are_a_duplicate_naming_both_as_written() {
    assert_eq!(
        parse_keywords("Admin\nqwerty\n4dmin"),
        Err(vec![KeywordError::Duplicate {
            first: "Admin".into(),
            second: "4dmin".into()
        }])
    );
}

#[test]
fn a_third_spelling_is_reported_against_the_first() {
    assert_eq!(
        parse_keywords("mail\nma1l\nMAIL"),
        Err(vec![
            KeywordError::Duplicate {
                first: "mail".into(),
                second: "ma1l".into()
            },
            KeywordError::Duplicate {
                first: "mail".into(),
                second: "MAIL".into()
            }
        ])
    );
}

#[test]
fn exactly_one_thousand_keywords_are_allowed() {
    let list: Vec<String> = (0..MAX_KEYWORDS).map(|n| format!("word{n}")).collect();
    assert_eq!(parse_keywords(&list.join("\n")).map(|l| l.len()), Ok(1000));
}

#[test]
fn one_thousand_and_one_keywords_are_too_many() {
    let list: Vec<String> = (0..=MAX_KEYWORDS).map(|n| format!("word{n}")).collect();
    assert_eq!(
        parse_keywords(&list.join("\n")),
        Err(vec![KeywordError::TooMany {
            count: 1001,
            max: 1000
        }])
    );
}

#[test]
fn every_problem_is_reported_at_once_too_many_first() {
    let mut lines: Vec<String> = (0..MAX_KEYWORDS).map(|n| format!("word{n}")).collect();
    lines.push("ab".into());
    lines.push("WORD0".into());
    let errors = parse_keywords(&lines.join("\n")).unwrap_err();
    assert_eq!(
        errors,
        [
            KeywordError::TooMany {
                count: 1002,
                max: 1000
            },
            KeywordError::TooShort {
                keyword: "ab".into()
            },
            KeywordError::Duplicate {
                first: "word0".into(),
                second: "WORD0".into()
            }
        ]
    );
}

#[test]
fn the_default_list_starts_with_the_domains_first_label() {
    assert_eq!(
        default_keywords("example.com"),
        strings(&[
            "example", "password", "qwerty", "123456", "admin", "welcome", "letmein", "12345678",
            "iloveyou"
        ])
    );
}

#[test]
fn the_default_list_is_valid_and_has_no_duplicates_after_folding() {
    for domain in [
        "example.com",
        "alibaba-inc.com",
        "mail.example.org",
        "xn--fiqs8s.cn",
    ] {
        let list = default_keywords(domain);
        assert_eq!(
            parse_keywords(&list.join("\n")),
            Ok(list.clone()),
            "{domain}"
        );
        let mut folded: Vec<String> = list.iter().map(|k| fold(k)).collect();
        folded.sort();
        folded.dedup();
        assert_eq!(folded.len(), list.len(), "{domain}");
    }
}

#[test]
fn a_first_label_shorter_than_four_is_left_out() {
    assert_eq!(default_keywords("ab.cn")[0], "password");
    assert_eq!(default_keywords("ab.cn").len(), 8);
}

#[test]
fn a_first_label_that_folds_like_a_common_word_is_left_out() {
    assert_eq!(default_keywords("P4ssword.com").len(), 8);
    assert_eq!(default_keywords("admin.com").len(), 8);
}

#[test]
fn the_first_label_is_lowercased_and_an_address_gives_its_domain() {
    assert_eq!(default_keywords("Example.COM")[0], "example");
    assert_eq!(default_keywords("postmaster@contoso.com")[0], "contoso");
}

#[test]
fn a_first_label_longer_than_thirty_two_is_left_out() {
    let domain = format!("{}.com", "a".repeat(33));
    assert_eq!(default_keywords(&domain).len(), 8);
}
