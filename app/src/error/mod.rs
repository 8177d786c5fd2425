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

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::policy::{KeywordError, PolicyFailure};

mod invalid;
mod url;

pub use invalid::{Invalid, NameField};
pub use url::{policy_failures_in_url, sanitize_url_error};

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
    /// The database did not answer (it is restarting, or unreachable).
    #[error("The service is briefly unavailable. Try again in a few seconds.")]
    Unavailable,
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
    #[error("Too many SMS codes were sent to this phone number. Try again later.")]
    SmsNumberLimit,
    #[error(
        "Your domain does not send SMS to this country or region. \
         Contact your email administrator (postmaster)."
    )]
    SmsCountryNotAllowed,
    #[error(
        "Your domain has sent as many SMS as it allows for now. Try again later, \
         or contact your email administrator (postmaster)."
    )]
    SmsDomainLimit,
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
    /// A server function was called with a field missing, repeated, too
    /// long or not of its type: no form of this app sends that.
    #[error("The form could not be read. Reload the page and try again.")]
    BadRequest,
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
            UserError::TooManyRequests
            | UserError::ResendTooSoon(_)
            | UserError::SmsLimit
            | UserError::SmsNumberLimit
            | UserError::SmsDomainLimit => 429,
            UserError::SmsCountryNotAllowed => 403,
            UserError::MethodLocked => 403,
            UserError::FlowExpired => 410,
            UserError::CaptchaWrong
            | UserError::CodeWrong { .. }
            | UserError::CodeDead
            | UserError::AnswersWrong => 422,
            UserError::Busy | UserError::Unavailable => 503,
            UserError::Policy(_) | UserError::Keywords(_) | UserError::Invalid(_) => 422,
            UserError::BadRequest => 400,
            UserError::Internal | UserError::Transport => 500,
        }
    }
}

impl FromServerFnError for UserError {
    type Encoder = JsonEncoding;

    /// The framework's own errors. On the server, the arguments of a call
    /// that do not deserialize (a field missing, repeated, malformed, a
    /// body that is not text) are the caller's fault: 400, never 500. An
    /// error that does not decode (text in a page's URL) and anything else
    /// (on the browser: the network, an answer that cannot be read) is a
    /// transport failure.
    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        match error {
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                crate::server_fn::refuse_malformed_call();
                UserError::BadRequest
            }
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(_) if crate::server_fn::is_call() => {
                crate::server_fn::refuse_malformed_call();
                UserError::BadRequest
            }
            _ => UserError::Transport,
        }
    }
}
