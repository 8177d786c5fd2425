//! The Email Console of cloud account owners.

pub mod add_domain;
pub mod login;
pub mod manage;
pub mod services;
pub mod settings;
