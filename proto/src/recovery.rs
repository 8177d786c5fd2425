//! Forgot Password (scenario 2): what each step of the flow shows, and the
//! server functions behind its forms. The flow itself lives on the server;
//! the browser only ever learns the step it is at, a masked phone number
//! and the question texts.

use serde::{Deserialize, Serialize};

use crate::auth::PasswordContext;

/// Where the flow stands, as the page for that step needs it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecoveryView {
    /// No live flow in this browser (never started, expired, or finished).
    Expired,
    /// A flow at its first step (address and image code).
    Start,
    /// This browser finished a reset moments ago.
    Done,
    /// This browser unlocked its account moments ago.
    Unlocked,
    /// An address was submitted and there is nothing it can recover with.
    /// An unknown address ends here too, indistinguishably.
    NoMethod,
    /// The methods the account has bound and its domain allows.
    Choose {
        /// The secure phone, masked (`+86 138****8001`), when SMS is usable.
        sms: Option<String>,
        questions: bool,
    },
    /// A code was sent to `phone`; resending is allowed in `resend_in` s.
    /// `cooldown_until` (ms) is when the last code's cooldown ends: it
    /// names that code, so a page can tell a new code from a reload.
    Sms {
        phone: String,
        resend_in: i64,
        cooldown_until: i64,
    },
    Questions {
        questions: Vec<String>,
    },
    /// Verified: the reset grant is held; the new password is judged
    /// against this context.
    NewPassword {
        context: PasswordContext,
    },
}

impl RecoveryView {
    /// The page that shows this step.
    pub fn path(&self) -> &'static str {
        match self {
            RecoveryView::Expired | RecoveryView::Start => "/forgot",
            RecoveryView::Done => "/forgot/done",
            RecoveryView::Unlocked => "/forgot/unlocked",
            RecoveryView::NoMethod | RecoveryView::Choose { .. } => "/forgot/method",
            RecoveryView::Sms { .. } => "/forgot/sms",
            RecoveryView::Questions { .. } => "/forgot/questions",
            RecoveryView::NewPassword { .. } => "/forgot/new-password",
        }
    }
}

/// The two recovery methods, as the choice form names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Sms,
    Questions,
}

impl std::str::FromStr for Method {
    type Err = ();
    fn from_str(value: &str) -> Result<Self, ()> {
        match value {
            "sms" => Ok(Method::Sms),
            "questions" => Ok(Method::Questions),
            _ => Err(()),
        }
    }
}

/// Cookies and paths shared by the server functions and the server.
pub const FLOW_PATH: &str = "/forgot";
pub const FLOW_COOKIE: &str = "recovery_flow";
pub const GRANT_COOKIE: &str = "recovery_grant";
/// Set by a successful reset for 10 minutes, so only that browser sees
/// "Reset succeeded" (or, with the value [`UNLOCKED`], "Account unlocked").
pub const DONE_COOKIE: &str = "recovery_done";
/// The value of [`DONE_COOKIE`] after an unlock.
pub const UNLOCKED: &str = "unlocked";
