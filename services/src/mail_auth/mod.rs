//! The mail server uses these passwords: Dovecot authenticates IMAP
//! logons directly against the app's accounts (`dovecot`, the configuration
//! this app generates), shares the web logon's brute-force counters (the
//! auth policy endpoint, `server::http::mail_policy`) and is told to drop a mailbox's sessions when its
//! password is reset or the account is disabled (`crate::infra::kick`, a queue
//! the areas that reset passwords write to).

pub mod dovecot;

/// The path Dovecot's `auth_policy_server_url` points at.
pub const POLICY_PATH: &str = "/mail-auth/policy";
