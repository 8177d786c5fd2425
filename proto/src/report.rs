//! "This wasn't me": the link every reset notice and phone-change SMS
//! carries, what its page shows, and the recovery prompts after a logon
//! (setting up a method, reconfirming them).

use serde::{Deserialize, Serialize};

/// The path of a link's page; the token follows (`/r/<token>`).
pub const REPORT_PATH: &str = "/r/";

/// How long a link can be used, in milliseconds (7 days).
pub const LINK_TTL_MS: i64 = 7 * 24 * 3_600_000;

/// How long a report locks the account down, in milliseconds (24 hours).
pub const LOCKDOWN_MS: i64 = 24 * 3_600_000;

/// What a link reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reportable {
    /// The password was reset with Forgot Password.
    Recovered,
    /// The postmaster reset the password.
    ResetByAdmin,
    /// The domain's console owner reset the postmaster's password.
    ResetByOwner,
    /// The password was changed while signed in.
    OwnChange,
    /// The secure mobile phone was replaced.
    PhoneChanged,
}

impl Reportable {
    pub const ALL: [Reportable; 5] = [
        Reportable::Recovered,
        Reportable::ResetByAdmin,
        Reportable::ResetByOwner,
        Reportable::OwnChange,
        Reportable::PhoneChanged,
    ];

    /// How it is stored.
    pub fn key(self) -> &'static str {
        match self {
            Reportable::Recovered => "recovered",
            Reportable::ResetByAdmin => "reset_by_admin",
            Reportable::ResetByOwner => "reset_by_owner",
            Reportable::OwnChange => "own_change",
            Reportable::PhoneChanged => "phone_changed",
        }
    }

    pub fn from_key(key: &str) -> Option<Reportable> {
        Reportable::ALL.into_iter().find(|what| what.key() == key)
    }
}

/// What a link's page shows: what happened and when (Unix ms), and the
/// new phone, masked, for a phone change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub what: Reportable,
    pub at: i64,
    pub phone: Option<String>,
}

/// What the recovery prompt after a logon asks, if anything.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecoveryPrompt {
    /// No recovery method the domain allows is set up. `skips_left` is
    /// how many more times "Skip for now" is offered (0: required).
    Setup { skips_left: u32 },
    /// The methods are due to be reconfirmed: the masked phone (when one
    /// is bound and allowed) and the question texts.
    Reconfirm {
        phone: Option<String>,
        questions: Vec<String>,
    },
}

/// How many times "Skip for now" is offered, per account.
pub const MAX_SKIPS: u32 = 3;

/// "Ask employees to reconfirm every N days": the default, and the most
/// (0 is never).
pub const DEFAULT_RECONFIRM_DAYS: u32 = 180;
pub const MAX_RECONFIRM_DAYS: u32 = 3650;

/// Hours a new secure phone waits before Forgot Password offers it: the
/// default and the most.
pub const DEFAULT_PHONE_COOLDOWN_HOURS: u32 = 72;
pub const MAX_PHONE_COOLDOWN_HOURS: u32 = 720;

/// The domain's recovery lifecycle settings, as the Password Policy page
/// shows and saves them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoverySettings {
    pub setup_required: bool,
    pub reconfirm_days: u32,
    pub phone_cooldown_hours: u32,
}

impl Default for RecoverySettings {
    fn default() -> Self {
        RecoverySettings {
            setup_required: false,
            reconfirm_days: DEFAULT_RECONFIRM_DAYS,
            phone_cooldown_hours: DEFAULT_PHONE_COOLDOWN_HOURS,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_key() {
        for what in Reportable::ALL {
            assert_eq!(Reportable::from_key(what.key()), Some(what));
        }
        assert_eq!(Reportable::from_key("nothing"), None);
    }
}
