//! Security settings: binding a secure mobile phone (verified by an SMS
//! code) and security questions, the recovery methods Forgot Password uses.
//! The types here travel to the browser; they never carry a number in
//! full, a code or an answer.

pub mod api;

pub use proto::binding::*;
