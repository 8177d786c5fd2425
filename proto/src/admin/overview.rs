//! The Overview of domain management: recovery readiness, the last 30
//! days of resets and lockouts, and the accounts that need attention now.

use serde::{Deserialize, Serialize};

/// Days the Overview's chart covers, today included.
pub const OVERVIEW_DAYS: usize = 30;

/// How many of the domain's accounts Forgot Password can help, by the
/// methods they have that the domain allows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Readiness {
    pub both: i64,
    pub sms_only: i64,
    pub questions_only: i64,
    pub none: i64,
}

impl Readiness {
    pub fn total(&self) -> i64 {
        self.both + self.sms_only + self.questions_only + self.none
    }
}

/// One UTC day of the chart.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCounts {
    /// Its first millisecond (UTC).
    pub day: i64,
    /// Forgot Password resets.
    pub self_service: i64,
    /// Reset Password by a postmaster.
    pub postmaster: i64,
    /// Logons locked by wrong passwords.
    pub lockouts: i64,
    /// Unlocks with Forgot Password.
    pub unlocks: i64,
}

impl DayCounts {
    pub fn values(&self) -> [i64; 4] {
        [
            self.self_service,
            self.postmaster,
            self.lockouts,
            self.unlocks,
        ]
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub readiness: Readiness,
    /// [`OVERVIEW_DAYS`] days, oldest first, the last one today.
    pub days: Vec<DayCounts>,
    pub locked_now: i64,
    pub must_change: i64,
}
