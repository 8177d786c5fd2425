//! Rule 4: which parts of the account are forbidden, and how the password
//! and the account are folded alike before the substring test.

use app::policy::{account_parts, PolicyFailure};

use super::{codes, failure_with_code, failures};

fn part_found(password: &str, account: &str) -> Option<String> {
    failures(password, account, &[])
        .into_iter()
        .find_map(|f| match f {
            PolicyFailure::ContainsAccount { part } => Some(part),
            _ => None,
        })
}

#[test]
fn zhang_san_gives_the_address_the_local_part_and_zhang_but_not_san() {
    assert_eq!(
        account_parts("zhang.san@example.com"),
        ["zhang.san@example.com", "zhang.san", "zhang"]
    );
}

#[test]
fn the_local_part_is_split_on_dot_underscore_hyphen_and_plus() {
    assert_eq!(
        account_parts("anna.bell_carl-dora+eric@x.org"),
        [
            "anna.bell_carl-dora+eric@x.org",
            "anna.bell_carl-dora+eric",
            "anna",
            "bell",
            "carl",
            "dora",
            "eric"
        ]
    );
}

#[test]
fn pieces_shorter_than_four_characters_are_not_parts() {
    assert_eq!(
        account_parts("li.lei@example.com"),
        ["li.lei@example.com", "li.lei"]
    );
    assert_eq!(part_found("Lei#2024x", "li.lei@example.com"), None);
}

#[test]
fn a_local_part_shorter_than_four_is_not_used_but_the_full_address_is() {
    assert_eq!(account_parts("al@ex.io"), ["al@ex.io"]);
    assert_eq!(part_found("Xal#Q9zzal", "al@ex.io"), None);
    assert_eq!(
        part_found("Xal@ex.io1", "al@ex.io").as_deref(),
        Some("al@ex.io")
    );
}

#[test]
fn a_local_part_without_separators_is_listed_once() {
    assert_eq!(
        account_parts("wangwei@example.com"),
        ["wangwei@example.com", "wangwei"]
    );
}

#[test]
fn an_account_without_an_at_sign_is_its_own_local_part() {
    assert_eq!(account_parts("wang.wei"), ["wang.wei", "wang"]);
}

#[test]
fn an_empty_account_forbids_nothing() {
    assert!(account_parts("").is_empty());
    assert!(account_parts("   ").is_empty());
    assert_eq!(codes("Abcdefg1", "", &[]), Vec::<&str>::new());
}

#[test]
fn the_account_is_compared_case_insensitively_and_named_lowercased() {
    assert_eq!(
        part_found("xxZHANGxx#1", "Zhang.San@Example.COM").as_deref(),
        Some("zhang")
    );
}

#[test]
fn the_first_matching_part_is_named_address_before_local_part_before_pieces() {
    let account = "zhang.san@example.com";
    assert_eq!(
        part_found("Zhang.San@example.com1", account).as_deref(),
        Some("zhang.san@example.com")
    );
    assert_eq!(
        part_found("Zhang.San#1", account).as_deref(),
        Some("zhang.san")
    );
    assert_eq!(part_found("Zhang#2024", account).as_deref(), Some("zhang"));
}

#[test]
fn look_alikes_in_the_password_match_the_account() {
    assert_eq!(
        part_found("W4NG-x9!Q", "wang.wei@example.com").as_deref(),
        Some("wang")
    );
}

#[test]
fn a_plus_in_the_account_is_folded_like_a_seven_in_the_password() {
    // `+` folds to `t`, as `7` does: `anna7test` meets `anna+test`.
    assert_eq!(
        part_found("Xanna7test!", "anna+test@x.org").as_deref(),
        Some("anna+test")
    );
}

#[test]
fn an_at_sign_in_the_account_is_folded_like_a_four_in_the_password() {
    assert_eq!(
        part_found("Mike4site.org9", "mike@site.org").as_deref(),
        Some("mike@site.org")
    );
}

#[test]
fn a_one_in_the_account_matches_an_l_or_an_i_in_the_password() {
    let account = "a1ex@example.com";
    assert_eq!(part_found("Alex#2024", account).as_deref(), Some("a1ex"));
    assert_eq!(part_found("AIex#2024", account).as_deref(), Some("a1ex"));
}

#[test]
fn contains_account_is_reported_once_even_when_several_parts_match() {
    let found = failures("zhang.san@example.com#Z1", "zhang.san@example.com", &[]);
    let count = found
        .iter()
        .filter(|f| f.code() == "contains_account")
        .count();
    assert_eq!(count, 1);
    assert_eq!(
        failure_with_code(&found, "contains_account"),
        PolicyFailure::ContainsAccount {
            part: "zhang.san@example.com".into()
        }
    );
}
