//! Who is signed in, and the server functions that sign people in and out
//! and change their passwords. The types here travel to the browser and
//! never carry a hash, a code or a session id.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Employee,
    Postmaster,
}

impl Role {
    /// The key the database stores.
    pub fn key(self) -> &'static str {
        match self {
            Role::Employee => "employee",
            Role::Postmaster => "postmaster",
        }
    }
}

impl TryFrom<String> for Role {
    type Error = UnknownKey;

    fn try_from(key: String) -> Result<Self, UnknownKey> {
        match key.as_str() {
            "employee" => Ok(Role::Employee),
            "postmaster" => Ok(Role::Postmaster),
            _ => Err(UnknownKey(key)),
        }
    }
}

/// A stored key that names no known value.
#[derive(Debug, thiserror::Error)]
#[error("unknown key {0:?}")]
pub struct UnknownKey(pub String);

/// The signed-in mail account, as its pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailUser {
    pub address: String,
    pub display_name: String,
    pub role: Role,
    pub domain: String,
    pub must_change_password: bool,
    /// No recovery method is set up and none may be skipped: only
    /// Security settings serve the account until one is.
    pub recovery_setup_required: bool,
    pub notices: Vec<Notice>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub text: String,
    /// Unix milliseconds.
    pub at: i64,
}

/// The signed-in Email Console owner and their domains.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owner {
    pub login_name: String,
    pub domains: Vec<DomainSummary>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainSummary {
    pub id: String,
    pub name: String,
    pub postmaster: String,
    pub accounts: i64,
    pub status: String,
}

/// What the live checklist needs to judge a new password exactly as the
/// server will: the account's address and its domain's current rules
/// (preset and keywords; the page carries their version).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordContext {
    pub account: String,
    pub rules: crate::policy::PasswordRules,
}

/// Where a fresh session lands.
pub fn landing_path(role: Role, must_change_password: bool) -> &'static str {
    match (must_change_password, role) {
        (true, _) => "/change-password",
        (false, Role::Employee) => "/mail",
        (false, Role::Postmaster) => "/admin",
    }
}
