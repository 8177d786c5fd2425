//! The presets a domain chooses between (docs/policy.md "Presets"): what
//! each asks of length, characters and composition, and how much password
//! history it requires. The rules themselves live in `rules.rs`; this module
//! only says which figures and which rules a preset applies.

use serde::{Deserialize, Serialize};

use super::failure::Rule;

/// A domain's password policy preset. `Standard` is the help article's policy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Preset {
    #[default]
    #[serde(rename = "standard")]
    Standard,
    #[serde(rename = "nist-800-63b-4")]
    Nist80063b4,
    #[serde(rename = "pci-dss-4")]
    PciDss4,
}

/// What a preset asks of the kinds of characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Composition {
    /// At least 3 of uppercase, lowercase, digits, special characters.
    ThreeOfFour,
    /// At least one letter (either case) and one digit.
    LetterAndDigit,
    /// Nothing (NIST SP 800-63B forbids composition rules).
    None,
}

impl Preset {
    pub const ALL: [Preset; 3] = [Preset::Standard, Preset::Nist80063b4, Preset::PciDss4];

    /// The stable key stored per domain and accepted by `server policy check`.
    pub fn key(self) -> &'static str {
        match self {
            Preset::Standard => "standard",
            Preset::Nist80063b4 => "nist-800-63b-4",
            Preset::PciDss4 => "pci-dss-4",
        }
    }

    pub fn from_key(key: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|preset| preset.key() == key)
    }

    /// Rule 1's minimum, in `chars()`.
    pub fn min_len(self) -> usize {
        match self {
            Preset::Standard => 8,
            Preset::Nist80063b4 => 15,
            Preset::PciDss4 => 12,
        }
    }

    /// Rule 1's maximum, the same for every preset.
    pub fn max_len(self) -> usize {
        super::MAX_LEN
    }

    /// Rule 2: whether a space (U+0020) is allowed besides `!`..=`~`.
    pub fn allows_space(self) -> bool {
        self == Preset::Nist80063b4
    }

    /// Rule 3.
    pub fn composition(self) -> Composition {
        match self {
            Preset::Standard => Composition::ThreeOfFour,
            Preset::Nist80063b4 => Composition::None,
            Preset::PciDss4 => Composition::LetterAndDigit,
        }
    }

    /// The fewest previous passwords a domain with this preset may remember.
    pub fn min_history(self) -> u32 {
        match self {
            Preset::PciDss4 => 4,
            Preset::Standard | Preset::Nist80063b4 => 0,
        }
    }

    /// Whether the checklist has a line for `rule` under this preset.
    /// `ReusedPassword` is judged by the server alone (against stored
    /// hashes), so it has a line only once the server refused it.
    pub fn has_line(self, rule: Rule) -> bool {
        match rule {
            Rule::TooFewClasses => self.composition() != Composition::None,
            Rule::ReusedPassword => false,
            _ => true,
        }
    }
}
