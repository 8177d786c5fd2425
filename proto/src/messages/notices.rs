//! What an account is told, and the other SMS and lists worded per
//! reader: reset and recovery-method notices, the codes' SMS, the preset
//! security questions, the mail server's refusals.

use crate::error::UserError;
use crate::i18n::td_string;
use crate::language::Language;
use crate::messages::user_error;
use crate::report::Reportable;

/// What an account is told after something changed its password or its
/// recovery methods: by SMS to its secure phone and, for resets, on its
/// mailbox home page. Kept by kind and time, and worded per reader. No SMS
/// carries the account's address or a password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccountNotice {
    /// Reset by the holder through Forgot Password (home page).
    Recovered {
        at: i64,
    },
    /// Reset by the domain's postmaster (home page).
    ResetByAdmin {
        at: i64,
    },
    /// The SMS after a password was set (the three scenarios and the own
    /// change) or the secure phone replaced (to the old number): what
    /// happened and the "This wasn't me" link (its page says when).
    Report {
        what: Reportable,
        link: String,
    },
    QuestionsChanged {
        at: i64,
    },
    /// Strangers locked the account; its holder logged on from a familiar
    /// browser (home page).
    StrangersTried {
        at: i64,
    },
    /// Strangers locked the account (SMS, once per lock): how to unlock.
    LockedByStrangers {
        url: String,
    },
    /// A mail app presented the previous password after a change (home
    /// page and SMS, once per previous password). `client` says where.
    StalePassword {
        client: String,
    },
    /// The holder unlocked the account with Forgot Password (SMS).
    Unlocked {
        at: i64,
    },
    /// To the domain's postmasters: an account of theirs was reported
    /// (SMS); `url` is Employee Accounts.
    Reported {
        url: String,
    },
}

impl AccountNotice {
    /// The kind a notice of the home page is stored as.
    pub fn kind(&self) -> &'static str {
        match self {
            AccountNotice::Recovered { .. } => "recovered",
            AccountNotice::ResetByAdmin { .. } => "reset_by_admin",
            AccountNotice::Report { what, .. } => what.key(),
            AccountNotice::QuestionsChanged { .. } => "questions_changed",
            AccountNotice::StrangersTried { .. } => "strangers_tried",
            AccountNotice::LockedByStrangers { .. } => "locked_by_strangers",
            AccountNotice::StalePassword { .. } => "stale_password",
            AccountNotice::Unlocked { .. } => "unlocked",
            AccountNotice::Reported { .. } => "reported",
        }
    }

    /// What a home-page notice keeps beside its kind and time.
    pub fn detail(&self) -> Option<&str> {
        match self {
            AccountNotice::StalePassword { client } => Some(client),
            _ => None,
        }
    }

    /// A home-page notice from its stored kind and time, when the kind is
    /// one that is shown there.
    pub fn from_kind(kind: &str, at: i64, detail: Option<String>) -> Option<AccountNotice> {
        match kind {
            "recovered" => Some(AccountNotice::Recovered { at }),
            "reset_by_admin" => Some(AccountNotice::ResetByAdmin { at }),
            "strangers_tried" => Some(AccountNotice::StrangersTried { at }),
            "stale_password" => Some(AccountNotice::StalePassword { client: detail? }),
            _ => None,
        }
    }
}

/// The SMS of a notice.
pub fn notice_sms(lang: Language, notice: &AccountNotice) -> String {
    use crate::time::format_time;
    match notice {
        AccountNotice::Recovered { at } => {
            td_string!(lang, notice.recovered, time = format_time(*at)).to_string()
        }
        AccountNotice::ResetByAdmin { at } => {
            td_string!(lang, notice.reset_by_admin, time = format_time(*at)).to_string()
        }
        AccountNotice::Report { what, link } => match what {
            Reportable::Recovered => td_string!(lang, notice.recovered_sms, url = link).to_string(),
            Reportable::ResetByAdmin => {
                td_string!(lang, notice.reset_by_admin_sms, url = link).to_string()
            }
            Reportable::ResetByOwner => {
                td_string!(lang, notice.reset_by_owner_sms, url = link).to_string()
            }
            Reportable::OwnChange => {
                td_string!(lang, notice.own_change_sms, url = link).to_string()
            }
            Reportable::PhoneChanged => {
                td_string!(lang, notice.phone_changed_sms, url = link).to_string()
            }
        },
        AccountNotice::QuestionsChanged { at } => {
            td_string!(lang, notice.questions_changed_sms, time = format_time(*at)).to_string()
        }
        AccountNotice::StrangersTried { at } => {
            td_string!(lang, notice.strangers_tried, time = format_time(*at)).to_string()
        }
        AccountNotice::LockedByStrangers { url } => {
            td_string!(lang, notice.locked_by_strangers_sms, url = url).to_string()
        }
        AccountNotice::StalePassword { client } => {
            td_string!(lang, notice.stale_password, client = client).to_string()
        }
        AccountNotice::Unlocked { at } => {
            td_string!(lang, notice.unlocked_sms, time = format_time(*at)).to_string()
        }
        AccountNotice::Reported { url } => {
            td_string!(lang, notice.reported_sms, url = url).to_string()
        }
    }
}

/// A notice as the mailbox home page shows it.
pub fn notice_text(lang: Language, notice: &AccountNotice) -> String {
    notice_sms(lang, notice)
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

    /// Every SMS fits one segment: 160 GSM characters in English (printable
    /// ASCII here), 70 UTF-16 units in Chinese, the link included, for a
    /// site at `https://mail.example.com`; and none carries an address.
    #[test]
    fn every_sms_fits_one_segment() {
        let origin = "https://mail.example.com";
        let link = format!("{origin}{}{}", crate::report::REPORT_PATH, "A".repeat(16));
        let at = 1_764_900_000_000;
        let mut notices: Vec<AccountNotice> = Reportable::ALL
            .into_iter()
            .map(|what| AccountNotice::Report {
                what,
                link: link.clone(),
            })
            .collect();
        notices.extend([
            AccountNotice::QuestionsChanged { at },
            AccountNotice::LockedByStrangers {
                url: format!("{origin}/forgot"),
            },
            AccountNotice::StalePassword {
                client: "2001:db8:85a3:8d3:1319:8a2e:370:7348".to_owned(),
            },
            AccountNotice::Unlocked { at },
            AccountNotice::Reported {
                url: format!("{origin}/admin/accounts"),
            },
        ]);
        for notice in &notices {
            let english = notice_sms(Language::en, notice);
            assert!(english.len() <= 160, "{} > 160: {english}", english.len());
            assert!(
                english.bytes().all(|b| (b' '..=b'~').contains(&b)),
                "{english}"
            );
            let chinese = notice_sms(Language::zh_CN, notice);
            let units = chinese.encode_utf16().count();
            assert!(units <= 70, "{units} > 70: {chinese}");
            for text in [&english, &chinese] {
                assert!(!text.contains('@'), "an address in {text}");
            }
        }
        for text in [
            sms_reset_code(Language::en, "123456"),
            sms_bind_code(Language::en, "123456"),
        ] {
            assert!(text.len() <= 160, "{text}");
        }
        for text in [
            sms_reset_code(Language::zh_CN, "123456"),
            sms_bind_code(Language::zh_CN, "123456"),
        ] {
            assert!(text.encode_utf16().count() <= 70, "{text}");
        }
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
}
