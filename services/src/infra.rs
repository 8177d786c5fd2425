//! Infrastructure the areas share and never reach through one another:
//! the database and the clock, password hashing, sessions, the audit
//! trail, the outbox and its queues (SMS, mail-session kicks), metrics and
//! logs.

pub mod audit;
pub mod clock;
pub mod db;
pub mod kick;
pub mod metrics;
pub mod outbox;
pub mod passwords;
pub mod sessions;
pub mod sms;
pub mod telemetry;
