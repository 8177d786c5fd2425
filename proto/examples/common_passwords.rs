//! Turns a ranked list of common passwords (one a line, most common first)
//! into the list rule 7 embeds (docs/policy.md "Common passwords"): the
//! first `--top` entries, folded as rule 7 folds, keeping an entry only if
//! some password that folds to it passes every other rule of some preset
//! (so it could be chosen, and only this rule stops it). Each kept entry is
//! proved by such a password, judged by `proto::policy::check` itself.
//!
//! `cargo run -p proto --example common_passwords -- --top 100000 < ranked.txt > list.txt`
//! Counts go to stderr. Run by `scripts/gen-common-passwords.sh`.

use std::collections::BTreeSet;
use std::io::{BufRead, Write};

use proto::policy::{check, fold, CharClass, Composition, PolicyInput, Preset};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let top: usize = args
        .iter()
        .position(|a| a == "--top")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let mut seen = BTreeSet::new();
    let mut ranked = 0usize;
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let entry = line.trim_end_matches('\r');
        if entry.is_empty() {
            continue;
        }
        ranked += 1;
        seen.insert(fold(entry));
        if ranked == top {
            break;
        }
    }
    let kept: Vec<&String> = seen.iter().filter(|f| choosable(f)).collect();
    let mut out = std::io::stdout().lock();
    for entry in &kept {
        writeln!(out, "{entry}")?;
    }
    eprintln!(
        "ranked entries read: {ranked}; distinct after folding: {}; kept: {}",
        seen.len(),
        kept.len()
    );
    Ok(())
}

/// Whether some password folding to `folded` passes every rule but rule 7
/// (and the per-account rules 4 and 5) under some preset.
fn choosable(folded: &str) -> bool {
    Preset::ALL
        .into_iter()
        .any(|preset| witness(folded, preset).is_some_and(|w| passes(&w, preset)))
}

fn passes(password: &str, preset: Preset) -> bool {
    check(&PolicyInput {
        password,
        account: "",
        keywords: &[],
        confirmation: None,
        preset,
        common: None,
    })
    .is_empty()
}

/// The printable characters (and space) that fold to `c`.
fn preimages(c: char) -> Vec<char> {
    (' '..='~')
        .filter(|&x| fold(&x.to_string()) == c.to_string())
        .collect()
}

/// A password folding to `folded` that meets the preset's composition, if
/// one exists: each class the composition needs is given its own position
/// (a small backtracking search over positions).
fn witness(folded: &str, preset: Preset) -> Option<String> {
    let chars: Vec<char> = folded.chars().collect();
    let len = chars.len();
    if len < preset.min_len() || len > preset.max_len() {
        return None;
    }
    let targets: Vec<Vec<CharClass>> = match preset.composition() {
        Composition::None => vec![vec![]],
        Composition::LetterAndDigit => vec![
            vec![CharClass::Lowercase, CharClass::Digit],
            vec![CharClass::Uppercase, CharClass::Digit],
        ],
        Composition::ThreeOfFour => {
            let all = CharClass::ALL;
            (0..4)
                .map(|skip| (0..4).filter(|&i| i != skip).map(|i| all[i]).collect())
                .collect()
        }
    };
    let options: Vec<Vec<char>> = chars.iter().map(|&c| preimages(c)).collect();
    for target in targets {
        let mut chosen: Vec<Option<char>> = vec![None; len];
        if assign(&target, &options, &mut chosen) {
            return Some(
                chars
                    .iter()
                    .zip(&chosen)
                    .map(|(&c, pick)| pick.unwrap_or(c))
                    .collect(),
            );
        }
    }
    None
}

fn assign(classes: &[CharClass], options: &[Vec<char>], chosen: &mut [Option<char>]) -> bool {
    let Some((&class, rest)) = classes.split_first() else {
        return true;
    };
    for position in 0..options.len() {
        if chosen[position].is_some() {
            continue;
        }
        let Some(&pick) = options[position]
            .iter()
            .find(|&&x| CharClass::of(x) == Some(class))
        else {
            continue;
        };
        chosen[position] = Some(pick);
        if assign(rest, options, chosen) {
            return true;
        }
        chosen[position] = None;
    }
    false
}
