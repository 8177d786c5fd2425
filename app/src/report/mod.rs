//! "This wasn't me" and the recovery prompts: the server functions of the
//! link's page. The types are `proto::report`'s (re-exported here); the
//! work is `services::report`'s.

pub mod api;

pub use proto::report::*;
