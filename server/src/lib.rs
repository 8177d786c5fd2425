//! The server: the HTTP edge (`http`), the start-up that builds it around
//! the services (`startup`), and the `policy` command. A library so the
//! integration tests start exactly what `main` starts.

pub mod http;
pub mod policy_cli;
pub mod startup;
