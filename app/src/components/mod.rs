//! Pieces shared by several pages.

pub mod checklist;
pub mod password_input;
