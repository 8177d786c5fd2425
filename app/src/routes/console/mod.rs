//! The Email Console of cloud account owners.

pub mod add_domain;
pub mod login;
pub mod manage;
pub mod services;
pub mod settings;

use leptos::prelude::*;
use leptos_router::components::Outlet;

use crate::auth::api::console_me;
use crate::auth::Owner;
use crate::components::layout::TopBar;
use crate::i18n::td_string;
use crate::language;
use crate::routes::guard::signed_in_shell;

/// The frame of every signed-in console page: the top bar, and the page
/// once the owner is known (provided to it as context).
#[component]
pub fn ConsoleShell() -> impl IntoView {
    signed_in_shell(
        Resource::new(|| (), |_| console_me()),
        td_string!(language::current(), common.email_console),
        "/console/login",
        |owner: Owner| {
            view! {
                <TopBar
                    title=td_string!(language::current(), common.email_console)
                    who=owner.login_name
                    console=true
                />
                <Outlet/>
            }
            .into_any()
        },
    )
}
