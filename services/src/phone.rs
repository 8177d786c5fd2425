//! Secure mobile phone numbers: parsing what people type into E.164, and
//! showing a stored number masked.

use phonenumber::{country, Mode, Type};
use proto::error::{Invalid, UserError};

/// A mobile number that parsed and validated, in E.164 (`+8613800138000`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// Reads a number as people type it (spaces, dashes, brackets); one
    /// without a leading `+` (or `00`) is read as a Chinese (+86) number.
    /// Only numbers that can be mobiles pass: the code goes by SMS.
    pub fn parse(input: &str) -> Result<PhoneNumber, UserError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(UserError::Invalid(Invalid::EnterPhone));
        }
        if input.chars().count() > 32
            || !input
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.'))
        {
            return Err(UserError::Invalid(Invalid::PhoneChars));
        }
        let parsed = phonenumber::parse(Some(country::Id::CN), input)
            .map_err(|_| UserError::Invalid(Invalid::PhoneNotValid))?;
        if !parsed.is_valid() {
            return Err(UserError::Invalid(Invalid::PhoneNotValid));
        }
        match parsed.number_type(&phonenumber::metadata::DATABASE) {
            Type::Mobile | Type::FixedLineOrMobile => {}
            _ => return Err(UserError::Invalid(Invalid::PhoneNotMobile)),
        }
        Ok(PhoneNumber(parsed.format().mode(Mode::E164).to_string()))
    }
}

impl AsRef<str> for PhoneNumber {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// A phone as it may be shown: the country code, then only the first 3 and
/// last 4 digits of the national number, e.g. `+86 138****8001`
/// (docs/product.md). The country code comes from the numbering plan, so no
/// national digit hides in it.
pub fn mask_phone(e164: &str) -> String {
    let Ok(parsed) = phonenumber::parse(None, e164) else {
        return "****".to_owned();
    };
    let national = parsed.national().value().to_string();
    if national.len() < 8 {
        return "****".to_owned();
    }
    let (head, rest) = national.split_at(3);
    let tail = &rest[rest.len() - 4..];
    let stars = "*".repeat(rest.len() - 4);
    format!("+{} {head}{stars}{tail}", parsed.code().value())
}

#[cfg(test)]
mod tests {
    use super::{mask_phone, PhoneNumber};
    use proto::error::{Invalid, UserError};

    /// What a person reading English is told.
    fn english(error: &UserError) -> String {
        proto::messages::user_error(proto::language::Language::en, error)
    }

    fn e164(input: &str) -> String {
        PhoneNumber::parse(input)
            .unwrap_or_else(|err| panic!("{input}: {err}"))
            .as_ref()
            .to_owned()
    }

    #[test]
    fn numbers_are_normalised_to_e164() {
        assert_eq!(e164("+86 138 0013 8002"), "+8613800138002");
        assert_eq!(e164("+86-138-0013-8002"), "+8613800138002");
        assert_eq!(e164("0086 13800138002"), "+8613800138002");
        assert_eq!(e164("  +8613800138002 "), "+8613800138002");
        assert_eq!(e164("+1 (415) 555-2671"), "+14155552671");
        assert_eq!(e164("+44 7400 123456"), "+447400123456");
    }

    #[test]
    fn a_number_without_a_country_code_is_read_as_chinese() {
        assert_eq!(e164("138 0013 8002"), "+8613800138002");
        assert_eq!(e164("13800138002"), "+8613800138002");
    }

    #[test]
    fn invalid_numbers_are_refused_with_a_sentence_that_says_how() {
        for input in [
            "12345",
            "+86 138 0013",
            "+86 1380013800299",
            "+999 1234567",
            "00000000000",
        ] {
            let error = PhoneNumber::parse(input).expect_err(input);
            assert_eq!(error, UserError::Invalid(Invalid::PhoneNotValid), "{input}");
            assert!(english(&error).contains("+86 138 0013 8000"), "{error}");
        }
        let empty = PhoneNumber::parse("  ").unwrap_err();
        assert_eq!(english(&empty), "Enter your mobile number.");
        let letters = PhoneNumber::parse("call 138 0013 8002").unwrap_err();
        assert_eq!(letters, UserError::Invalid(Invalid::PhoneChars));
        assert!(english(&letters).contains("only digits"), "{letters}");
    }

    #[test]
    fn landlines_are_refused_because_they_cannot_receive_the_code() {
        // Beijing fixed line.
        let error = PhoneNumber::parse("+86 10 6552 9988").unwrap_err();
        assert!(english(&error).contains("not a mobile number"), "{error}");
    }

    #[test]
    fn a_masked_phone_shows_the_country_code_and_three_and_four_national_digits() {
        assert_eq!(mask_phone("+8613800138001"), "+86 138****8001");
        assert_eq!(mask_phone("+14155552671"), "+1 415***2671");
        // Germany: an 11-digit national number behind a 2-digit code.
        assert_eq!(mask_phone("+4915123456789"), "+49 151****6789");
        assert_eq!(mask_phone("+447400123456"), "+44 740***3456");
    }

    #[test]
    fn a_short_or_odd_number_reveals_nothing() {
        assert_eq!(mask_phone("+1234"), "****");
        assert_eq!(mask_phone(""), "****");
        assert_eq!(mask_phone("not a number"), "****");
    }
}
