//! What the browser and the server share: the views and errors that travel
//! between them, the password policy both run (`policy`), the languages
//! and every sentence the product says (`messages`, from `locales/`).
//! Pure: no HTTP and no database, so the services and the app both depend
//! on it and neither on the other's internals.

pub mod admin;
pub mod auth;
pub mod binding;
pub mod console;
pub mod error;
pub mod language;
pub mod local_path;
pub mod messages;
pub mod policy;
pub mod recovery;
pub mod report;
pub mod secret;
pub mod text;
pub mod time;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
