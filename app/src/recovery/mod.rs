//! Forgot Password (scenario 2): the server functions behind the flow's
//! forms. The types are `proto::recovery`'s (re-exported here); the flow
//! itself is `services::recovery`'s.

pub mod api;

pub use proto::recovery::*;
