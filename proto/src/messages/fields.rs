//! The sentences of a missing or malformed form field and of a keyword
//! list's problems, in the reader's language.

use crate::error::{Invalid, NameField};
use crate::i18n::td_string;
use crate::language::Language;
use crate::policy::{keyword_as_shown as shown, offending_chars};
use crate::policy::{KeywordError, KEYWORD_MAX_LEN, KEYWORD_MIN_LEN};

/// What is wrong with one keyword of a list (named as written, in its
/// safe form).
pub fn keyword_error(lang: Language, error: &KeywordError) -> String {
    let (min, max) = (KEYWORD_MIN_LEN, KEYWORD_MAX_LEN);
    match error {
        KeywordError::TooShort { keyword } => {
            let keyword = shown(keyword);
            td_string!(
                lang,
                keyword.too_short,
                keyword = keyword,
                min = min,
                max = max
            )
            .to_string()
        }
        KeywordError::TooLong { keyword } => {
            let keyword = shown(keyword);
            td_string!(
                lang,
                keyword.too_long,
                keyword = keyword,
                min = min,
                max = max
            )
            .to_string()
        }
        KeywordError::InvalidChars { keyword } => {
            let shown_chars = offending_chars(keyword).join(", ");
            let keyword = shown(keyword);
            td_string!(
                lang,
                keyword.invalid_chars,
                keyword = keyword,
                shown = shown_chars
            )
            .to_string()
        }
        KeywordError::TooMany { count, max } => {
            td_string!(lang, keyword.too_many, count = *count, max = *max).to_string()
        }
        KeywordError::Duplicate { first, second } if first == second => {
            td_string!(lang, keyword.listed_twice, keyword = first).to_string()
        }
        KeywordError::Duplicate { first, second } => {
            td_string!(lang, keyword.duplicate, first = first, second = second).to_string()
        }
    }
}

fn field(lang: Language, field: NameField) -> &'static str {
    match field {
        NameField::DisplayName => td_string!(lang, invalid.field_display_name),
        NameField::DepartmentName => td_string!(lang, invalid.field_department_name),
    }
}

/// The sentence of a missing or malformed form field.
pub fn invalid(lang: Language, invalid: &Invalid) -> String {
    use Invalid as I;
    match *invalid {
        I::LoginTooLong { max } => td_string!(lang, invalid.login_too_long, max = max).to_string(),
        I::EnterName { field: f } => {
            td_string!(lang, invalid.enter_name, field = field(lang, f)).to_string()
        }
        I::NameTooLong {
            field: f,
            max,
            actual,
        } => td_string!(
            lang,
            invalid.name_too_long,
            field = field(lang, f),
            max = max,
            actual = actual
        )
        .to_string(),
        I::NameControlChars { field: f } => {
            td_string!(lang, invalid.name_control_chars, field = field(lang, f)).to_string()
        }
        I::EnterLocalPart => td_string!(lang, invalid.enter_local_part).to_string(),
        I::LocalPartTooLong { max } => {
            td_string!(lang, invalid.local_part_too_long, max = max).to_string()
        }
        I::LocalPartChars => td_string!(lang, invalid.local_part_chars).to_string(),
        I::LocalPartDotAtEnd => td_string!(lang, invalid.local_part_dot_at_end).to_string(),
        I::LocalPartTwoDots => td_string!(lang, invalid.local_part_two_dots).to_string(),
        I::AddressTaken => td_string!(lang, invalid.address_taken).to_string(),
        I::DisableOwnAccount => td_string!(lang, invalid.disable_own_account).to_string(),
        I::SearchTooLong { max } => {
            td_string!(lang, invalid.search_too_long, max = max).to_string()
        }
        I::DepartmentExists => td_string!(lang, invalid.department_exists).to_string(),
        I::EnterDomainName => td_string!(lang, invalid.enter_domain_name).to_string(),
        I::DomainNameChars => td_string!(lang, invalid.domain_name_chars).to_string(),
        I::DomainNameTooLong { max, actual } => td_string!(
            lang,
            invalid.domain_name_too_long,
            max = max,
            actual = actual
        )
        .to_string(),
        I::DomainNameEmptyPart => td_string!(lang, invalid.domain_name_empty_part).to_string(),
        I::DomainNameOnePart => td_string!(lang, invalid.domain_name_one_part).to_string(),
        I::DomainLabelTooLong { max } => {
            td_string!(lang, invalid.domain_label_too_long, max = max).to_string()
        }
        I::DomainLabelHyphen => td_string!(lang, invalid.domain_label_hyphen).to_string(),
        I::DomainLastPartDigits => td_string!(lang, invalid.domain_last_part_digits).to_string(),
        I::DomainTaken => td_string!(lang, invalid.domain_taken).to_string(),
        I::NoPostmaster => td_string!(lang, invalid.no_postmaster).to_string(),
        I::EnterPhone => td_string!(lang, invalid.enter_phone).to_string(),
        I::PhoneChars => td_string!(lang, invalid.phone_chars).to_string(),
        I::PhoneNotValid => td_string!(lang, invalid.phone_not_valid).to_string(),
        I::PhoneNotMobile => td_string!(lang, invalid.phone_not_mobile).to_string(),
        I::PhoneAlreadyBound => td_string!(lang, invalid.phone_already_bound).to_string(),
        I::SendCodeFirst => td_string!(lang, invalid.send_code_first).to_string(),
        I::EnterSmsCode => td_string!(lang, invalid.enter_sms_code).to_string(),
        I::ChooseQuestions { count } => {
            td_string!(lang, invalid.choose_questions, count = count).to_string()
        }
        I::DifferentQuestions { count } => {
            td_string!(lang, invalid.different_questions, count = count).to_string()
        }
        I::ChooseQuestion { n } => td_string!(lang, invalid.choose_question, n = n).to_string(),
        I::WriteOwnQuestion { n } => {
            td_string!(lang, invalid.write_own_question, n = n).to_string()
        }
        I::QuestionChosenTwice { n } => {
            td_string!(lang, invalid.question_chosen_twice, n = n).to_string()
        }
        I::QuestionTooLong { n, max } => {
            td_string!(lang, invalid.question_too_long, n = n, max = max).to_string()
        }
        I::QuestionControlChars { n } => {
            td_string!(lang, invalid.question_control_chars, n = n).to_string()
        }
        I::AnswerQuestion { n } => td_string!(lang, invalid.answer_question, n = n).to_string(),
        I::AnswerTooLong { n, max } => {
            td_string!(lang, invalid.answer_too_long, n = n, max = max).to_string()
        }
        I::EnterFullAddress => td_string!(lang, invalid.enter_full_address).to_string(),
        I::EnterCaptcha => td_string!(lang, invalid.enter_captcha).to_string(),
        I::ChooseMethod => td_string!(lang, invalid.choose_method).to_string(),
        I::AnswerEveryQuestion => td_string!(lang, invalid.answer_every_question).to_string(),
        I::CallingCodes => td_string!(lang, invalid.calling_codes).to_string(),
        I::SmsCeiling => td_string!(lang, invalid.sms_ceiling).to_string(),
        I::UnknownPreset => td_string!(lang, invalid.unknown_preset).to_string(),
        I::HistoryRange { min, max } => {
            td_string!(lang, invalid.history_range, min = min, max = max).to_string()
        }
        I::ReconfirmDaysRange { max } => {
            td_string!(lang, invalid.reconfirm_days_range, max = max).to_string()
        }
        I::CooldownRange { max } => td_string!(lang, invalid.cooldown_range, max = max).to_string(),
        I::UnknownAuditAction => td_string!(lang, invalid.unknown_audit_action).to_string(),
        I::UnknownChoice => td_string!(lang, invalid.unknown_choice).to_string(),
        I::StalePage => td_string!(lang, invalid.stale_page).to_string(),
        I::SelectAccounts => td_string!(lang, invalid.select_accounts).to_string(),
        I::TooManyAccounts { max } => {
            td_string!(lang, invalid.too_many_accounts, max = max).to_string()
        }
        I::ImportChooseFile => td_string!(lang, invalid.import_choose_file).to_string(),
        I::ImportTooLarge { max } => {
            td_string!(lang, invalid.import_too_large, max = max).to_string()
        }
        I::ImportNotUtf8 => td_string!(lang, invalid.import_not_utf8).to_string(),
        I::ImportColumns => td_string!(lang, invalid.import_columns).to_string(),
        I::ImportEmpty => td_string!(lang, invalid.import_empty).to_string(),
        I::ImportTooManyRows { max } => {
            td_string!(lang, invalid.import_too_many_rows, max = max).to_string()
        }
        I::ImportNotCsv { line } => {
            td_string!(lang, invalid.import_not_csv, line = line).to_string()
        }
        I::ImportNothingReady => td_string!(lang, invalid.import_nothing_ready).to_string(),
        I::ImportDone => td_string!(lang, invalid.import_done).to_string(),
        I::ImportExpired => td_string!(lang, invalid.import_expired).to_string(),
        I::BadDate => td_string!(lang, invalid.bad_date).to_string(),
        I::DateRange => td_string!(lang, invalid.date_range).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::UserError;
    use crate::messages::user_error;

    /// Every form-field sentence and every keyword problem, in English,
    /// is the type's own; in Chinese it is different and keeps the figures.
    #[test]
    fn every_field_and_keyword_sentence_is_the_types_own_in_english() {
        use crate::error::{Invalid as I, NameField as F};
        let field = F::DepartmentName;
        let invalid = [
            I::LoginTooLong { max: 254 },
            I::EnterName { field },
            I::NameTooLong {
                field,
                max: 80,
                actual: 91,
            },
            I::NameControlChars {
                field: F::DisplayName,
            },
            I::EnterLocalPart,
            I::LocalPartTooLong { max: 64 },
            I::LocalPartChars,
            I::LocalPartDotAtEnd,
            I::LocalPartTwoDots,
            I::AddressTaken,
            I::DisableOwnAccount,
            I::SearchTooLong { max: 100 },
            I::DepartmentExists,
            I::EnterDomainName,
            I::DomainNameChars,
            I::DomainNameTooLong {
                max: 253,
                actual: 260,
            },
            I::DomainNameEmptyPart,
            I::DomainNameOnePart,
            I::DomainLabelTooLong { max: 63 },
            I::DomainLabelHyphen,
            I::DomainLastPartDigits,
            I::DomainTaken,
            I::NoPostmaster,
            I::EnterPhone,
            I::PhoneChars,
            I::PhoneNotValid,
            I::PhoneNotMobile,
            I::PhoneAlreadyBound,
            I::SendCodeFirst,
            I::EnterSmsCode,
            I::ChooseQuestions { count: 3 },
            I::DifferentQuestions { count: 3 },
            I::ChooseQuestion { n: 2 },
            I::WriteOwnQuestion { n: 2 },
            I::QuestionChosenTwice { n: 2 },
            I::QuestionTooLong { n: 2, max: 120 },
            I::QuestionControlChars { n: 2 },
            I::AnswerQuestion { n: 2 },
            I::AnswerTooLong { n: 2, max: 120 },
            I::EnterFullAddress,
            I::EnterCaptcha,
            I::ChooseMethod,
            I::AnswerEveryQuestion,
            I::CallingCodes,
            I::SmsCeiling,
            I::UnknownPreset,
            I::HistoryRange { min: 4, max: 24 },
            I::ReconfirmDaysRange { max: 3650 },
            I::CooldownRange { max: 720 },
            I::UnknownAuditAction,
            I::UnknownChoice,
            I::StalePage,
            I::SelectAccounts,
            I::TooManyAccounts { max: 50 },
            I::ImportChooseFile,
            I::ImportTooLarge { max: 2 },
            I::ImportNotUtf8,
            I::ImportColumns,
            I::ImportEmpty,
            I::ImportTooManyRows { max: 10_000 },
            I::ImportNotCsv { line: 3 },
            I::ImportNothingReady,
            I::ImportDone,
            I::ImportExpired,
            I::BadDate,
            I::DateRange,
        ];
        for one in &invalid {
            let error = UserError::Invalid(one.clone());
            let english = user_error(Language::en, &error);
            let chinese = user_error(Language::zh_CN, &error);
            assert_ne!(chinese, english);
            let figures =
                |text: &str| -> String { text.chars().filter(char::is_ascii_digit).collect() };
            assert_eq!(figures(&chinese), figures(&english), "{chinese}");
        }
        let keywords = vec![
            KeywordError::TooMany {
                count: 1001,
                max: 1000,
            },
            KeywordError::TooShort {
                keyword: "abc".into(),
            },
            KeywordError::TooLong {
                keyword: "a".repeat(33),
            },
            KeywordError::InvalidChars {
                keyword: "ca\u{202e}fé".into(),
            },
            KeywordError::Duplicate {
                first: "Example".into(),
                second: "3xample".into(),
            },
            KeywordError::Duplicate {
                first: "acme".into(),
                second: "acme".into(),
            },
        ];
        for error in [
            UserError::Keywords(keywords.clone()),
            UserError::Keywords(vec![]),
        ] {
            assert_ne!(
                user_error(Language::zh_CN, &error),
                user_error(Language::en, &error)
            );
        }
        let chinese = keyword_error(Language::zh_CN, &keywords[3]);
        assert!(
            chinese.contains("U+202E") && chinese.contains("[U+202E]"),
            "{chinese}"
        );
        assert!(!chinese.contains('\u{202e}'), "{chinese}");
    }
}
