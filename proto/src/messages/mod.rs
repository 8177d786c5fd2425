//! What the app says, in the reader's language: the policy checklist's
//! lines and failures, the errors a person may be told (`fields`: the
//! form-field and keyword-list problems), and the account notices and SMS
//! (`notices`). The policy module stays pure (codes and figures); its
//! sentences are made here, from `locales/<language>/<namespace>.json`.

mod fields;
mod notices;

pub use fields::{invalid, keyword_error};
pub use notices::{
    imap_disabled, imap_must_change, notice_sms, notice_text, preset_questions, sms_bind_code,
    sms_reset_code, AccountNotice,
};

use crate::error::UserError;
use crate::i18n::td_string;
use crate::language::Language;
use crate::policy::{CharClass, Composition, PolicyFailure, Preset, Rule};

// The composition line (`locales/*/rule.json`) spells out its figure:
// keep it in step with the constant at compile time, not by eye.
const _: () = assert!(crate::policy::MIN_CLASSES == 3);

/// A checklist line: what the rule asks under `preset`.
pub fn requirement(lang: Language, rule: Rule, preset: Preset) -> String {
    match rule {
        Rule::TooShort => td_string!(lang, rule.too_short, min = preset.min_len()).to_string(),
        Rule::TooLong => td_string!(lang, rule.too_long, max = preset.max_len()).to_string(),
        Rule::InvalidChars if preset.allows_space() => {
            td_string!(lang, rule.invalid_chars_space).to_string()
        }
        Rule::InvalidChars => td_string!(lang, rule.invalid_chars).to_string(),
        Rule::TooFewClasses => match preset.composition() {
            Composition::LetterAndDigit => td_string!(lang, rule.letter_and_digit).to_string(),
            Composition::ThreeOfFour | Composition::None => {
                td_string!(lang, rule.too_few_classes).to_string()
            }
        },
        Rule::ContainsAccount => td_string!(lang, rule.contains_account).to_string(),
        Rule::ContainsKeyword => td_string!(lang, rule.contains_keyword).to_string(),
        Rule::CommonPassword => td_string!(lang, rule.common_password).to_string(),
        Rule::Mismatch => td_string!(lang, rule.mismatch).to_string(),
        Rule::ReusedPassword => td_string!(lang, rule.reused_password).to_string(),
    }
}

/// A preset's name, as the Password Policy page lists it.
pub fn preset_name(lang: Language, preset: Preset) -> String {
    match preset {
        Preset::Standard => td_string!(lang, rule.preset_standard),
        Preset::Nist80063b4 => td_string!(lang, rule.preset_nist),
        Preset::PciDss4 => td_string!(lang, rule.preset_pci),
    }
    .to_string()
}

/// What a checklist line still checking adds after its requirement.
pub fn checking(lang: Language) -> String {
    td_string!(lang, checklist.checking).to_string()
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
            init.join(td_string!(lang, common.list_separator)),
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
        PolicyFailure::TooFewClasses {
            present,
            letter_and_digit: true,
            ..
        } => {
            if present.is_empty() {
                td_string!(lang, failure.letter_and_digit_none).to_string()
            } else {
                let labels: Vec<String> = present.iter().map(|c| class(lang, *c)).collect();
                let present = join_and(lang, &labels);
                td_string!(lang, failure.letter_and_digit, present = present).to_string()
            }
        }
        PolicyFailure::TooFewClasses {
            required, present, ..
        } => {
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
        PolicyFailure::CommonPassword => td_string!(lang, failure.common_password).to_string(),
        PolicyFailure::Mismatch => td_string!(lang, failure.mismatch).to_string(),
        PolicyFailure::ReusedPassword => td_string!(lang, failure.reused_password).to_string(),
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
        UserError::Reported => td_string!(lang, error.reported).to_string(),
        UserError::RecoverySetupRequired => {
            td_string!(lang, error.recovery_setup_required).to_string()
        }
        UserError::ReportLinkUsed => td_string!(lang, error.report_link_used).to_string(),
        UserError::ReportLinkExpired => td_string!(lang, error.report_link_expired).to_string(),
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
        UserError::PolicyChanged(_) => td_string!(lang, error.policy_changed).to_string(),
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
        UserError::SmsNumberLimit => td_string!(lang, error.sms_number_limit).to_string(),
        UserError::SmsCountryNotAllowed => td_string!(lang, error.sms_country).to_string(),
        UserError::SmsDomainLimit => td_string!(lang, error.sms_domain_limit).to_string(),
        UserError::AnswersWrong => td_string!(lang, error.answers_wrong).to_string(),
        UserError::MethodLocked => td_string!(lang, error.method_locked).to_string(),
        UserError::Internal => td_string!(lang, error.internal).to_string(),
        // What a call the browser makes on its own can meet: said once, there.
        UserError::TooManyRequests
        | UserError::Busy
        | UserError::Unavailable
        | UserError::FlowExpired
        | UserError::Transport => call_error(lang, error),
        UserError::BadRequest => td_string!(lang, error.bad_request).to_string(),
    }
}

/// The sentence of an error a call the browser makes on its own (the
/// Forgot Password image) can meet: the load and rate limits, an ended
/// flow, the network. Anything else reads as the server's fault. Smaller
/// than [`user_error`], which carries every sentence of the app into the
/// first download of the page that uses it.
pub fn call_error(lang: Language, error: &UserError) -> String {
    match error {
        UserError::TooManyRequests => td_string!(lang, error.too_many_requests),
        UserError::Busy => td_string!(lang, error.busy),
        UserError::Unavailable => td_string!(lang, error.unavailable),
        UserError::FlowExpired => td_string!(lang, error.flow_expired),
        UserError::Transport => td_string!(lang, error.transport),
        _ => td_string!(lang, error.internal),
    }
    .to_string()
}

/// What a page says when the next page could not be fetched (the network
/// failed during a navigation), and the label of its button.
pub fn navigation_failed(lang: Language) -> (String, String) {
    (
        td_string!(lang, common.navigation_failed).to_string(),
        td_string!(lang, common.try_again).to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// English lives in `locales/en` alone; these are sentences the help
    /// article and the policy document quote, word for word.
    #[test]
    fn english_says_what_the_documents_quote() {
        for (error, sentence) in [
            (
                UserError::BadCredentials,
                "The email address or password is incorrect.",
            ),
            (
                UserError::Locked,
                "Too many failed logons. This account is locked for 15 minutes; \
                 you can still use Forgot Password.",
            ),
            (
                UserError::CodeWrong { tries_left: 4 },
                "The SMS verification code is incorrect. 4 more tries with this code.",
            ),
            (
                UserError::ResendTooSoon(42),
                "You can request a new code in 42 s.",
            ),
        ] {
            assert_eq!(user_error(Language::en, &error), sentence);
        }
        for (failure_, sentence) in [
            (
                PolicyFailure::TooShort { min: 8, actual: 3 },
                "Use at least 8 characters (this has 3).",
            ),
            (
                PolicyFailure::TooFewClasses {
                    required: 3,
                    present: vec![CharClass::Lowercase, CharClass::Digit],
                    letter_and_digit: false,
                },
                "Use at least 3 kinds of characters; this has only lowercase and digits.",
            ),
            (
                PolicyFailure::ContainsKeyword {
                    keywords: vec!["example".into(), "alibaba".into()],
                },
                "Must not contain the weak keywords \"example\" and \"alibaba\" set by your \
                 postmaster.",
            ),
            (PolicyFailure::Mismatch, "The two entries do not match."),
        ] {
            assert_eq!(failure(Language::en, &failure_), sentence);
        }
        assert_eq!(
            requirement(Language::en, Rule::TooShort, Preset::Standard),
            "At least 8 characters"
        );
        assert_eq!(
            requirement(Language::en, Rule::TooShort, Preset::Nist80063b4),
            "At least 15 characters"
        );
        assert_eq!(
            requirement(Language::en, Rule::TooFewClasses, Preset::PciDss4),
            "At least one letter and one digit"
        );
        assert_eq!(
            requirement(Language::en, Rule::CommonPassword, Preset::Standard),
            "Not a commonly used password"
        );
        assert_eq!(
            failure(Language::en, &PolicyFailure::ReusedPassword),
            "You used this password before."
        );
        assert_eq!(
            requirement(Language::en, Rule::TooFewClasses, Preset::Standard),
            "At least 3 of: uppercase, lowercase, digits, special characters"
        );
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
