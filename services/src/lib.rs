//! The services: what the app's server functions and the mail server's
//! endpoints call, and what they stand on. Areas (accounts, admin,
//! binding, console, identity, limits, lockout, mail_auth, recovery,
//! sms_code and the small parsers beside them) over infrastructure
//! (`infra`: database, hashing, clock, outbox, metrics). Nothing here reads
//! an HTTP request: a server function hands over a [`request::Request`].

pub mod accounts;
pub mod address;
pub mod admin;
pub mod answers;
pub mod binding;
pub mod captcha;
pub mod config;
pub mod console;
pub mod ctx;
pub mod demo;
pub mod error;
pub mod identity;
pub mod infra;
pub mod janitor;
pub mod limits;
pub mod lockout;
pub mod mail_auth;
pub mod phone;
pub mod policy_gate;
pub mod recovery;
pub mod report;
pub mod request;
pub mod settings;
pub mod sms_code;
