//! What the app says, in the reader's language: the policy checklist's
//! lines and failures, the errors a person may be told, and the SMS. The policy
//! module stays pure (codes and figures); its sentences are made here,
//! from `locales/<language>/<namespace>.json`.

use crate::error::{Invalid, NameField, UserError};
use crate::i18n::td_string;
use crate::language::Language;
use crate::policy::{keyword_as_shown as shown, offending_chars};
use crate::policy::{
    CharClass, KeywordError, PolicyFailure, Rule, KEYWORD_MAX_LEN, KEYWORD_MIN_LEN,
};

/// A checklist line: what the rule asks.
pub fn requirement(lang: Language, rule: Rule) -> String {
    match rule {
        Rule::TooShort => td_string!(lang, rule.too_short),
        Rule::TooLong => td_string!(lang, rule.too_long),
        Rule::InvalidChars => td_string!(lang, rule.invalid_chars),
        Rule::TooFewClasses => td_string!(lang, rule.too_few_classes),
        Rule::ContainsAccount => td_string!(lang, rule.contains_account),
        Rule::ContainsKeyword => td_string!(lang, rule.contains_keyword),
        Rule::Mismatch => td_string!(lang, rule.mismatch),
    }
    .to_string()
}

fn class(lang: Language, class: CharClass) -> String {
    match class {
        CharClass::Uppercase => td_string!(lang, class.uppercase),
        CharClass::Lowercase => td_string!(lang, class.lowercase),
        CharClass::Digit => td_string!(lang, class.digit),
        CharClass::Special => td_string!(lang, class.special),
    }
    .to_string()
}

/// "a", "a and b", "a, b and c" (in Chinese "a、b和c").
fn join_and(lang: Language, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!(
            "{}{}{last}",
            init.join(td_string!(lang, failure.comma)),
            td_string!(lang, failure.and)
        ),
    }
}

/// What a failed rule says, with its figures.
pub fn failure(lang: Language, failure: &PolicyFailure) -> String {
    match failure {
        PolicyFailure::TooShort { min, actual } => {
            td_string!(lang, failure.too_short, min = *min, actual = *actual).to_string()
        }
        PolicyFailure::TooLong { max, actual } => {
            td_string!(lang, failure.too_long, max = *max, actual = *actual).to_string()
        }
        PolicyFailure::InvalidChars { shown } => {
            let shown = shown.join(", ");
            td_string!(lang, failure.invalid_chars, shown = shown).to_string()
        }
        PolicyFailure::TooFewClasses { required, present } => {
            if present.is_empty() {
                td_string!(lang, failure.too_few_classes_none, required = *required).to_string()
            } else {
                let labels: Vec<String> = present.iter().map(|c| class(lang, *c)).collect();
                let present = join_and(lang, &labels);
                td_string!(
                    lang,
                    failure.too_few_classes,
                    required = *required,
                    present = present
                )
                .to_string()
            }
        }
        PolicyFailure::ContainsAccount { part } => {
            td_string!(lang, failure.contains_account, part = part).to_string()
        }
        PolicyFailure::ContainsKeyword { keywords } => {
            let quoted: Vec<String> = keywords.iter().map(|k| format!("\"{k}\"")).collect();
            let keywords_text = join_and(lang, &quoted);
            if keywords.len() == 1 {
                td_string!(lang, failure.contains_keyword_one, keywords = keywords_text).to_string()
            } else {
                td_string!(
                    lang,
                    failure.contains_keyword_many,
                    keywords = keywords_text
                )
                .to_string()
            }
        }
        PolicyFailure::Mismatch => td_string!(lang, failure.mismatch).to_string(),
    }
}

/// The sentence of an error.
pub fn user_error(lang: Language, error: &UserError) -> String {
    match error {
        UserError::BadCredentials => td_string!(lang, error.bad_credentials).to_string(),
        UserError::BadConsoleCredentials => {
            td_string!(lang, error.bad_console_credentials).to_string()
        }
        UserError::Locked => td_string!(lang, error.locked).to_string(),
        UserError::AccountDisabled => td_string!(lang, error.account_disabled).to_string(),
        UserError::TooManyRequests => td_string!(lang, error.too_many_requests).to_string(),
        UserError::Busy => td_string!(lang, error.busy).to_string(),
        UserError::Unavailable => td_string!(lang, error.unavailable).to_string(),
        UserError::NotSignedIn => td_string!(lang, error.not_signed_in).to_string(),
        UserError::MustChangePassword => td_string!(lang, error.must_change_password).to_string(),
        UserError::NotAllowed => td_string!(lang, error.not_allowed).to_string(),
        UserError::WrongCurrentPassword => {
            td_string!(lang, error.wrong_current_password).to_string()
        }
        UserError::CurrentPasswordLocked => {
            td_string!(lang, error.current_password_locked).to_string()
        }
        UserError::Policy(_) => td_string!(lang, error.policy).to_string(),
        UserError::Keywords(errors) => {
            if errors.is_empty() {
                return td_string!(lang, error.keywords_not_saved).to_string();
            }
            let mut text = td_string!(lang, error.keywords_not_saved_because).to_string();
            for error in errors {
                text.push(' ');
                text.push_str(&keyword_error(lang, error));
            }
            text
        }
        UserError::Invalid(invalid) => self::invalid(lang, invalid),
        UserError::CaptchaWrong => td_string!(lang, error.captcha_wrong).to_string(),
        UserError::CodeWrong { tries_left } => {
            td_string!(lang, error.code_wrong, tries_left = *tries_left).to_string()
        }
        UserError::CodeDead => td_string!(lang, error.code_dead).to_string(),
        UserError::ResendTooSoon(seconds) => {
            td_string!(lang, error.resend_too_soon, seconds = *seconds).to_string()
        }
        UserError::SmsLimit => td_string!(lang, error.sms_limit).to_string(),
        UserError::AnswersWrong => td_string!(lang, error.answers_wrong).to_string(),
        UserError::MethodLocked => td_string!(lang, error.method_locked).to_string(),
        UserError::FlowExpired => td_string!(lang, error.flow_expired).to_string(),
        UserError::Internal => td_string!(lang, error.internal).to_string(),
        UserError::Transport => td_string!(lang, error.transport).to_string(),
    }
}

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
    }
}

/// What an account is told after something changed its password or its
/// recovery methods: by SMS to its secure phone and, for resets, on its
/// mailbox home page. Kept by kind and time, and worded per reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccountNotice {
    /// Reset by the holder through Forgot Password.
    Recovered {
        at: i64,
    },
    /// Reset by the domain's postmaster.
    ResetByAdmin {
        at: i64,
    },
    /// The postmaster's password, reset by the domain's console owner.
    ResetByOwner {
        at: i64,
    },
    /// To the secure phone that was replaced (`phone` is the new one,
    /// masked).
    PhoneChanged {
        address: String,
        phone: String,
    },
    QuestionsChanged {
        address: String,
        at: i64,
    },
}

impl AccountNotice {
    /// The kind a notice of the home page is stored as.
    pub fn kind(&self) -> &'static str {
        match self {
            AccountNotice::Recovered { .. } => "recovered",
            AccountNotice::ResetByAdmin { .. } => "reset_by_admin",
            AccountNotice::ResetByOwner { .. } => "reset_by_owner",
            AccountNotice::PhoneChanged { .. } => "phone_changed",
            AccountNotice::QuestionsChanged { .. } => "questions_changed",
        }
    }

    /// A home-page notice from its stored kind and time, when the kind is
    /// one that is shown there.
    pub fn from_kind(kind: &str, at: i64) -> Option<AccountNotice> {
        match kind {
            "recovered" => Some(AccountNotice::Recovered { at }),
            "reset_by_admin" => Some(AccountNotice::ResetByAdmin { at }),
            _ => None,
        }
    }
}

/// The SMS of a notice.
pub fn notice_sms(lang: Language, notice: &AccountNotice) -> String {
    use crate::time::format_time;
    match notice {
        AccountNotice::Recovered { at } => {
            td_string!(lang, notice.recovered_sms, time = format_time(*at)).to_string()
        }
        AccountNotice::ResetByAdmin { at } => {
            td_string!(lang, notice.reset_by_admin_sms, time = format_time(*at)).to_string()
        }
        AccountNotice::ResetByOwner { at } => {
            td_string!(lang, notice.reset_by_owner_sms, time = format_time(*at)).to_string()
        }
        AccountNotice::PhoneChanged { address, phone } => td_string!(
            lang,
            notice.phone_changed_sms,
            address = address,
            phone = phone
        )
        .to_string(),
        AccountNotice::QuestionsChanged { address, at } => td_string!(
            lang,
            notice.questions_changed_sms,
            address = address,
            time = format_time(*at)
        )
        .to_string(),
    }
}

/// A notice as the mailbox home page shows it.
pub fn notice_text(lang: Language, notice: &AccountNotice) -> String {
    match notice {
        AccountNotice::ResetByAdmin { at } => {
            let time = crate::time::format_time(*at);
            td_string!(lang, notice.reset_by_admin, time = time).to_string()
        }
        other => notice_sms(lang, other),
    }
}

/// The SMS with the code that binds a secure phone.
pub fn sms_bind_code(lang: Language, code: &str) -> String {
    td_string!(lang, notice.bind_code_sms, code = code).to_string()
}

/// The security questions offered in the list, in the reader's language
/// (a chosen one is kept as its text, like a question of one's own).
pub fn preset_questions(lang: Language) -> Vec<String> {
    [
        td_string!(lang, questions.q1),
        td_string!(lang, questions.q2),
        td_string!(lang, questions.q3),
        td_string!(lang, questions.q4),
        td_string!(lang, questions.q5),
        td_string!(lang, questions.q6),
        td_string!(lang, questions.q7),
        td_string!(lang, questions.q8),
    ]
    .into_iter()
    .map(str::to_owned)
    .collect()
}

/// What a mail client is told when a disabled account logs on to the mail
/// server with its right password.
pub fn imap_disabled(lang: Language, _origin: &str) -> String {
    user_error(lang, &UserError::AccountDisabled)
}

/// What a mail client is told when an account that must change its
/// password logs on to the mail server with its right password.
pub fn imap_must_change(lang: Language, origin: &str) -> String {
    let url = format!("{origin}/login");
    td_string!(lang, mail_auth.must_change, url = url).to_string()
}

/// The SMS with a Forgot Password code.
pub fn sms_reset_code(lang: Language, code: &str) -> String {
    td_string!(lang, sms.reset_code, code = code).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The English sentences are the policy module's and the error type's
    /// own (which the logs and the API keep): the translations must not
    /// drift from them.
    #[test]
    fn english_is_what_the_types_say() {
        for error in [
            UserError::BadCredentials,
            UserError::Locked,
            UserError::CodeWrong { tries_left: 4 },
            UserError::ResendTooSoon(42),
            UserError::Unavailable,
            UserError::FlowExpired,
        ] {
            assert_eq!(user_error(Language::en, &error), error.to_string());
        }
        for failure_ in [
            PolicyFailure::TooShort { min: 8, actual: 3 },
            PolicyFailure::TooFewClasses {
                required: 3,
                present: vec![CharClass::Lowercase, CharClass::Digit],
            },
            PolicyFailure::ContainsKeyword {
                keywords: vec!["example".into(), "alibaba".into()],
            },
            PolicyFailure::Mismatch,
        ] {
            assert_eq!(failure(Language::en, &failure_), failure_.to_string());
        }
        for rule in Rule::ALL {
            assert_eq!(requirement(Language::en, rule), rule.requirement());
        }
    }

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
        ];
        for one in &invalid {
            let error = UserError::Invalid(one.clone());
            assert_eq!(user_error(Language::en, &error), error.to_string());
            let chinese = user_error(Language::zh_CN, &error);
            assert_ne!(chinese, error.to_string());
            let figures =
                |text: &str| -> String { text.chars().filter(char::is_ascii_digit).collect() };
            assert_eq!(figures(&chinese), figures(&error.to_string()), "{chinese}");
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
            assert_eq!(user_error(Language::en, &error), error.to_string());
            assert_ne!(user_error(Language::zh_CN, &error), error.to_string());
        }
        let chinese = keyword_error(Language::zh_CN, &keywords[3]);
        assert!(
            chinese.contains("U+202E") && chinese.contains("[U+202E]"),
            "{chinese}"
        );
        assert!(!chinese.contains('\u{202e}'), "{chinese}");
    }

    #[test]
    fn the_english_preset_questions_are_the_lists() {
        assert_eq!(
            preset_questions(Language::en),
            crate::binding::PRESET_QUESTIONS
        );
        let chinese = preset_questions(Language::zh_CN);
        assert_eq!(chinese.len(), crate::binding::PRESET_QUESTIONS.len());
        assert!(chinese.iter().all(|q| q.ends_with('？')), "{chinese:?}");
    }

    #[test]
    fn chinese_keeps_the_figures() {
        let text = failure(
            Language::zh_CN,
            &PolicyFailure::TooShort { min: 8, actual: 3 },
        );
        assert!(text.contains('8') && text.contains('3'), "{text}");
        assert_eq!(
            user_error(Language::zh_CN, &UserError::BadCredentials),
            "邮箱地址或密码错误。"
        );
    }
}
