//! Employee Accounts: the list's filters, sort orders and keyset pages, as
//! the page's GET form and links carry them.

use serde::{Deserialize, Serialize};

use crate::auth::Role;

/// Accounts a page of Employee Accounts shows (and the most a bulk action
/// takes at once: the rows of one page).
pub const PAGE_SIZE: u32 = 50;

/// Accounts the list counts before it says "more than".
pub const COUNT_MAX: i64 = 10_000;

/// "Status": which accounts by their state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatusFilter {
    Enabled,
    Disabled,
    /// Strangers' wrong passwords lock new devices out, or the holder
    /// reported a change ("This wasn't me").
    Locked,
    MustChange,
}

/// "Recovery methods": what Forgot Password can offer the account now
/// (a method the domain does not allow does not count).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecoveryFilter {
    None,
    Sms,
    Questions,
}

/// The list's order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortOrder {
    /// By name, then address.
    #[default]
    Name,
    Address,
    /// Newest logon first, never last, then by address.
    LastLogon,
}

keyed!(StatusFilter {
    Enabled => "enabled",
    Disabled => "disabled",
    Locked => "locked",
    MustChange => "must_change",
});
keyed!(RecoveryFilter { None => "none", Sms => "sms", Questions => "questions" });
keyed!(SortOrder { Name => "name", Address => "address", LastLogon => "last_logon" });

/// The list as a link gives it: `?q=…&department=…&status=…&recovery=…&
/// sort=…` and one cursor, `after` (the page after the row with this
/// address) or `before`. Values are checked by the service, which refuses
/// what is not on the lists.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EmployeeFilter {
    pub q: String,
    pub department: String,
    pub status: String,
    pub recovery: String,
    pub sort: String,
    pub after: String,
    pub before: String,
}

impl EmployeeFilter {
    /// The filters and order as a query string, empty ones left out and
    /// without the cursor: what the page links add theirs to.
    pub fn query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in [
            ("q", &self.q),
            ("department", &self.department),
            ("status", &self.status),
            ("recovery", &self.recovery),
            ("sort", &self.sort),
        ] {
            if !value.trim().is_empty() {
                query.append_pair(name, value.trim());
            }
        }
        query.finish()
    }

    /// `/admin/accounts?<filters>&<cursor>=<address>`.
    pub fn link(&self, cursor: Option<(&str, &str)>) -> String {
        let mut query = self.query();
        if let Some((name, address)) = cursor {
            if !query.is_empty() {
                query.push('&');
            }
            query.push_str(
                &form_urlencoded::Serializer::new(String::new())
                    .append_pair(name, address)
                    .finish(),
            );
        }
        if query.is_empty() {
            "/admin/accounts".to_owned()
        } else {
            format!("/admin/accounts?{query}")
        }
    }
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
    /// Locked now (by strangers' wrong passwords, or reported).
    pub locked: bool,
    pub must_change: bool,
    pub role: Role,
    /// Unix milliseconds.
    pub last_logon_at: Option<i64>,
}

/// One page of the list: its rows, how many match in all, and the cursors
/// of the pages before and after it (the address of its first and last
/// row) when there are such pages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeePage {
    pub rows: Vec<EmployeeRow>,
    /// Matching accounts, counted up to [`COUNT_MAX`]: with `total_capped`,
    /// more than this many.
    pub total: i64,
    pub total_capped: bool,
    pub previous: Option<String>,
    pub next: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admin::NotOnList;

    #[test]
    fn links_keep_the_filters_and_carry_one_cursor() {
        let filter = EmployeeFilter {
            q: " Zhang San ".into(),
            status: "locked".into(),
            after: "ignored@example.com".into(),
            ..Default::default()
        };
        assert_eq!(filter.query(), "q=Zhang+San&status=locked");
        assert_eq!(
            filter.link(Some(("after", "li.si@example.com"))),
            "/admin/accounts?q=Zhang+San&status=locked&after=li.si%40example.com"
        );
        assert_eq!(EmployeeFilter::default().link(None), "/admin/accounts");
    }

    #[test]
    fn only_listed_values_parse() {
        assert_eq!(StatusFilter::parse(""), Ok(None));
        assert_eq!(
            StatusFilter::parse("must_change"),
            Ok(Some(StatusFilter::MustChange))
        );
        assert_eq!(
            RecoveryFilter::parse("none"),
            Ok(Some(RecoveryFilter::None))
        );
        assert_eq!(
            SortOrder::parse("last_logon"),
            Ok(Some(SortOrder::LastLogon))
        );
        assert_eq!(StatusFilter::parse("' OR 1=1 --"), Err(NotOnList));
        assert_eq!(SortOrder::parse("name; DROP TABLE x"), Err(NotOnList));
    }
}
