//! The Email Console (scenario 3): a cloud account owner manages their own
//! domains, resets a postmaster's password, adds domains, and changes
//! their own password. The types travel to the browser.

pub mod api;

pub use proto::console::*;
