//! Security settings: binding a secure mobile phone (verified by an SMS
//! code) and security questions, the recovery methods Forgot Password uses.
//! The types here travel to the browser; they never carry a number in
//! full, a code or an answer.

use serde::{Deserialize, Serialize};

use crate::error::{Invalid, UserError};

/// How many questions an account binds (docs/product.md).
pub const QUESTION_COUNT: usize = 3;

/// The longest question or answer accepted, in characters.
pub const MAX_QUESTION_CHARS: usize = 200;

/// The longest answer accepted (normalised), in characters: the limit of
/// what the server hashes, so every saved answer can be verified.
pub const MAX_ANSWER_CHARS: usize = crate::secret::MAX_HASHED_CHARS;

/// The `<select>` value of "Write my own question…".
pub const OWN_QUESTION: &str = "own";

/// The questions offered in the list; the first three are the demo ones.
pub const PRESET_QUESTIONS: [&str; 8] = [
    "What city were you born in?",
    "What was the name of your first school?",
    "What is your favourite book?",
    "What was the name of your first pet?",
    "What is your mother's maiden name?",
    "In what city did your parents meet?",
    "What was the make of your first car?",
    "What is the name of the street you grew up on?",
];

/// What the security settings page shows of the account's recovery methods.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecuritySetup {
    /// The bound secure mobile phone, masked (`+86 138****8001`).
    pub phone: Option<String>,
    /// When Forgot Password starts offering the bound phone (Unix ms),
    /// while it is waiting out the cooldown of a phone that replaced
    /// another.
    pub phone_cooling_until: Option<i64>,
    /// A number waiting for its SMS code, masked.
    pub pending_phone: Option<String>,
    /// The bound questions' texts, in order (never the answers).
    pub questions: Vec<String>,
    /// The questions offered in the list.
    pub preset_questions: Vec<String>,
}

/// Question `n` (1-based) as the form posted it: a choice from the list,
/// or "Write my own question…" (or no choice) with the own text. Without
/// JavaScript both fields are always posted, so a choice from the list
/// together with an own text is refused rather than guessed at.
pub fn chosen_question(n: usize, choice: &str, own: Option<&str>) -> Result<String, UserError> {
    let own = own.map(str::trim).filter(|own| !own.is_empty());
    let choice = choice.trim();
    let question = match (choice, own) {
        (OWN_QUESTION | "", Some(own)) => own,
        (OWN_QUESTION, None) => return Err(UserError::Invalid(Invalid::WriteOwnQuestion { n })),
        ("", None) => return Err(UserError::Invalid(Invalid::ChooseQuestion { n })),
        (_, Some(_)) => return Err(UserError::Invalid(Invalid::QuestionChosenTwice { n })),
        (choice, None) => choice,
    };
    if crate::text::has_hidden_controls(question) {
        return Err(UserError::Invalid(Invalid::QuestionControlChars { n }));
    }
    if question.chars().count() > MAX_QUESTION_CHARS {
        return Err(UserError::Invalid(Invalid::QuestionTooLong {
            n,
            max: MAX_QUESTION_CHARS,
        }));
    }
    Ok(question.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_comes_from_the_list_or_from_the_own_text() {
        assert_eq!(
            chosen_question(1, PRESET_QUESTIONS[0], None).unwrap(),
            PRESET_QUESTIONS[0]
        );
        assert_eq!(
            chosen_question(1, PRESET_QUESTIONS[0], Some("  ")).unwrap(),
            PRESET_QUESTIONS[0]
        );
        assert_eq!(
            chosen_question(2, OWN_QUESTION, Some(" Who was my hero? ")).unwrap(),
            "Who was my hero?"
        );
        assert_eq!(
            chosen_question(2, "", Some("Who was my hero?")).unwrap(),
            "Who was my hero?"
        );
    }

    #[test]
    fn a_missing_or_doubled_question_is_refused_with_its_number() {
        for (choice, own) in [
            ("", None),
            (OWN_QUESTION, Some(" ")),
            (PRESET_QUESTIONS[1], Some("Mine?")),
        ] {
            let error = chosen_question(3, choice, own).unwrap_err();
            let said = crate::messages::user_error(crate::language::Language::en, &error);
            assert!(said.contains("question 3"), "{said}");
        }
        let long = "x".repeat(MAX_QUESTION_CHARS + 1);
        assert!(chosen_question(1, OWN_QUESTION, Some(&long)).is_err());
    }
}
