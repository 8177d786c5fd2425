//! The server: configuration, database, HTTP plumbing and the services
//! behind the app's server functions. A library so the integration tests
//! start exactly what `main` starts.

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
pub mod http;
pub mod identity;
pub mod infra;
pub mod janitor;
pub mod limits;
pub mod lockout;
pub mod mail_auth;
pub mod phone;
pub mod policy_cli;
pub mod policy_gate;
pub mod recovery;
pub mod settings;
pub mod sms_code;
pub mod startup;
