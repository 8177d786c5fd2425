//! The Email Console (scenario 3): the server functions of an owner's
//! pages. The types are `proto::console`'s (re-exported here); the work is
//! `services::console`'s.

pub mod api;

pub use proto::console::*;
