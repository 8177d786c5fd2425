//! Pieces shared by several pages.

pub mod audit_table;
pub mod checklist;
pub mod common_list;
pub mod feedback;
pub mod keyed;
pub mod language_switch;
pub mod layout;
pub mod new_password;
pub mod number_field;
pub mod password_input;
pub mod reset_form;
