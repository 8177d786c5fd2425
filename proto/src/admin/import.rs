//! Import accounts: a CSV file of name, address, department and an
//! optional secure mobile phone, checked row by row and previewed before
//! anything is written.

use serde::{Deserialize, Serialize};

/// Most accounts one file may hold.
pub const IMPORT_MAX_ROWS: usize = 10_000;
/// Largest file accepted, in MiB (10,000 rows of ordinary length take
/// about one).
pub const IMPORT_MAX_MIB: usize = 2;

/// How the new accounts start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportStart {
    /// Enabled, with a password no one knows and a change required: each
    /// sets their own with Forgot Password or gets one by Reset Password.
    Random,
    /// Disabled until enabled and given a password by Reset Password.
    Disabled,
}

keyed!(ImportStart {
    Random => "random",
    Disabled => "disabled",
});

/// What is wrong with one row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowProblem {
    NameMissing,
    NameInvalid,
    AddressInvalid,
    /// The address is in another domain than the postmaster's.
    OtherDomain,
    /// The same address on an earlier line of the file.
    DuplicateOf {
        line: usize,
    },
    /// An account with this address exists (in any domain).
    AddressTaken,
    UnknownDepartment,
    PhoneInvalid,
}

/// One row of the file as the preview shows it (line 1 is the header).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    pub line: usize,
    pub name: String,
    /// The full address, lowercased when it could be read.
    pub address: String,
    pub department: String,
    /// E.164 when valid, else as written.
    pub phone: String,
    pub problems: Vec<RowProblem>,
}

/// A checked file: every row, how the accounts start, and (once the
/// import is done) how many accounts it wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub id: String,
    /// The postmaster's domain (the addresses' `@…`).
    pub domain: String,
    pub start: ImportStart,
    pub rows: Vec<ImportRow>,
    pub imported: Option<i64>,
}

impl ImportPreview {
    pub fn ready(&self) -> usize {
        self.rows
            .iter()
            .filter(|row| row.problems.is_empty())
            .count()
    }
}
