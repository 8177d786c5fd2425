//! Folding and rule 5: look-alikes on both sides, keywords named as the
//! postmaster wrote them, and `matching_keywords` agreeing with `check`.

use app::policy::{fold, matching_keywords, PolicyFailure};

use super::{codes, demo_keywords, failure_with_code, failures, strings};

const ACCOUNT: &str = "zhang.san@example.com";

#[test]
fn fold_maps_every_look_alike_of_the_policy() {
    assert_eq!(fold("4@8390$57+il1!|IL"), "aabegossttlllllll");
}

#[test]
fn fold_lowercases_ascii_and_keeps_everything_else() {
    assert_eq!(fold("ABCXYZ-._#é"), "abcxyz-._#é");
}

#[test]
fn fold_keeps_the_number_of_characters() {
    let s = "P@ssw0rd!é😀";
    assert_eq!(fold(s).chars().count(), s.chars().count());
}

#[test]
fn one_i_l_bang_and_bar_all_block_each_other() {
    let spellings = ["mail", "ma1l", "maIl", "ma!l", "ma|l", "MAIL", "maiL"];
    for keyword in spellings {
        for written in spellings {
            let password = format!("X#9{written}box");
            assert!(
                codes(&password, ACCOUNT, &strings(&[keyword])).contains(&"contains_keyword"),
                "keyword {keyword:?} should block {password:?}"
            );
        }
    }
}

#[test]
fn a_keyword_written_with_look_alikes_blocks_the_plain_word() {
    let found = failures("Passage#12", ACCOUNT, &strings(&["P@ss"]));
    assert_eq!(
        failure_with_code(&found, "contains_keyword"),
        PolicyFailure::ContainsKeyword {
            keywords: vec!["P@ss".into()]
        }
    );
}

#[test]
fn every_matching_keyword_is_named_as_written_in_list_order() {
    let keywords = strings(&["Company", "P@ss", "nothere", "qwerty"]);
    let found = failures("qwerty#COMPANY#p4ss1", ACCOUNT, &keywords);
    assert_eq!(
        failure_with_code(&found, "contains_keyword"),
        PolicyFailure::ContainsKeyword {
            keywords: strings(&["Company", "P@ss", "qwerty"])
        }
    );
}

#[test]
fn a_keyword_listed_twice_is_named_once() {
    let keywords = strings(&["admin", "admin"]);
    assert_eq!(matching_keywords("Admin#2024", &keywords), ["admin"]);
}

#[test]
fn blank_keywords_block_nothing() {
    assert_eq!(
        codes("Abcdefg1", ACCOUNT, &strings(&["", "   "])),
        Vec::<&str>::new()
    );
}

#[test]
fn keywords_are_trimmed_before_matching_and_named_trimmed() {
    assert_eq!(
        matching_keywords("Admin#2024", &strings(&[" admin\t"])),
        ["admin"]
    );
}

#[test]
fn a_keyword_that_is_not_in_the_password_does_not_block_it() {
    assert_eq!(
        codes("Abcdef1!", ACCOUNT, &strings(&["verylongcompanyname"])),
        Vec::<&str>::new()
    );
}

#[test]
fn a_keyword_with_non_ascii_characters_is_still_searched_for() {
    // Not keywords a postmaster can save, but `check` must not miss them.
    // Only ASCII is lowercased, so `é` and `É` stay different.
    assert_eq!(
        matching_keywords("XCAFÉs1!", &strings(&["café5"])),
        Vec::<String>::new()
    );
    assert_eq!(
        matching_keywords("Xcafés1!", &strings(&["CAFé5", "é"])),
        ["CAFé5", "é"]
    );
}

#[test]
fn the_digits_keyword_blocks_its_look_alike_letters() {
    // `123456` folds to `l2eas6`, so `l2EAS6` is the same weak password.
    assert_eq!(matching_keywords("Xl2EAS6#x", &demo_keywords()), ["123456"]);
}

#[test]
fn matching_keywords_agrees_with_check() {
    let keywords = demo_keywords();
    for password in [
        "P@ssw0rd!!",
        "Abcdefg1",
        "Qw3rty#example",
        "A1ibaba#2024",
        "",
    ] {
        let from_check = failures(password, ACCOUNT, &keywords)
            .into_iter()
            .find_map(|f| match f {
                PolicyFailure::ContainsKeyword { keywords } => Some(keywords),
                _ => None,
            })
            .unwrap_or_default();
        assert_eq!(
            matching_keywords(password, &keywords),
            from_check,
            "{password:?}"
        );
    }
}
