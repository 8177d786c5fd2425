//! Domain management (scenario 1): what a postmaster sees and changes in
//! their own domain. The types travel to the browser; none carries a hash,
//! a code or an answer.

use serde::{Deserialize, Serialize};

use crate::auth::Role;

/// A value that is none of a list's choices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotOnList;

/// A closed set of choices a link or a form names by key.
macro_rules! keyed {
    ($ty:ty { $($variant:ident => $key:literal),+ $(,)? }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$(<$ty>::$variant),+];
            /// Its value in a link or a form.
            pub fn key(self) -> &'static str {
                match self { $(<$ty>::$variant => $key),+ }
            }
            /// From a link's value: `Ok(None)` for empty (no filter),
            /// `Err(NotOnList)` for anything else not on the list.
            pub fn parse(value: &str) -> Result<Option<Self>, $crate::admin::NotOnList> {
                match value.trim() {
                    "" => Ok(None),
                    $($key => Ok(Some(<$ty>::$variant)),)+
                    _ => Err($crate::admin::NotOnList),
                }
            }
        }
    };
}

mod audit;
mod bulk;
mod employees;
mod import;
mod overview;
pub use audit::*;
pub use bulk::*;
pub use employees::*;
pub use import::*;
pub use overview::*;

/// The domain the signed-in postmaster manages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminDomain {
    pub domain: String,
    pub postmaster: String,
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

/// A new account as the Create Account form gives it.
#[derive(Clone, Debug)]
pub struct NewAccount {
    pub display_name: String,
    pub local_part: String,
    /// Empty for none.
    pub department_id: String,
    pub must_change_password: bool,
}
