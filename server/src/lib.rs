//! The server: configuration, database, HTTP plumbing and the services
//! behind the app's server functions. A library so the integration tests
//! start exactly what `main` starts.

pub mod config;
pub mod db;
pub mod health;
pub mod middleware;
pub mod policy_cli;
pub mod startup;
pub mod state;
pub mod telemetry;
