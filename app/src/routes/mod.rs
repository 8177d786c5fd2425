//! One module a page (or a family of pages), named for its path.

pub mod admin;
pub mod change_password;
pub mod console;
pub mod dev_policy;
pub mod forgot;
pub mod guard;
pub mod login;
pub mod mail;
pub mod not_found;
pub mod params;
pub mod report;
pub mod settings;

pub use crate::time::format_time;
