//! Domain management (`/admin/...`), where postmasters land: the shell with
//! its left navigation, and one module a page.

pub mod accounts;
pub mod audit;
pub mod bulk;
pub mod create_account;
pub mod departments;
pub mod edit_account;
pub mod import;
pub mod overview;
pub mod policy;
pub mod recovery_settings;

use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_location;

use crate::admin::api::admin_home;
use crate::admin::AdminDomain;
use crate::components::layout::TopBar;
use crate::i18n::td_string;
use crate::language;
use crate::routes::guard::signed_in_shell;

/// The frame of every domain-management page (the parent route of
/// `/admin/...`): top bar, left navigation showing where you are, and the
/// page itself once the postmaster is known (provided to it as context).
#[component]
pub fn AdminShell() -> impl IntoView {
    signed_in_shell(
        Resource::new(|| (), |_| admin_home()),
        td_string!(language::current(), admin.title),
        "/login",
        |home: AdminDomain| {
            view! {
                <TopBar title=td_string!(language::current(), admin.title) who=home.postmaster/>
                <div class="admin">
                    <AdminNav domain=home.domain/>
                    <main class="admin-main">
                        <Outlet/>
                    </main>
                </div>
            }
            .into_any()
        },
    )
}

#[component]
fn AdminNav(domain: String) -> impl IntoView {
    let location = use_location();
    let lang = language::current();
    let current = move |prefix: &'static str| {
        let path = location.pathname.get();
        let here = if prefix == "/admin" {
            path == "/admin"
        } else {
            path.starts_with(prefix)
        };
        if here {
            Some("page")
        } else {
            None
        }
    };
    view! {
        <nav class="admin-nav" aria-label=td_string!(lang, admin.title)>
            <p class="domain-name">{domain}</p>
            <ul>
                <li><a href="/admin" aria-current=move || current("/admin")>{td_string!(lang, admin.overview)}</a></li>
                <li>
                    <a href="/admin/accounts" class="group">{td_string!(lang, admin.depts_users)}</a>
                    <ul>
                        <li>
                            <a href="/admin/accounts" aria-current=move || current("/admin/accounts")>
                                {td_string!(lang, admin.employee_accounts)}
                            </a>
                        </li>
                        <li>
                            <a href="/admin/departments" aria-current=move || current("/admin/departments")>
                                {td_string!(lang, admin.departments)}
                            </a>
                        </li>
                    </ul>
                </li>
                <li>
                    <a href="/admin/policy" class="group">{td_string!(lang, admin.security)}</a>
                    <ul>
                        <li>
                            <a href="/admin/policy" aria-current=move || current("/admin/policy")>
                                {td_string!(lang, admin.password_policy)}
                            </a>
                        </li>
                    </ul>
                </li>
                <li><a href="/admin/audit" aria-current=move || current("/admin/audit")>{td_string!(lang, audit.title)}</a></li>
            </ul>
        </nav>
    }
}
