//! The server: configuration, database, HTTP plumbing and the services
//! behind the app's server functions. A library so the integration tests
//! start exactly what `main` starts.

pub mod accounts;
pub mod address;
pub mod admin;
pub mod answers;
pub mod audit;
pub mod binding;
pub mod captcha;
pub mod client;
pub mod clock;
pub mod config;
pub mod console;
pub mod ctx;
pub mod db;
pub mod demo;
pub mod dev;
pub mod error;
pub mod hardening;
pub mod health;
pub mod identity;
pub mod janitor;
pub mod kick;
pub mod language;
pub mod limits;
pub mod listener;
pub mod lockout;
pub mod mail_auth;
pub mod metrics;
pub mod middleware;
pub mod outbox;
pub mod passwords;
pub mod phone;
pub mod policy_cli;
pub mod policy_gate;
pub mod recovery;
pub mod sessions;
pub mod settings;
pub mod shed;
pub mod sms;
pub mod sms_code;
pub mod startup;
pub mod state;
pub mod telemetry;
