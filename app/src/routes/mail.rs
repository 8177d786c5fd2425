//! The employee's mailbox home page: greeting, notices, security settings;
//! and the frame of every page of a signed-in mail account.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Outlet, Redirect};

use crate::auth::api::me;
use crate::auth::{MailUser, Role};
use crate::components::layout::TopBar;
use crate::error::UserError;
use crate::i18n::td_string;
use crate::language;
use crate::routes::format_time;
use crate::routes::guard::signed_in_shell;

/// The top bar of a mail account's pages, and the page.
pub fn mail_frame(user: MailUser) -> AnyView {
    let lang = language::current();
    view! {
        <TopBar title=td_string!(lang, layout.mailbox) who=user.address/>
        <Outlet/>
    }
    .into_any()
}

/// `/mail`: the signed-in account (an account that must change its
/// password first is sent to Change Password, one that must set up a
/// recovery method to that), provided to the page.
#[component]
pub fn MailShell() -> impl IntoView {
    signed_in_shell(
        Resource::new(
            || (),
            |_| async {
                me().await.and_then(|user| {
                    if user.recovery_setup_required {
                        Err(UserError::RecoverySetupRequired)
                    } else {
                        Ok(user)
                    }
                })
            },
        ),
        td_string!(language::current(), layout.mailbox),
        "/login",
        mail_frame,
    )
}

#[component]
pub fn MailPage() -> impl IntoView {
    let user = expect_context::<MailUser>();
    let lang = language::current();
    let page = if user.role == Role::Postmaster {
        view! { <Redirect path="/admin"/> }.into_any()
    } else {
        let notices = if user.notices.is_empty() {
            view! { <p>{td_string!(lang, mail.no_notices)}</p> }.into_any()
        } else {
            view! {
                <ul class="notices">
                    {user
                        .notices
                        .into_iter()
                        .map(|notice| {
                            view! {
                                <li>
                                    <time>{format_time(notice.at)}</time>
                                    " "
                                    {notice.text}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        };
        view! {
            <main class="card wide">
                <h1>{td_string!(lang, mail.hello, name = user.display_name).to_string()}</h1>
                <p class="lead">{user.address}</p>
                <section>
                    <h2 id="notices-title">{td_string!(lang, mail.notices)}</h2>
                    {notices}
                </section>
                <p>
                    <a href="/settings/security">{td_string!(lang, common.security_settings)}</a>
                </p>
            </main>
        }
        .into_any()
    };
    view! {
        <Title text=td_string!(lang, layout.mailbox)/>
        {page}
    }
}
