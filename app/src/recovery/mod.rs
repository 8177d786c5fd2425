//! Forgot Password (scenario 2): what each step of the flow shows, and the
//! server functions behind its forms. The flow itself lives on the server;
//! the browser only ever learns the step it is at, a masked phone number
//! and the question texts.

pub mod api;

pub use proto::recovery::*;
