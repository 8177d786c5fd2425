//! Domain management (scenario 1): the server functions of a postmaster's
//! pages. The types they exchange are `proto::admin`'s (re-exported here);
//! the work is `services::admin`'s.

pub mod api;

pub use proto::admin::*;
