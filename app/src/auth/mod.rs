//! Who is signed in, and the server functions that sign people in and out
//! and change their passwords. The types here travel to the browser and
//! never carry a hash, a code or a session id.

pub mod api;

pub use proto::auth::*;
