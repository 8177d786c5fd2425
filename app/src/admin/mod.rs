//! Domain management (scenario 1): what a postmaster sees and changes in
//! their own domain. The types travel to the browser; none carries a hash,
//! a code or an answer.

pub mod api;

pub use proto::admin::*;
