//! The Email Console (scenario 3): a cloud account owner manages their own
//! domains, resets a postmaster's password, adds domains, and changes
//! their own password. The types travel to the browser.

use serde::{Deserialize, Serialize};

use crate::admin::AuditEntry;

/// A domain as its Manage page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedDomain {
    pub id: String,
    pub name: String,
    pub postmaster: String,
    pub accounts: i64,
    pub status: String,
    /// Unix milliseconds.
    pub created_at: i64,
    pub allow_sms: bool,
    pub allow_questions: bool,
    /// Masked, when the postmaster has bound one.
    pub postmaster_phone: Option<String>,
    /// The domain's latest audit events, newest first (at most 20).
    pub recent_events: Vec<AuditEntry>,
}
