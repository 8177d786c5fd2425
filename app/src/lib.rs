//! Everything the server renders and the browser hydrates: the routes, the
//! components they are built from, the server functions behind the forms,
//! and the password policy that both sides run.

#[macro_use]
mod render;

pub mod admin;
pub mod auth;
pub mod binding;
pub mod components;
pub mod console;
pub mod navigation;
pub mod recovery;
pub mod report;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod server_fn;

// Shared with the services (the crate `proto`): the policy, the errors,
// the languages and their sentences.
pub use proto::{error, i18n, language, local_path, messages, policy, secret, text, time};

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{ParentRoute, Redirect, Route, Router, Routes},
    path, SsrMode,
};

/// The HTML document around the app; only ever rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = language::tag(language::current());
    view! {
        <!DOCTYPE html>
        <html lang=lang>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="data:,"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options islands=true islands_router=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// A route's view, built after [`error::sanitize_url_error`] has replaced
/// the error the router read from the URL: every route goes through this,
/// a parent route (whose frame has forms too, such as Log Out) and each of
/// its children alike, since only a context provided inside the route's
/// own owner shadows the router's (see there).
fn page<F, V>(view: F) -> impl Fn() -> V + Clone + Send + 'static
where
    F: Fn() -> V + Clone + Send + 'static,
    V: IntoView + 'static,
{
    move || {
        error::sanitize_url_error();
        view()
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Read now, inside the request: a page's title may be set later, when
    // its data has loaded.
    let suffix = i18n::td_string!(language::current(), common.title_suffix);

    view! {
        <Title formatter=move |page: String| format!("{page} · {suffix}")/>
        <Router>
            <Routes fallback=routes::not_found::NotFound>
                <Route path=path!("/") view=page(|| view! { <Redirect path="/login"/> })/>
                <Route path=path!("/login") view=page(routes::login::LoginPage)/>
                <Route path=path!("/forgot") view=page(routes::forgot::start::ForgotStartPage) ssr=SsrMode::Async/>
                <Route
                    path=path!("/forgot/method")
                    view=page(routes::forgot::method::ForgotMethodPage)
                    ssr=SsrMode::Async
                />
                <Route path=path!("/forgot/sms") view=page(routes::forgot::sms::ForgotSmsPage) ssr=SsrMode::Async/>
                <Route
                    path=path!("/forgot/questions")
                    view=page(routes::forgot::questions::ForgotQuestionsPage)
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/forgot/new-password")
                    view=page(routes::forgot::new_password::ForgotNewPasswordPage)
                    ssr=SsrMode::Async
                />
                <Route path=path!("/forgot/done") view=page(routes::forgot::done::ForgotDonePage) ssr=SsrMode::Async/>
                <Route
                    path=path!("/forgot/unlocked")
                    view=page(routes::forgot::done::ForgotUnlockedPage)
                    ssr=SsrMode::Async
                />
                <ParentRoute path=path!("/mail") view=page(routes::mail::MailShell) ssr=SsrMode::Async>
                    <Route path=path!("") view=page(routes::mail::MailPage) ssr=SsrMode::Async/>
                </ParentRoute>
                <ParentRoute path=path!("/admin") view=page(routes::admin::AdminShell) ssr=SsrMode::Async>
                    <Route path=path!("") view=page(routes::admin::overview::OverviewPage) ssr=SsrMode::Async/>
                    <Route
                        path=path!("accounts")
                        view=page(routes::admin::accounts::EmployeeAccountsPage)
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("accounts/bulk")
                        view=page(routes::admin::bulk::BulkPage)
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("accounts/import")
                        view=page(routes::admin::import::ImportPage)
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("accounts/import/:id")
                        view=page(routes::admin::import::ImportPreviewPage)
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("accounts/new")
                        view=page(routes::admin::create_account::CreateAccountPage)
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("accounts/:id")
                        view=page(routes::admin::edit_account::EditAccountPage)
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("departments")
                        view=page(routes::admin::departments::DepartmentsPage)
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("policy")
                        view=page(routes::admin::policy::PasswordPolicyPage)
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("audit") view=page(routes::admin::audit::AuditLogPage) ssr=SsrMode::Async/>
                </ParentRoute>
                <ParentRoute
                    path=path!("/change-password")
                    view=page(routes::change_password::ForcedChangeShell)
                    ssr=SsrMode::Async
                >
                    <Route
                        path=path!("")
                        view=page(routes::change_password::ForcedChangePage)
                        ssr=SsrMode::Async
                    />
                </ParentRoute>
                <ParentRoute path=path!("/settings") view=page(routes::settings::SettingsShell) ssr=SsrMode::Async>
                    <Route
                        path=path!("security")
                        view=page(routes::change_password::SecuritySettingsPage)
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("recovery")
                        view=page(routes::settings::prompts::SetupRecoveryPage)
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("confirm-recovery")
                        view=page(routes::settings::prompts::ConfirmRecoveryPage)
                        ssr=SsrMode::Async
                    />
                </ParentRoute>
                <Route path=path!("/r/:token") view=page(routes::report::ReportPage) ssr=SsrMode::Async/>
                <Route path=path!("/console/login") view=page(routes::console::login::ConsoleLoginPage)/>
                <ParentRoute path=path!("/console") view=page(routes::console::ConsoleShell) ssr=SsrMode::Async>
                    <Route
                        path=path!("")
                        view=page(routes::console::services::EmailServicesPage)
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("domains/new")
                        view=page(routes::console::add_domain::AddDomainPage)
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("domains/:id")
                        view=page(routes::console::manage::ManagePage)
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("settings")
                        view=page(routes::console::settings::ConsoleSettingsPage)
                        ssr=SsrMode::Async
                    />
                </ParentRoute>
                <Route path=path!("/dev/policy") view=page(routes::dev_policy::DevPolicyPage)/>
            </Routes>
            <footer class="language-bar">
                <components::language_switch::LanguageSwitch/>
            </footer>
            <components::feedback::PageArrival/>
        </Router>
    }
}
