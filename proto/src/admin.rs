//! Domain management (scenario 1): what a postmaster sees and changes in
//! their own domain. The types travel to the browser; none carries a hash,
//! a code or an answer.

use serde::{Deserialize, Serialize};

use crate::auth::Role;
use crate::i18n::td_string;
use crate::language::Language;

/// Accounts a page of Employee Accounts shows.
pub const PAGE_SIZE: u32 = 50;

/// The domain the signed-in postmaster manages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminDomain {
    pub domain: String,
    pub postmaster: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeRow {
    pub id: String,
    pub display_name: String,
    pub address: String,
    pub department: Option<String>,
    pub enabled: bool,
    /// Its holder pressed "This wasn't me"; the postmaster's Reset
    /// Password ends it.
    pub reported: bool,
    pub role: Role,
    /// Unix milliseconds.
    pub last_logon_at: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeePage {
    pub rows: Vec<EmployeeRow>,
    /// Matching accounts in all pages.
    pub total: i64,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    pub id: String,
    pub name: String,
    pub accounts: i64,
}

/// One account as the Edit Account page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDetail {
    pub id: String,
    pub display_name: String,
    pub address: String,
    pub department_id: Option<String>,
    pub department: Option<String>,
    pub enabled: bool,
    /// Its holder pressed "This wasn't me"; Reset Password ends it.
    pub reported: bool,
    pub role: Role,
    pub last_logon_at: Option<i64>,
    pub password_changed_at: i64,
    pub must_change_password: bool,
    /// Masked, e.g. `+86 138****8001`.
    pub phone: Option<String>,
    pub has_security_questions: bool,
    /// The signed-in postmaster's own account (not resettable here).
    pub is_self: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainPolicy {
    pub domain: String,
    /// As the postmaster wrote them.
    pub keywords: Vec<String>,
    pub preset: crate::policy::Preset,
    /// "Remember previous passwords".
    pub history: u32,
    pub allow_sms: bool,
    pub allow_questions: bool,
    /// The calling codes SMS may go to, as shown (`+86, +852`).
    pub sms_calling_codes: String,
    pub sms_daily_ceiling: i64,
    /// SMS codes sent in the current window of the daily ceiling.
    pub sms_sent_today: i64,
    pub recovery: crate::report::RecoverySettings,
}

/// The most calling codes a domain lists, and the highest daily ceiling.
pub const MAX_CALLING_CODES: usize = 20;
pub const MAX_SMS_CEILING: i64 = 100_000;

/// The calling codes a postmaster typed (`+86, 852`): 1 to 3 digits each,
/// an optional `+`, separated by commas or spaces; at least one, at most
/// [`MAX_CALLING_CODES`], duplicates dropped.
pub fn parse_calling_codes(text: &str) -> Result<Vec<u16>, crate::error::Invalid> {
    let mut codes = Vec::new();
    for part in text
        .split([',', ' ', '\n', '\t'])
        .filter(|part| !part.is_empty())
    {
        let digits = part.strip_prefix('+').unwrap_or(part);
        let code =
            (!digits.is_empty() && digits.len() <= 3 && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| digits.parse::<u16>().ok())
                .flatten()
                .filter(|code| *code > 0)
                .ok_or(crate::error::Invalid::CallingCodes)?;
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    if codes.is_empty() || codes.len() > MAX_CALLING_CODES {
        return Err(crate::error::Invalid::CallingCodes);
    }
    Ok(codes)
}

/// A daily ceiling as typed: a whole number from 1 to [`MAX_SMS_CEILING`].
pub fn parse_sms_ceiling(text: &str) -> Result<i64, crate::error::Invalid> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|ceiling| (1..=MAX_SMS_CEILING).contains(ceiling))
        .ok_or(crate::error::Invalid::SmsCeiling)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: i64,
    pub actor: String,
    /// The stored key of an [`AuditAction`].
    pub action: String,
    pub target: Option<String>,
    pub client_addr: Option<String>,
}

/// The Audit Log's filters, as its form sends them (each empty for any):
/// "Action" (a stored key, sent as `event`: the islands router reads a
/// form's `action`, so no field may be named that), "Account" (an
/// address, the actor or the target), "From" and "To" (days, `YYYY-MM-DD`,
/// UTC, both included).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    #[serde(rename = "event")]
    pub action: String,
    pub account: String,
    pub from: String,
    pub to: String,
}

impl AuditFilter {
    /// The filters as a query string (`action=…&account=…`), empty ones
    /// left out: what the pages and the export link carry.
    pub fn query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in [
            ("event", &self.action),
            ("account", &self.account),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if !value.trim().is_empty() {
                query.append_pair(name, value.trim());
            }
        }
        query.finish()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: i64,
    pub page: u32,
    pub page_size: u32,
}

/// A new account as the Create Account form gives it.
#[derive(Clone, Debug)]
pub struct NewAccount {
    pub display_name: String,
    pub local_part: String,
    /// Empty for none.
    pub department_id: String,
    pub must_change_password: bool,
}

/// Everything the audit trail records, by the key stored in
/// `audit_events.action`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditAction {
    Logon,
    LogonFailed,
    LogonLocked,
    Logout,
    CurrentPasswordFailed,
    CurrentPasswordLocked,
    PasswordChanged,
    ConsolePasswordChanged,
    PasswordRecovered,
    PasswordReset,
    PostmasterPasswordReset,
    AccountCreated,
    AccountEnabled,
    AccountDisabled,
    DepartmentCreated,
    DepartmentRenamed,
    KeywordsChanged,
    RecoveryMethodsChanged,
    PhoneBound,
    PhoneChanged,
    QuestionsSet,
    DomainCreated,
    AccountUnlocked,
    SmsLimitsChanged,
    SmsRefused,
    PasswordRulesChanged,
    RecoverySetupSkipped,
    RecoveryConfirmed,
    Reported,
    RecoverySettingsChanged,
}

impl AuditAction {
    pub const ALL: [AuditAction; 30] = [
        AuditAction::Logon,
        AuditAction::LogonFailed,
        AuditAction::LogonLocked,
        AuditAction::Logout,
        AuditAction::CurrentPasswordFailed,
        AuditAction::CurrentPasswordLocked,
        AuditAction::PasswordChanged,
        AuditAction::ConsolePasswordChanged,
        AuditAction::PasswordRecovered,
        AuditAction::PasswordReset,
        AuditAction::PostmasterPasswordReset,
        AuditAction::AccountCreated,
        AuditAction::AccountEnabled,
        AuditAction::AccountDisabled,
        AuditAction::DepartmentCreated,
        AuditAction::DepartmentRenamed,
        AuditAction::KeywordsChanged,
        AuditAction::RecoveryMethodsChanged,
        AuditAction::PhoneBound,
        AuditAction::PhoneChanged,
        AuditAction::QuestionsSet,
        AuditAction::DomainCreated,
        AuditAction::AccountUnlocked,
        AuditAction::SmsLimitsChanged,
        AuditAction::SmsRefused,
        AuditAction::PasswordRulesChanged,
        AuditAction::RecoverySetupSkipped,
        AuditAction::RecoveryConfirmed,
        AuditAction::Reported,
        AuditAction::RecoverySettingsChanged,
    ];

    /// The key the database stores.
    pub fn key(self) -> &'static str {
        match self {
            AuditAction::Logon => "logon",
            AuditAction::LogonFailed => "logon_failed",
            AuditAction::LogonLocked => "logon_locked",
            AuditAction::Logout => "logout",
            AuditAction::CurrentPasswordFailed => "current_password_failed",
            AuditAction::CurrentPasswordLocked => "current_password_locked",
            AuditAction::PasswordChanged => "password_changed",
            AuditAction::ConsolePasswordChanged => "console_password_changed",
            AuditAction::PasswordRecovered => "password_recovered",
            AuditAction::PasswordReset => "password_reset",
            AuditAction::PostmasterPasswordReset => "postmaster_password_reset",
            AuditAction::AccountCreated => "account_created",
            AuditAction::AccountEnabled => "account_enabled",
            AuditAction::AccountDisabled => "account_disabled",
            AuditAction::DepartmentCreated => "department_created",
            AuditAction::DepartmentRenamed => "department_renamed",
            AuditAction::KeywordsChanged => "keywords_changed",
            AuditAction::RecoveryMethodsChanged => "recovery_methods_changed",
            AuditAction::PhoneBound => "phone_bound",
            AuditAction::PhoneChanged => "phone_changed",
            AuditAction::QuestionsSet => "questions_set",
            AuditAction::DomainCreated => "domain_created",
            AuditAction::AccountUnlocked => "account_unlocked",
            AuditAction::SmsLimitsChanged => "sms_limits_changed",
            AuditAction::SmsRefused => "sms_refused",
            AuditAction::PasswordRulesChanged => "password_rules_changed",
            AuditAction::RecoverySetupSkipped => "recovery_setup_skipped",
            AuditAction::RecoveryConfirmed => "recovery_confirmed",
            AuditAction::Reported => "reported",
            AuditAction::RecoverySettingsChanged => "recovery_settings_changed",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        AuditAction::ALL
            .into_iter()
            .find(|action| action.key() == key)
    }

    /// What the Audit Log shows, in `lang`.
    pub fn label(self, lang: Language) -> &'static str {
        match self {
            AuditAction::Logon => td_string!(lang, audit.actions.logon),
            AuditAction::LogonFailed => td_string!(lang, audit.actions.logon_failed),
            AuditAction::LogonLocked => td_string!(lang, audit.actions.logon_locked),
            AuditAction::Logout => td_string!(lang, audit.actions.logout),
            AuditAction::CurrentPasswordFailed => {
                td_string!(lang, audit.actions.current_password_failed)
            }
            AuditAction::CurrentPasswordLocked => {
                td_string!(lang, audit.actions.current_password_locked)
            }
            AuditAction::PasswordChanged => td_string!(lang, audit.actions.password_changed),
            AuditAction::ConsolePasswordChanged => {
                td_string!(lang, audit.actions.console_password_changed)
            }
            AuditAction::PasswordRecovered => td_string!(lang, audit.actions.password_recovered),
            AuditAction::PasswordReset => td_string!(lang, audit.actions.password_reset),
            AuditAction::PostmasterPasswordReset => {
                td_string!(lang, audit.actions.postmaster_password_reset)
            }
            AuditAction::AccountCreated => td_string!(lang, audit.actions.account_created),
            AuditAction::AccountEnabled => td_string!(lang, audit.actions.account_enabled),
            AuditAction::AccountDisabled => td_string!(lang, audit.actions.account_disabled),
            AuditAction::DepartmentCreated => td_string!(lang, audit.actions.department_created),
            AuditAction::DepartmentRenamed => td_string!(lang, audit.actions.department_renamed),
            AuditAction::KeywordsChanged => td_string!(lang, audit.actions.keywords_changed),
            AuditAction::RecoveryMethodsChanged => {
                td_string!(lang, audit.actions.recovery_methods_changed)
            }
            AuditAction::PhoneBound => td_string!(lang, audit.actions.phone_bound),
            AuditAction::PhoneChanged => td_string!(lang, audit.actions.phone_changed),
            AuditAction::QuestionsSet => td_string!(lang, audit.actions.questions_set),
            AuditAction::DomainCreated => td_string!(lang, audit.actions.domain_created),
            AuditAction::AccountUnlocked => td_string!(lang, audit.actions.account_unlocked),
            AuditAction::SmsLimitsChanged => td_string!(lang, audit.actions.sms_limits_changed),
            AuditAction::SmsRefused => td_string!(lang, audit.actions.sms_refused),
            AuditAction::PasswordRulesChanged => {
                td_string!(lang, audit.actions.password_rules_changed)
            }
            AuditAction::RecoverySetupSkipped => {
                td_string!(lang, audit.actions.recovery_setup_skipped)
            }
            AuditAction::RecoveryConfirmed => td_string!(lang, audit.actions.recovery_confirmed),
            AuditAction::Reported => td_string!(lang, audit.actions.reported),
            AuditAction::RecoverySettingsChanged => {
                td_string!(lang, audit.actions.recovery_settings_changed)
            }
        }
    }
}

/// The header row of the Audit Log's CSV export, in `lang`.
pub fn audit_csv_header(lang: Language) -> [&'static str; 6] {
    [
        td_string!(lang, audit.time_utc),
        td_string!(lang, audit.actor),
        td_string!(lang, audit.action),
        td_string!(lang, audit.target),
        td_string!(lang, audit.client_address),
        td_string!(lang, audit.detail),
    ]
}

impl AuditAction {
    /// What the Audit Log shows for a stored key, in `lang` (an unknown
    /// key as stored).
    pub fn label_of(key: &str, lang: Language) -> String {
        AuditAction::from_key(key)
            .map_or_else(|| key.to_owned(), |action| action.label(lang).to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::AuditAction;
    use crate::language::Language;

    #[test]
    fn every_audit_action_reads_back_from_its_key_and_has_its_own_label() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::from_key(action.key()), Some(action));
            assert_eq!(action.label(Language::en), action.key().replace('_', " "));
        }
    }
}
