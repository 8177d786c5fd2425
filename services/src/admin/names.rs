//! What a postmaster types as a name, parsed into the form that is stored:
//! display names, department names and the local part of a new address.
//! Each failure is one sentence the form shows (`UserError::Invalid`).

use proto::error::{Invalid, NameField, UserError};

/// Display and department names: 1 to 64 characters after trimming.
pub const NAME_MAX: usize = 64;
/// RFC 5321 4.5.3.1.1: a local part has at most 64 octets.
pub const LOCAL_PART_MAX: usize = 64;

fn invalid(invalid: Invalid) -> UserError {
    UserError::Invalid(invalid)
}

/// A trimmed name of 1 to 64 characters with no control characters (which
/// would garble the lists and the audit log that show it). `field` names
/// the field in the sentence, e.g. "display name".
pub fn name(text: &str, field: NameField) -> Result<String, UserError> {
    let name = text.trim();
    let count = name.chars().count();
    if count == 0 {
        return Err(invalid(Invalid::EnterName { field }));
    }
    if count > NAME_MAX {
        return Err(invalid(Invalid::NameTooLong {
            field,
            max: NAME_MAX,
            actual: count,
        }));
    }
    if proto::text::has_hidden_controls(name) {
        return Err(invalid(Invalid::NameControlChars { field }));
    }
    Ok(name.to_owned())
}

/// The part of a new address before the `@`: trimmed and lowercased, 1 to
/// 64 of `a-z 0-9 . _ - +`, no dot first or last, no two dots in a row.
/// Stricter than RFC 5322 on purpose: every mail client and the logon form
/// (which lowercases what is typed) must be able to use it.
pub fn local_part(text: &str) -> Result<String, UserError> {
    let local = text.trim().to_lowercase();
    if local.is_empty() {
        return Err(invalid(Invalid::EnterLocalPart));
    }
    if local.chars().count() > LOCAL_PART_MAX {
        return Err(invalid(Invalid::LocalPartTooLong {
            max: LOCAL_PART_MAX,
        }));
    }
    if !local
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-' | '+'))
    {
        return Err(invalid(Invalid::LocalPartChars));
    }
    if local.starts_with('.') || local.ends_with('.') {
        return Err(invalid(Invalid::LocalPartDotAtEnd));
    }
    if local.contains("..") {
        return Err(invalid(Invalid::LocalPartTwoDots));
    }
    Ok(local)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(result: Result<String, UserError>) -> String {
        match result {
            Err(UserError::Invalid(invalid)) => {
                proto::messages::invalid(proto::language::Language::en, &invalid)
            }
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn a_name_is_trimmed_and_kept_as_written() {
        assert_eq!(
            name("  Zhang San ", NameField::DisplayName).unwrap(),
            "Zhang San"
        );
        assert_eq!(name("张三", NameField::DisplayName).unwrap(), "张三");
    }

    #[test]
    fn a_name_counts_characters_not_bytes() {
        assert!(name(&"张".repeat(64), NameField::DisplayName).is_ok());
        let long = message(name(&"a".repeat(65), NameField::DepartmentName));
        assert_eq!(
            long,
            "A department name has at most 64 characters; this one has 65."
        );
    }

    #[test]
    fn an_empty_or_garbled_name_is_refused() {
        assert_eq!(
            message(name("   ", NameField::DisplayName)),
            "Enter a display name."
        );
        assert_eq!(
            message(name("Sales\tEast", NameField::DepartmentName)),
            "A department name may not contain control characters such as tabs or line breaks, \
             or text-direction characters."
        );
        assert!(name("Zhang\u{202E}naS", NameField::DisplayName).is_err());
    }

    #[test]
    fn a_local_part_is_trimmed_and_lowercased() {
        assert_eq!(local_part(" Zhao.Liu+news ").unwrap(), "zhao.liu+news");
        assert_eq!(local_part("a_b-c9").unwrap(), "a_b-c9");
    }

    #[test]
    fn a_local_part_with_a_bad_character_or_shape_is_refused() {
        for bad in [
            "",
            "zhang san",
            "zhang@san",
            "é",
            ".zhang",
            "zhang.",
            "zh..ang",
            "a/b",
        ] {
            assert!(local_part(bad).is_err(), "{bad:?}");
        }
        assert!(local_part(&"a".repeat(64)).is_ok());
        assert!(local_part(&"a".repeat(65)).is_err());
    }
}
