//! A string that must never be printed: passwords, codes, answers, tokens.
//! `#[server]` derives `Debug` on its arguments, so every secret argument
//! is a `Secret`, whose `Debug` shows `***`.

use serde::{Deserialize, Serialize};

/// The longest secret the server hashes or verifies (a password, a
/// security answer, a code), in characters: one limit for the forms, the
/// checks that store a secret, and the verifier, which refuses anything
/// longer without spending a hash on it. So nothing can be saved that
/// could never be verified.
pub const MAX_HASHED_CHARS: usize = 64;

// A password the policy accepts must be one the verifier accepts.
const _: () = assert!(crate::policy::MAX_LEN <= MAX_HASHED_CHARS);

#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself; call only where it is used, never to log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

#[cfg(test)]
mod tests {
    use super::Secret;

    #[test]
    fn debug_output_never_shows_the_secret() {
        let secret = Secret::new("Harbor#Lights2026");
        assert_eq!(format!("{secret:?}"), "***");
        assert_eq!(format!("{:?}", Some(secret)), "Some(***)");
    }
}
