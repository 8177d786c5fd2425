//! Security settings: the server functions that bind a secure mobile phone
//! and set security questions. The types are `proto::binding`'s
//! (re-exported here); the work is `services::binding`'s.

pub mod api;

pub use proto::binding::*;
