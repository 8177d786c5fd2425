//! The common-password list of rule 7 (docs/policy.md "Common passwords"):
//! folded entries, one a line, sorted. The server embeds the file
//! (`data/common-passwords.txt`, made by `scripts/gen-common-passwords.sh`);
//! the browser fetches the same bytes once, under a name that changes with
//! its content ([`FILE_NAME`]), when a new-password field is first focused.

use std::borrow::Cow;

/// The name the list is served under: its content hash (FNV-1a 64, made by
/// `build.rs`) is part of it, so a browser may keep it for a year.
pub const FILE_NAME: &str = concat!("common-passwords-", env!("COMMON_PASSWORDS_HASH"), ".txt");

/// The content hash of the list, part of every policy version.
pub const HASH: &str = env!("COMMON_PASSWORDS_HASH");

/// The list, searchable: the text and the start of each entry, in byte
/// order of the entries.
pub struct CommonPasswords {
    text: Cow<'static, str>,
    starts: Vec<(u32, u32)>,
}

impl CommonPasswords {
    /// Reads a list: one folded entry a line; blank lines are skipped and
    /// the order need not be sorted.
    pub fn parse(text: impl Into<Cow<'static, str>>) -> CommonPasswords {
        let text = text.into();
        let mut starts: Vec<(u32, u32)> = Vec::new();
        let mut at = 0usize;
        for line in text.split('\n') {
            let end = at + line.len();
            if !line.trim_end_matches('\r').is_empty() {
                let len = line.trim_end_matches('\r').len();
                starts.push((at as u32, (at + len) as u32));
            }
            at = end + 1;
        }
        let slice = |&(from, to): &(u32, u32)| &text[from as usize..to as usize];
        starts.sort_unstable_by(|a, b| slice(a).cmp(slice(b)));
        starts.dedup_by(|a, b| slice(a) == slice(b));
        CommonPasswords { text, starts }
    }

    /// Whether `folded` (a password after [`super::fold`]) is on the list.
    pub fn contains_folded(&self, folded: &str) -> bool {
        self.starts
            .binary_search_by(|&(from, to)| self.text[from as usize..to as usize].cmp(folded))
            .is_ok()
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }
}

impl std::fmt::Debug for CommonPasswords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CommonPasswords({} entries)", self.len())
    }
}

/// The list as the server and the native tools have it, built once.
#[cfg(not(target_arch = "wasm32"))]
pub fn embedded() -> &'static CommonPasswords {
    static LIST: std::sync::OnceLock<CommonPasswords> = std::sync::OnceLock::new();
    LIST.get_or_init(|| CommonPasswords::parse(TEXT))
}

/// The file's bytes, as served to the browser.
#[cfg(not(target_arch = "wasm32"))]
pub const TEXT: &str = include_str!("../../data/common-passwords.txt");
