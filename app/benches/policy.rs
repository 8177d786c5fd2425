//! Cost of one `check` as the browser runs it on every keystroke and the
//! server before every password change: a 64-character password against the
//! largest list docs/policy.md allows (1000 keywords) and against the 5 demo
//! keywords of docs/product.md. Target: under 50 µs a check.

use std::hint::black_box;

use app::policy::{check, parse_keywords, PolicyInput, Rule, MAX_KEYWORDS};
use criterion::{criterion_group, criterion_main, Criterion};

/// 64 characters, all four classes, no keyword or account part in it: the
/// worst case, since every keyword has to be searched for in full.
const PASSWORD: &str = "Tq7#vR2!mK9@xW4$hN6^jB3&zP5*cF8%fD1?gS0+yH7=uE2~wQ4-kJ9_rT6.nM3x";
const ACCOUNT: &str = "zhang.san@example.com";

/// Realistic keywords, 4 to 32 characters, made deterministically from a
/// word list with numbered suffixes (no randomness, so runs compare).
fn thousand_keywords() -> Vec<String> {
    const WORDS: [&str; 40] = [
        "example",
        "alibaba",
        "password",
        "qwerty",
        "welcome",
        "letmein",
        "dragon",
        "monkey",
        "sunshine",
        "princess",
        "football",
        "baseball",
        "shadow",
        "master",
        "hunter",
        "summer",
        "winter",
        "spring",
        "autumn",
        "hangzhou",
        "beijing",
        "shanghai",
        "company",
        "office",
        "support",
        "service",
        "finance",
        "account",
        "marketing",
        "engineering",
        "mailbox",
        "cloudmail",
        "enterprise",
        "taobao",
        "tmall",
        "dingtalk",
        "aliyun",
        "xixi",
        "westlake",
        "internationaltradedepartment",
    ];
    let mut keywords = Vec::with_capacity(MAX_KEYWORDS);
    'outer: for suffix in 0.. {
        for word in WORDS {
            if keywords.len() == MAX_KEYWORDS {
                break 'outer;
            }
            let keyword = match suffix {
                0 => word.to_owned(),
                n => format!("{word}{n}"),
            };
            keywords.push(keyword);
        }
    }
    keywords
}

fn bench_check(c: &mut Criterion) {
    let thousand = thousand_keywords();
    // The list must be one a postmaster could actually save, and the
    // password must pass, or the bench measures an early, cheaper path.
    let thousand = parse_keywords(&thousand.join("\n")).expect("bench keywords are valid");
    assert_eq!(thousand.len(), MAX_KEYWORDS);
    let demo: Vec<String> = ["example", "alibaba", "password", "123456", "qwerty"]
        .map(String::from)
        .to_vec();

    for (name, keywords) in [("1000_keywords", &thousand), ("5_demo_keywords", &demo)] {
        let input = PolicyInput {
            password: PASSWORD,
            account: ACCOUNT,
            keywords,
            confirmation: Some(PASSWORD),
            preset: app::policy::Preset::Standard,
            common: Some(app::policy::common::embedded()),
        };
        assert!(check(&input).is_empty(), "bench password must pass");
        c.bench_function(&format!("check_64_chars/{name}"), |b| {
            b.iter(|| check(black_box(&input)))
        });
    }

    // A password that fails rule 5 on many keywords: the matched list is
    // built and named, the most expensive result shape.
    let failing = "Password1!Sunshine2Dragon3#Monkey4$Shadow5%Master6&Hunter7*Tmall";
    let input = PolicyInput {
        password: failing,
        account: ACCOUNT,
        keywords: &thousand,
        confirmation: None,
        preset: app::policy::Preset::Standard,
        common: Some(app::policy::common::embedded()),
    };
    assert!(check(&input)
        .iter()
        .any(|f| f.rule() == Rule::ContainsKeyword));
    c.bench_function("check_64_chars/1000_keywords_many_matches", |b| {
        b.iter(|| check(black_box(&input)))
    });
}

criterion_group!(benches, bench_check);
criterion_main!(benches);
