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

/// A phone as it may be shown: country code, first 3 and last 4 national
/// digits, e.g. `+86 138****8001` (PRODUCT.md).
pub fn mask_phone(e164: &str) -> String {
    let digits: String = e164.chars().filter(char::is_ascii_digit).collect();
    // The demo and most numbers here are Chinese (+86); other country codes
    // are shown by their first digits as written.
    let (country, national) = if digits.starts_with("86") && digits.len() == 13 {
        digits.split_at(2)
    } else if digits.len() > 10 {
        digits.split_at(digits.len() - 10)
    } else {
        ("", digits.as_str())
    };
    if national.len() < 8 {
        return "****".to_owned();
    }
    let (head, rest) = national.split_at(3);
    let tail = &rest[rest.len() - 4..];
    let stars = "*".repeat(rest.len() - 4);
    if country.is_empty() {
        format!("{head}{stars}{tail}")
    } else {
        format!("+{country} {head}{stars}{tail}")
    }
}

#[cfg(test)]
mod tests {
    use super::mask_phone;

    #[test]
    fn a_phone_shows_only_three_leading_and_four_trailing_digits() {
        assert_eq!(mask_phone("+8613800138001"), "+86 138****8001");
        assert_eq!(mask_phone("+8613900139000"), "+86 139****9000");
    }

    #[test]
    fn a_short_or_odd_number_reveals_nothing() {
        assert_eq!(mask_phone("+1234"), "****");
        assert_eq!(mask_phone(""), "****");
    }
}
