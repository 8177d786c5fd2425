//! The sentences of a missing or malformed form field: closed codes with
//! figures, so a link cannot make the app say something else.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Which name field a sentence of [`Invalid`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NameField {
    DisplayName,
    DepartmentName,
}

impl fmt::Display for NameField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NameField::DisplayName => "display name",
            NameField::DepartmentName => "department name",
        })
    }
}

/// A form field that was missing or malformed, one variant a sentence. The
/// variants carry only numbers and closed enums, never text to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Invalid {
    // Logon.
    #[error("An email address or account name has at most {max} characters.")]
    LoginTooLong { max: usize },

    // Names a postmaster types.
    #[error("Enter a {field}.")]
    EnterName { field: NameField },
    #[error("A {field} has at most {max} characters; this one has {actual}.")]
    NameTooLong {
        field: NameField,
        max: usize,
        actual: usize,
    },
    #[error(
        "A {field} may not contain control characters such as tabs or line breaks, \
         or text-direction characters."
    )]
    NameControlChars { field: NameField },
    #[error("Enter the part of the address before the @.")]
    EnterLocalPart,
    #[error("The part of the address before the @ has at most {max} characters.")]
    LocalPartTooLong { max: usize },
    #[error(
        "The part of the address before the @ may contain only letters a-z, digits, \
         and the characters . _ - +"
    )]
    LocalPartChars,
    #[error("The part of the address before the @ may not start or end with a dot.")]
    LocalPartDotAtEnd,
    #[error("The part of the address before the @ may not contain two dots in a row.")]
    LocalPartTwoDots,
    #[error("This address is already in use. Choose another name before the @.")]
    AddressTaken,
    #[error("You cannot disable your own account.")]
    DisableOwnAccount,
    #[error("Search for at most {max} characters.")]
    SearchTooLong { max: usize },
    #[error("A department with this name already exists.")]
    DepartmentExists,

    // Domains in the console.
    #[error("Enter a domain name, such as example.com.")]
    EnterDomainName,
    #[error("A domain name may contain only letters a-z, digits, hyphens and dots.")]
    DomainNameChars,
    #[error("A domain name has at most {max} characters; this one has {actual}.")]
    DomainNameTooLong { max: usize, actual: usize },
    #[error("A domain name may not start or end with a dot or contain two dots in a row.")]
    DomainNameEmptyPart,
    #[error("A domain name has at least two parts separated by a dot, such as example.com.")]
    DomainNameOnePart,
    #[error("Each part of a domain name between dots has at most {max} characters.")]
    DomainLabelTooLong { max: usize },
    #[error("A part of a domain name may not start or end with a hyphen.")]
    DomainLabelHyphen,
    #[error("The last part of a domain name may not be only digits.")]
    DomainLastPartDigits,
    #[error("This domain is already in use.")]
    DomainTaken,
    #[error("This domain has no postmaster account.")]
    NoPostmaster,

    // The secure mobile phone.
    #[error("Enter your mobile number.")]
    EnterPhone,
    #[error(
        "A mobile number has only digits, spaces and dashes, with + before the country \
         code, like +86 138 0013 8000."
    )]
    PhoneChars,
    #[error(
        "That is not a valid mobile number. Enter it with the country code, like +86 138 0013 8000."
    )]
    PhoneNotValid,
    #[error("That number is not a mobile number. Enter a mobile number that can receive SMS.")]
    PhoneNotMobile,
    #[error("This number is already your secure mobile phone.")]
    PhoneAlreadyBound,
    #[error("Enter your mobile number and send a code to it first.")]
    SendCodeFirst,
    #[error("Enter the 6-digit code from the SMS.")]
    EnterSmsCode,

    // Security questions.
    #[error("Choose {count} questions and answer each of them.")]
    ChooseQuestions { count: usize },
    #[error("Choose {count} different questions.")]
    DifferentQuestions { count: usize },
    #[error("Choose question {n} from the list, or write your own.")]
    ChooseQuestion { n: usize },
    #[error("Write your own question {n}, or choose one from the list.")]
    WriteOwnQuestion { n: usize },
    #[error(
        "For question {n}, either choose a question from the list or write your own, \
         not both."
    )]
    QuestionChosenTwice { n: usize },
    #[error("Question {n} is too long: at most {max} characters.")]
    QuestionTooLong { n: usize, max: usize },
    #[error(
        "Question {n} may not contain control characters such as line breaks, \
         or text-direction characters."
    )]
    QuestionControlChars { n: usize },
    #[error("Answer question {n}.")]
    AnswerQuestion { n: usize },
    #[error("Answer {n} is too long: at most {max} characters.")]
    AnswerTooLong { n: usize, max: usize },

    // Forgot Password.
    #[error("Enter your full email address, like name@example.com.")]
    EnterFullAddress,
    #[error("Enter the verification code shown in the image.")]
    EnterCaptcha,
    #[error("Choose how to verify that this is your account.")]
    ChooseMethod,
    #[error("Answer every question.")]
    AnswerEveryQuestion,

    // A domain's SMS limits.
    #[error(
        "Enter the calling codes SMS may go to, like +86, +852 (at most 20, separated by commas)."
    )]
    CallingCodes,
    #[error("Enter a daily SMS ceiling from 1 to 100000.")]
    SmsCeiling,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::UserError;

    #[test]
    fn sentences_that_named_what_was_typed_no_longer_do() {
        for (invalid, sentence) in [
            (
                Invalid::AddressTaken,
                "This address is already in use. Choose another name before the @.",
            ),
            (
                Invalid::DepartmentExists,
                "A department with this name already exists.",
            ),
            (Invalid::DomainTaken, "This domain is already in use."),
            (
                Invalid::EnterName {
                    field: NameField::DisplayName,
                },
                "Enter a display name.",
            ),
            (
                Invalid::QuestionChosenTwice { n: 2 },
                "For question 2, either choose a question from the list or write your own, \
                 not both.",
            ),
            (
                Invalid::LocalPartChars,
                "The part of the address before the @ may contain only letters a-z, digits, \
                 and the characters . _ - +",
            ),
        ] {
            assert_eq!(UserError::Invalid(invalid).to_string(), sentence);
        }
    }
}
