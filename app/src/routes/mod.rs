//! One module a page (or a family of pages), named for its path.

pub mod dev_policy;
pub mod login;
pub mod not_found;
