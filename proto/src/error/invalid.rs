//! The sentences of a missing or malformed form field: closed codes with
//! figures, so a link cannot make the app say something else.

use serde::{Deserialize, Serialize};

/// Which name field a sentence of [`Invalid`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NameField {
    DisplayName,
    DepartmentName,
}

/// A form field that was missing or malformed, one variant a sentence (in
/// `locales/<language>/invalid.json`). The variants carry only numbers and
/// closed enums, never text to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Invalid {
    // Logon.
    LoginTooLong {
        max: usize,
    },

    // Names a postmaster types.
    EnterName {
        field: NameField,
    },
    NameTooLong {
        field: NameField,
        max: usize,
        actual: usize,
    },
    NameControlChars {
        field: NameField,
    },
    EnterLocalPart,
    LocalPartTooLong {
        max: usize,
    },
    LocalPartChars,
    LocalPartDotAtEnd,
    LocalPartTwoDots,
    AddressTaken,
    DisableOwnAccount,
    SearchTooLong {
        max: usize,
    },
    /// A filter or order not on the list's choices.
    UnknownChoice,
    /// A page link whose cursor account is not in the domain.
    StalePage,
    SelectAccounts,
    TooManyAccounts {
        max: usize,
    },
    // Import accounts: the file as a whole.
    ImportChooseFile,
    ImportTooLarge {
        max: usize,
    },
    ImportNotUtf8,
    ImportColumns,
    ImportEmpty,
    ImportTooManyRows {
        max: usize,
    },
    ImportNotCsv {
        line: usize,
    },
    ImportNothingReady,
    ImportDone,
    ImportExpired,
    DepartmentExists,

    // Domains in the console.
    EnterDomainName,
    DomainNameChars,
    DomainNameTooLong {
        max: usize,
        actual: usize,
    },
    DomainNameEmptyPart,
    DomainNameOnePart,
    DomainLabelTooLong {
        max: usize,
    },
    DomainLabelHyphen,
    DomainLastPartDigits,
    DomainTaken,
    NoPostmaster,

    // The secure mobile phone.
    EnterPhone,
    PhoneChars,
    PhoneNotValid,
    PhoneNotMobile,
    PhoneAlreadyBound,
    SendCodeFirst,
    EnterSmsCode,

    // Security questions.
    ChooseQuestions {
        count: usize,
    },
    DifferentQuestions {
        count: usize,
    },
    ChooseQuestion {
        n: usize,
    },
    WriteOwnQuestion {
        n: usize,
    },
    QuestionChosenTwice {
        n: usize,
    },
    QuestionTooLong {
        n: usize,
        max: usize,
    },
    QuestionControlChars {
        n: usize,
    },
    AnswerQuestion {
        n: usize,
    },
    AnswerTooLong {
        n: usize,
        max: usize,
    },

    // Forgot Password.
    EnterFullAddress,
    EnterCaptcha,
    ChooseMethod,
    AnswerEveryQuestion,

    // A domain's SMS limits.
    CallingCodes,
    SmsCeiling,

    // A domain's password policy.
    UnknownPreset,
    HistoryRange {
        min: u32,
        max: u32,
    },
    // A domain's recovery settings.
    ReconfirmDaysRange {
        max: u32,
    },
    CooldownRange {
        max: u32,
    },
    // The Audit Log's filters.
    UnknownAuditAction,
    BadDate,
    DateRange,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::UserError;
    use crate::language::Language;
    use crate::messages::user_error;

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
            let error = UserError::Invalid(invalid);
            assert_eq!(user_error(Language::en, &error), sentence);
        }
    }
}
