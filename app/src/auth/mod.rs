//! Who is signed in: the server functions that sign people in and out and
//! change their passwords. The types are `proto::auth`'s (re-exported
//! here); the work is `services::identity`'s.

pub mod api;

pub use proto::auth::*;
