//! The Email Console of cloud account owners.

pub mod login;
pub mod services;
