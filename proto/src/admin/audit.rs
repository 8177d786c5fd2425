//! The Audit Log: its entries, filters and action names.

use serde::{Deserialize, Serialize};

use crate::i18n::td_string;
use crate::language::Language;

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
    /// Matching entries, counted up to a limit: with `total_capped`, more
    /// than this many.
    pub total: i64,
    pub total_capped: bool,
    pub page: u32,
    pub page_size: u32,
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
    PasswordChangeRequired,
}

impl AuditAction {
    pub const ALL: [AuditAction; 31] = [
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
        AuditAction::PasswordChangeRequired,
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
            AuditAction::PasswordChangeRequired => "password_change_required",
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
            AuditAction::PasswordChangeRequired => {
                td_string!(lang, audit.actions.password_change_required)
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
