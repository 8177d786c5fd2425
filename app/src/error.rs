//! What a user may be told when something goes wrong. Server internals map
//! onto these (the cause is logged on the server, never sent); the browser
//! turns each into a sentence. `Policy` carries the same failures the live
//! checklist computes, so a refusal turns the same line red.
//!
//! Without JavaScript a failed form post comes back as a redirect whose URL
//! carries the error (`?__path=…&__err=…`), and anyone can write such a
//! link. So every sentence here comes from a closed set of codes: no
//! variant carries text to show, except the keyword and policy failures,
//! which [`UserError::from_url`] strips of their text when they arrive that
//! way ([`sanitize_url_error`] applies it to every page).

use std::fmt;

use leptos::prelude::{provide_context, use_context};
use leptos::server::ServerActionError;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr, ServerFnUrlError};
use serde::{Deserialize, Serialize};

use crate::policy::{KeywordError, PolicyFailure};

fn keyword_summary(errors: &[KeywordError]) -> String {
    if errors.is_empty() {
        return String::from("The keyword list was not saved.");
    }
    let mut text = String::from("The keyword list was not saved:");
    for error in errors {
        text.push(' ');
        text.push_str(&error.to_string());
    }
    text
}

/// Which name field a sentence of [`Invalid`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NameField {
    DisplayName,
    DepartmentName,
}

impl fmt::Display for NameField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NameField::DisplayName => "display name",
            NameField::DepartmentName => "department name",
        })
    }
}

/// A form field that was missing or malformed, one variant a sentence. The
/// variants carry only numbers and closed enums, never text to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Invalid {
    // Logon.
    #[error("An email address or account name has at most {max} characters.")]
    LoginTooLong { max: usize },

    // Names a postmaster types.
    #[error("Enter a {field}.")]
    EnterName { field: NameField },
    #[error("A {field} has at most {max} characters; this one has {actual}.")]
    NameTooLong {
        field: NameField,
        max: usize,
        actual: usize,
    },
    #[error(
        "A {field} may not contain control characters such as tabs or line breaks, \
         or text-direction characters."
    )]
    NameControlChars { field: NameField },
    #[error("Enter the part of the address before the @.")]
    EnterLocalPart,
    #[error("The part of the address before the @ has at most {max} characters.")]
    LocalPartTooLong { max: usize },
    #[error(
        "The part of the address before the @ may contain only letters a-z, digits, \
         and the characters . _ - +"
    )]
    LocalPartChars,
    #[error("The part of the address before the @ may not start or end with a dot.")]
    LocalPartDotAtEnd,
    #[error("The part of the address before the @ may not contain two dots in a row.")]
    LocalPartTwoDots,
    #[error("This address is already in use. Choose another name before the @.")]
    AddressTaken,
    #[error("You cannot disable your own account.")]
    DisableOwnAccount,
    #[error("Search for at most {max} characters.")]
    SearchTooLong { max: usize },
    #[error("A department with this name already exists.")]
    DepartmentExists,

    // Domains in the console.
    #[error("Enter a domain name, such as example.com.")]
    EnterDomainName,
    #[error("A domain name may contain only letters a-z, digits, hyphens and dots.")]
    DomainNameChars,
    #[error("A domain name has at most {max} characters; this one has {actual}.")]
    DomainNameTooLong { max: usize, actual: usize },
    #[error("A domain name may not start or end with a dot or contain two dots in a row.")]
    DomainNameEmptyPart,
    #[error("A domain name has at least two parts separated by a dot, such as example.com.")]
    DomainNameOnePart,
    #[error("Each part of a domain name between dots has at most {max} characters.")]
    DomainLabelTooLong { max: usize },
    #[error("A part of a domain name may not start or end with a hyphen.")]
    DomainLabelHyphen,
    #[error("The last part of a domain name may not be only digits.")]
    DomainLastPartDigits,
    #[error("This domain is already in use.")]
    DomainTaken,
    #[error("This domain has no postmaster account.")]
    NoPostmaster,

    // The secure mobile phone.
    #[error("Enter your mobile number.")]
    EnterPhone,
    #[error(
        "A mobile number has only digits, spaces and dashes, with + before the country \
         code, like +86 138 0013 8000."
    )]
    PhoneChars,
    #[error(
        "That is not a valid mobile number. Enter it with the country code, like +86 138 0013 8000."
    )]
    PhoneNotValid,
    #[error("That number is not a mobile number. Enter a mobile number that can receive SMS.")]
    PhoneNotMobile,
    #[error("This number is already your secure mobile phone.")]
    PhoneAlreadyBound,
    #[error("Enter your mobile number and send a code to it first.")]
    SendCodeFirst,
    #[error("Enter the 6-digit code from the SMS.")]
    EnterSmsCode,

    // Security questions.
    #[error("Choose {count} questions and answer each of them.")]
    ChooseQuestions { count: usize },
    #[error("Choose {count} different questions.")]
    DifferentQuestions { count: usize },
    #[error("Choose question {n} from the list, or write your own.")]
    ChooseQuestion { n: usize },
    #[error("Write your own question {n}, or choose one from the list.")]
    WriteOwnQuestion { n: usize },
    #[error(
        "For question {n}, either choose a question from the list or write your own, \
         not both."
    )]
    QuestionChosenTwice { n: usize },
    #[error("Question {n} is too long: at most {max} characters.")]
    QuestionTooLong { n: usize, max: usize },
    #[error(
        "Question {n} may not contain control characters such as line breaks, \
         or text-direction characters."
    )]
    QuestionControlChars { n: usize },
    #[error("Answer question {n}.")]
    AnswerQuestion { n: usize },
    #[error("Answer {n} is too long: at most {max} characters.")]
    AnswerTooLong { n: usize, max: usize },

    // Forgot Password.
    #[error("Enter your full email address, like name@example.com.")]
    EnterFullAddress,
    #[error("Enter the verification code shown in the image.")]
    EnterCaptcha,
    #[error("Choose how to verify that this is your account.")]
    ChooseMethod,
    #[error("Answer every question.")]
    AnswerEveryQuestion,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum UserError {
    #[error("The email address or password is incorrect.")]
    BadCredentials,
    #[error("The account name or password is incorrect.")]
    BadConsoleCredentials,
    #[error(
        "Too many failed logons. This account is locked for 15 minutes; \
         you can still use Forgot Password."
    )]
    Locked,
    #[error("This account is disabled. Contact your email administrator (postmaster).")]
    AccountDisabled,
    #[error("Too many attempts from your network. Try again later.")]
    TooManyRequests,
    #[error("The server is busy. Try again in a few seconds.")]
    Busy,
    #[error("Please log on first.")]
    NotSignedIn,
    #[error("You must change your password before you continue.")]
    MustChangePassword,
    #[error("You are not allowed to do that.")]
    NotAllowed,
    #[error("The current password is incorrect.")]
    WrongCurrentPassword,
    #[error(
        "The current password was entered wrongly too many times. Changing your password \
         or recovery methods is locked for 15 minutes."
    )]
    CurrentPasswordLocked,
    #[error("The new password does not meet the password policy.")]
    Policy(Vec<PolicyFailure>),
    #[error("{}", keyword_summary(.0))]
    Keywords(Vec<KeywordError>),
    #[error("{0}")]
    Invalid(Invalid),
    #[error(
        "The verification code does not match the image. Enter the code shown in the new image."
    )]
    CaptchaWrong,
    #[error("The SMS verification code is incorrect. {tries_left} more tries with this code.")]
    CodeWrong { tries_left: i64 },
    #[error(
        "This SMS verification code has expired or was entered wrongly too many times. \
         Use Resend to get a new one."
    )]
    CodeDead,
    #[error("You can request a new code in {0} s.")]
    ResendTooSoon(i64),
    #[error(
        "Too many SMS codes were sent for this account or from your network. \
         Try again in an hour."
    )]
    SmsLimit,
    #[error("One or more answers are incorrect.")]
    AnswersWrong,
    #[error(
        "Questions are locked for 24 hours after too many wrong answers. Use another \
         method, or contact your email administrator (postmaster)."
    )]
    MethodLocked,
    #[error(
        "This password recovery has expired or is already finished. \
         Start again from Forgot Password."
    )]
    FlowExpired,
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    /// The server function could not be called, or its answer could not be
    /// read. The framework's own message is not kept: in a URL anyone could
    /// have written it.
    #[error("The request could not be completed. Check your connection and try again.")]
    Transport,
}

impl UserError {
    /// The policy failures, when this is a policy refusal.
    pub fn policy_failures(&self) -> &[PolicyFailure] {
        match self {
            UserError::Policy(failures) => failures,
            _ => &[],
        }
    }

    /// The HTTP status a server function answers with for this error.
    pub fn status(&self) -> u16 {
        match self {
            UserError::BadCredentials
            | UserError::BadConsoleCredentials
            | UserError::NotSignedIn
            | UserError::WrongCurrentPassword => 401,
            UserError::Locked
            | UserError::AccountDisabled
            | UserError::NotAllowed
            | UserError::CurrentPasswordLocked => 403,
            UserError::MustChangePassword => 403,
            UserError::TooManyRequests | UserError::ResendTooSoon(_) | UserError::SmsLimit => 429,
            UserError::MethodLocked => 403,
            UserError::FlowExpired => 410,
            UserError::CaptchaWrong
            | UserError::CodeWrong { .. }
            | UserError::CodeDead
            | UserError::AnswersWrong => 422,
            UserError::Busy => 503,
            UserError::Policy(_) | UserError::Keywords(_) | UserError::Invalid(_) => 422,
            UserError::Internal | UserError::Transport => 500,
        }
    }
}

impl UserError {
    /// What of an error that arrived in a URL (`?__err=…`) may be shown:
    /// anyone can write such a link, so only closed codes are kept. The
    /// keyword and policy failures that name keywords, account parts or
    /// characters are dropped (the sentence of the error itself still
    /// reads); `Transport`, which the server never sends that way (and
    /// which is what garbage decodes to), leaves nothing to show.
    pub fn from_url(self) -> Option<UserError> {
        match self {
            UserError::Keywords(errors) => Some(UserError::Keywords(
                errors.into_iter().filter(keyword_error_is_closed).collect(),
            )),
            UserError::Policy(failures) => Some(UserError::Policy(
                failures
                    .into_iter()
                    .filter(policy_failure_is_closed)
                    .collect(),
            )),
            UserError::Transport => None,
            closed @ (UserError::BadCredentials
            | UserError::BadConsoleCredentials
            | UserError::Locked
            | UserError::AccountDisabled
            | UserError::TooManyRequests
            | UserError::Busy
            | UserError::NotSignedIn
            | UserError::MustChangePassword
            | UserError::NotAllowed
            | UserError::WrongCurrentPassword
            | UserError::CurrentPasswordLocked
            | UserError::Invalid(_)
            | UserError::CaptchaWrong
            | UserError::CodeWrong { .. }
            | UserError::CodeDead
            | UserError::ResendTooSoon(_)
            | UserError::SmsLimit
            | UserError::AnswersWrong
            | UserError::MethodLocked
            | UserError::FlowExpired
            | UserError::Internal) => Some(closed),
        }
    }
}

/// Keyword errors that name no keyword.
fn keyword_error_is_closed(error: &KeywordError) -> bool {
    match error {
        KeywordError::TooMany { .. } => true,
        KeywordError::TooShort { .. }
        | KeywordError::TooLong { .. }
        | KeywordError::InvalidChars { .. }
        | KeywordError::Duplicate { .. } => false,
    }
}

/// Policy failures that carry only figures and character classes.
fn policy_failure_is_closed(failure: &PolicyFailure) -> bool {
    match failure {
        PolicyFailure::TooShort { .. }
        | PolicyFailure::TooLong { .. }
        | PolicyFailure::TooFewClasses { .. }
        | PolicyFailure::Mismatch => true,
        PolicyFailure::InvalidChars { .. }
        | PolicyFailure::ContainsAccount { .. }
        | PolicyFailure::ContainsKeyword { .. } => false,
    }
}

/// Replaces the error the router read from the URL (`?__path=…&__err=…`,
/// see `leptos_router::location::Url::provide_server_action_error`) with
/// what [`UserError::from_url`] keeps of it, re-encoded the way the server
/// encodes it, or with one for a path no server function has when nothing
/// is kept or the text does not decode. Each `ServerAction::new()` reads
/// that context once, when it is created, so this must run first, in an
/// owner the page's actions descend from.
///
/// `<Routes>` provides the context, whenever the URL changes, in the owner
/// it was created in: that overwrites anything provided in the same owner
/// and shadows anything provided above it. It builds each matched route's
/// view in a child of that owner, so the one place a context shadows the
/// router's is inside the route: `App` wraps every route's view in `page`,
/// which calls this first, in the route's owner. It runs when the server
/// renders the page and again when the browser hydrates it, from the same
/// URL, so both render the same alert.
pub fn sanitize_url_error() {
    let Some(from_url) = use_context::<ServerActionError>() else {
        return;
    };
    let kept = ServerFnUrlError::<UserError>::decode_err(from_url.err()).from_url();
    let encoded = kept.and_then(|error| {
        // `to_url` is the server's own encoding (base64 of the JSON).
        let url = ServerFnUrlError::new(from_url.path(), error)
            .to_url("http://app/")
            .ok()?;
        url.query_pairs()
            .find(|(key, _)| key == "__err")
            .map(|(_, value)| value.into_owned())
    });
    provide_context(match encoded {
        Some(err) => ServerActionError::new(from_url.path(), &err),
        None => ServerActionError::new("", ""),
    });
}

impl FromServerFnError for UserError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(_: ServerFnErrorErr) -> Self {
        UserError::Transport
    }
}

#[cfg(test)]
mod tests {
    use base64::engine::general_purpose::URL_SAFE;
    use base64::Engine;
    use leptos::prelude::Owner;

    use super::*;
    use crate::policy::CharClass;

    const ATTACKER: &str = "Your account is suspended, call +1 800 555 0100";

    fn from_json(json: &str) -> UserError {
        UserError::de(json.as_bytes().to_vec().into())
    }

    #[test]
    fn closed_codes_arrive_through_the_url_unchanged() {
        for error in [
            UserError::BadCredentials,
            UserError::Locked,
            UserError::Internal,
            UserError::CodeWrong { tries_left: 2 },
            UserError::ResendTooSoon(30),
            UserError::Invalid(Invalid::AnswerQuestion { n: 2 }),
            UserError::Invalid(Invalid::EnterName {
                field: NameField::DepartmentName,
            }),
        ] {
            assert_eq!(error.clone().from_url(), Some(error));
        }
    }

    #[test]
    fn an_old_style_invalid_text_does_not_decode_to_anything_shown() {
        let error = from_json(&format!(r#"{{"Invalid":"{ATTACKER}"}}"#));
        assert_eq!(error, UserError::Transport);
        assert_eq!(error.from_url(), None);
    }

    #[test]
    fn a_transport_error_carries_no_text_and_is_not_shown_from_a_url() {
        let error = from_json(&format!(r#"{{"Transport":"{ATTACKER}"}}"#));
        assert_eq!(error, UserError::Transport);
        assert_eq!(error.status(), 500);
        assert_eq!(
            error.to_string(),
            "The request could not be completed. Check your connection and try again."
        );
        assert_eq!(UserError::Transport.from_url(), None);
        assert_eq!(from_json(r#""Transport""#), UserError::Transport);
    }

    #[test]
    fn keyword_errors_from_a_url_keep_only_the_count() {
        let error = UserError::Keywords(vec![
            KeywordError::TooShort {
                keyword: ATTACKER.into(),
            },
            KeywordError::TooLong {
                keyword: ATTACKER.into(),
            },
            KeywordError::InvalidChars {
                keyword: ATTACKER.into(),
            },
            KeywordError::Duplicate {
                first: ATTACKER.into(),
                second: ATTACKER.into(),
            },
            KeywordError::TooMany {
                count: 201,
                max: 200,
            },
        ]);
        assert!(error.to_string().contains(ATTACKER));
        let kept = error.from_url().unwrap();
        assert_eq!(
            kept,
            UserError::Keywords(vec![KeywordError::TooMany {
                count: 201,
                max: 200
            }])
        );
        assert_eq!(
            kept.to_string(),
            "The keyword list was not saved: The list has 201 keywords; at most 200 are allowed."
        );
    }

    #[test]
    fn keyword_errors_with_nothing_left_still_read_as_a_sentence() {
        let error = UserError::Keywords(vec![KeywordError::TooShort {
            keyword: ATTACKER.into(),
        }]);
        let kept = error.from_url().unwrap();
        assert_eq!(kept, UserError::Keywords(vec![]));
        assert_eq!(kept.to_string(), "The keyword list was not saved.");
    }

    #[test]
    fn policy_failures_from_a_url_keep_only_figures_and_classes() {
        let closed = vec![
            PolicyFailure::TooShort { min: 8, actual: 5 },
            PolicyFailure::TooLong {
                max: 64,
                actual: 70,
            },
            PolicyFailure::TooFewClasses {
                required: 3,
                present: vec![CharClass::Lowercase],
            },
            PolicyFailure::Mismatch,
        ];
        let mut failures = closed.clone();
        failures.insert(
            1,
            PolicyFailure::InvalidChars {
                shown: vec![ATTACKER.into()],
            },
        );
        failures.insert(
            3,
            PolicyFailure::ContainsAccount {
                part: ATTACKER.into(),
            },
        );
        failures.push(PolicyFailure::ContainsKeyword {
            keywords: vec![ATTACKER.into()],
        });
        let kept = UserError::Policy(failures).from_url().unwrap();
        assert_eq!(kept, UserError::Policy(closed));
        let only_text = UserError::Policy(vec![PolicyFailure::ContainsKeyword {
            keywords: vec![ATTACKER.into()],
        }]);
        assert_eq!(only_text.from_url(), Some(UserError::Policy(vec![])));
    }

    #[test]
    fn sentences_that_named_what_was_typed_no_longer_do() {
        for (invalid, sentence) in [
            (
                Invalid::AddressTaken,
                "This address is already in use. Choose another name before the @.",
            ),
            (
                Invalid::DepartmentExists,
                "A department with this name already exists.",
            ),
            (Invalid::DomainTaken, "This domain is already in use."),
            (
                Invalid::EnterName {
                    field: NameField::DisplayName,
                },
                "Enter a display name.",
            ),
            (
                Invalid::QuestionChosenTwice { n: 2 },
                "For question 2, either choose a question from the list or write your own, \
                 not both.",
            ),
            (
                Invalid::LocalPartChars,
                "The part of the address before the @ may contain only letters a-z, digits, \
                 and the characters . _ - +",
            ),
        ] {
            assert_eq!(UserError::Invalid(invalid).to_string(), sentence);
        }
    }

    /// The context `sanitize_url_error` provides, given what the router
    /// read from the URL, as a page below it sees it.
    fn sanitized(path: &str, err: &str) -> ServerActionError {
        let router = Owner::new();
        router.with(|| {
            provide_context(ServerActionError::new(path, err));
            let page = Owner::current().unwrap().child();
            page.with(|| {
                sanitize_url_error();
                use_context::<ServerActionError>().unwrap()
            })
        })
    }

    fn decoded(error: &ServerActionError) -> UserError {
        ServerFnUrlError::<UserError>::decode_err(error.err())
    }

    #[test]
    fn a_page_sees_a_closed_code_from_the_url_as_it_was_sent() {
        let encoded = URL_SAFE.encode(UserError::BadCredentials.ser());
        let seen = sanitized("/api/log_on", &encoded);
        assert_eq!(seen.path(), "/api/log_on");
        assert_eq!(decoded(&seen), UserError::BadCredentials);
    }

    #[test]
    fn a_page_sees_keyword_text_from_the_url_stripped() {
        let error = UserError::Keywords(vec![KeywordError::Duplicate {
            first: ATTACKER.into(),
            second: ATTACKER.into(),
        }]);
        let seen = sanitized("/api/save_keywords", &URL_SAFE.encode(error.ser()));
        assert_eq!(seen.path(), "/api/save_keywords");
        assert_eq!(decoded(&seen), UserError::Keywords(vec![]));
    }

    #[test]
    fn a_page_sees_no_error_for_text_or_garbage_in_the_url() {
        for err in [
            URL_SAFE.encode(format!(r#"{{"Invalid":"{ATTACKER}"}}"#)),
            URL_SAFE.encode(format!(r#"{{"Transport":"{ATTACKER}"}}"#)),
            ATTACKER.to_owned(),
            "%%%".to_owned(),
            String::new(),
            URL_SAFE.encode([0xff, 0xfe, 0x00]),
            URL_SAFE.encode("[".repeat(10_000)),
        ] {
            let seen = sanitized("/api/log_on", &err);
            assert_eq!(seen.path(), "", "{err}");
        }
    }
}
