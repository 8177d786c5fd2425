//! Domain management (scenario 1): what a postmaster sees and changes in
//! their own domain. The types travel to the browser; none carries a hash,
//! a code or an answer.

pub mod api;
#[cfg(feature = "ssr")]
pub mod ports;

use serde::{Deserialize, Serialize};

use crate::auth::Role;

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
    pub allow_sms: bool,
    pub allow_questions: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub target: Option<String>,
    pub client_addr: Option<String>,
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
