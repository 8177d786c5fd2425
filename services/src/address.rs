//! The names people type to say which account they mean: a login (a mail
//! address or a console login name, at the logon forms) and a full email
//! address (Forgot Password's first step). Both compare case-insensitively.

use proto::error::{Invalid, UserError};

/// The longest address (RFC 5321: 254 characters in a path) or login name
/// accepted; anything longer is refused before any lookup, counter or
/// audit row.
pub const MAX_LOGIN_CHARS: usize = 254;

/// A login as compared: trimmed and lowercased.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Login(String);

impl Login {
    pub fn parse(value: &str) -> Result<Login, UserError> {
        let login = value.trim().to_lowercase();
        if login.chars().count() > MAX_LOGIN_CHARS {
            return Err(UserError::Invalid(Invalid::LoginTooLong {
                max: MAX_LOGIN_CHARS,
            }));
        }
        Ok(Login(login))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A syntactically plausible email address, something@something.something,
/// trimmed and lowercased.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(value: &str) -> Result<EmailAddress, UserError> {
        let address = value.trim().to_lowercase();
        let plausible = address.len() <= MAX_LOGIN_CHARS
            && address.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
            })
            && !address.chars().any(char::is_whitespace);
        if plausible {
            Ok(EmailAddress(address))
        } else {
            Err(UserError::Invalid(Invalid::EnterFullAddress))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::{EmailAddress, Login};

    #[test]
    fn only_whole_addresses_are_plausible() {
        assert!(EmailAddress::parse("zhang.san@example.com").is_ok());
        assert_eq!(
            EmailAddress::parse("  Zhang.San@Example.COM ")
                .unwrap()
                .as_str(),
            "zhang.san@example.com"
        );
        for bad in [
            "zhang.san",
            "@example.com",
            "a@localhost",
            "a b@example.com",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn logins_compare_case_insensitively_and_have_a_maximum_length() {
        assert_eq!(Login::parse(" Owner ").unwrap().as_str(), "owner");
        assert!(Login::parse(&"a".repeat(254)).is_ok());
        assert!(Login::parse(&"a".repeat(255)).is_err());
    }
}
