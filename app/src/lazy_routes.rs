//! The pages of the signed-in areas (mailbox, security settings, domain
//! management, the Email Console) as lazy routes: built with `--split`,
//! their code is a WASM chunk of its own that the browser fetches only when
//! someone goes there. The anonymous pages a first visit needs (Log On,
//! every Forgot Password step, the console's logon) stay in the main file.
//!
//! Each route still goes through [`crate::error::sanitize_url_error`]
//! first, as [`crate::page`] does for the others.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use crate::routes;

macro_rules! lazy_pages {
    ($($route:ident => $page:path,)*) => {$(
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                crate::error::sanitize_url_error();
                $page().into_any()
            }
        }
    )*};
}

lazy_pages! {
    MailShell => routes::mail::MailShell,
    Mail => routes::mail::MailPage,
    ForcedChangeShell => routes::change_password::ForcedChangeShell,
    ForcedChange => routes::change_password::ForcedChangePage,
    SettingsShell => routes::settings::SettingsShell,
    SecuritySettings => routes::change_password::SecuritySettingsPage,
    AdminShell => routes::admin::AdminShell,
    Admin => routes::admin::AdminPage,
    EmployeeAccounts => routes::admin::accounts::EmployeeAccountsPage,
    CreateAccount => routes::admin::accounts::CreateAccountPage,
    EditAccount => routes::admin::edit_account::EditAccountPage,
    Departments => routes::admin::departments::DepartmentsPage,
    PasswordPolicy => routes::admin::policy::PasswordPolicyPage,
    AuditLog => routes::admin::audit::AuditLogPage,
    ConsoleShell => routes::console::ConsoleShell,
    EmailServices => routes::console::services::EmailServicesPage,
    AddDomain => routes::console::add_domain::AddDomainPage,
    Manage => routes::console::manage::ManagePage,
    ConsoleSettings => routes::console::settings::ConsoleSettingsPage,
    DevPolicy => routes::dev_policy::DevPolicyPage,
}
