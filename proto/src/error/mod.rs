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

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::policy::{KeywordError, PolicyFailure};

mod invalid;
mod url;

pub use invalid::{Invalid, NameField};
pub use url::{policy_failures_in_url, sanitize_url_error};

/// One variant a sentence, in `locales/<language>/error.json` (made by
/// [`crate::messages::user_error`]); the variants carry codes and figures
/// only, and so does their `Display`, which the logs use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UserError {
    BadCredentials,
    BadConsoleCredentials,
    Locked,
    AccountDisabled,
    /// Its holder pressed "This wasn't me": web and IMAP logon and Forgot
    /// Password are suspended until the postmaster resets the password or
    /// the lockdown ends (told only after the right password).
    Reported,
    /// A signed-in page the account may not use before it sets up a
    /// recovery method (the domain requires it, or no skip is left).
    RecoverySetupRequired,
    /// A "This wasn't me" link that was already used.
    ReportLinkUsed,
    /// A "This wasn't me" link that expired, or that no notice ever sent.
    ReportLinkExpired,
    TooManyRequests,
    Busy,
    /// The database did not answer (it is restarting, or unreachable).
    Unavailable,
    NotSignedIn,
    MustChangePassword,
    NotAllowed,
    WrongCurrentPassword,
    CurrentPasswordLocked,
    Policy(Vec<PolicyFailure>),
    /// A policy refusal by rules that changed after the page was rendered
    /// (the page's policy version differs from the account's now).
    PolicyChanged(Vec<PolicyFailure>),
    Keywords(Vec<KeywordError>),
    Invalid(Invalid),
    CaptchaWrong,
    CodeWrong {
        tries_left: i64,
    },
    CodeDead,
    ResendTooSoon(i64),
    SmsLimit,
    SmsNumberLimit,
    SmsCountryNotAllowed,
    SmsDomainLimit,
    AnswersWrong,
    MethodLocked,
    FlowExpired,
    Internal,
    /// A server function was called with a field missing, repeated, too
    /// long or not of its type: no form of this app sends that.
    BadRequest,
    /// The server function could not be called, or its answer could not be
    /// read. The framework's own message is not kept: in a URL anyone could
    /// have written it.
    Transport,
}

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

impl std::error::Error for UserError {}

impl UserError {
    /// The policy failures, when this is a policy refusal.
    pub fn policy_failures(&self) -> &[PolicyFailure] {
        match self {
            UserError::Policy(failures) | UserError::PolicyChanged(failures) => failures,
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
            | UserError::Reported
            | UserError::RecoverySetupRequired
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
            UserError::FlowExpired | UserError::ReportLinkExpired => 410,
            UserError::ReportLinkUsed => 409,
            UserError::CaptchaWrong
            | UserError::CodeWrong { .. }
            | UserError::CodeDead
            | UserError::AnswersWrong => 422,
            UserError::Busy | UserError::Unavailable => 503,
            UserError::Policy(_)
            | UserError::PolicyChanged(_)
            | UserError::Keywords(_)
            | UserError::Invalid(_) => 422,
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
                refuse_malformed_call();
                UserError::BadRequest
            }
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(_) if is_call() => {
                refuse_malformed_call();
                UserError::BadRequest
            }
            _ => UserError::Transport,
        }
    }
}

/// Whether the request being served is a server-function call (every one
/// is a POST; a page is a GET).
#[cfg(feature = "ssr")]
pub fn is_call() -> bool {
    leptos::prelude::use_context::<http::request::Parts>()
        .is_some_and(|parts| parts.method == http::Method::POST)
}

/// Answers 400 for a call whose arguments did not deserialize (the
/// framework then answers with [`UserError::BadRequest`]).
#[cfg(feature = "ssr")]
pub fn refuse_malformed_call() {
    tracing::info!("refused a server-function call whose fields could not be read");
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::BAD_REQUEST);
    }
}
