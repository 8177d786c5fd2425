//! Bulk actions of Employee Accounts: what a postmaster does to the
//! accounts ticked on a page, after a confirmation that names them.

use serde::{Deserialize, Serialize};

/// "Require a password change at next logon", "Disable", "Enable".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BulkOperation {
    RequireChange,
    Disable,
    Enable,
}

keyed!(BulkOperation {
    RequireChange => "require_change",
    Disable => "disable",
    Enable => "enable",
});

/// One selected account as the confirmation lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkAccount {
    pub id: String,
    pub display_name: String,
    pub address: String,
    pub enabled: bool,
    pub must_change: bool,
}

/// The accounts an operation would touch, in name order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkSelection {
    pub operation: BulkOperation,
    pub accounts: Vec<BulkAccount>,
}

impl BulkSelection {
    /// The ids as the confirmation's form carries them.
    pub fn ids(&self) -> String {
        join_ids(self.accounts.iter().map(|a| a.id.as_str()))
    }
}

/// Ids as one form field: separated by commas (an id never holds one).
pub fn join_ids<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    ids.into_iter().collect::<Vec<_>>().join(",")
}

/// [`join_ids`] read back: trimmed, empty parts dropped.
pub fn split_ids(ids: &str) -> Vec<String> {
    ids.split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The confirmation page of `operation` on `ids` (joined by commas):
/// `/admin/accounts/bulk?bulk=…&ids=…`, with `done=1` once applied.
pub fn bulk_link(operation: &str, ids: &str, done: bool) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("bulk", operation).append_pair("ids", ids);
    if done {
        query.append_pair("done", "1");
    }
    format!("/admin/accounts/bulk?{}", query.finish())
}
