//! The employee's mailbox home page: greeting, notices, security settings.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use crate::auth::api::me;
use crate::auth::Role;
use crate::components::layout::TopBar;
use crate::routes::format_time;
use crate::routes::guard::refuse;

#[component]
pub fn MailPage() -> impl IntoView {
    let user = Resource::new(|| (), |_| me());
    view! {
        <Title text="Mailbox"/>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match user.await {
                    Err(error) => refuse(error, "/login"),
                    Ok(user) if user.role == Role::Postmaster => {
                        view! { <Redirect path="/admin"/> }.into_any()
                    }
                    Ok(user) => {
                        let who = user.address.clone();
                        view! {
                            <TopBar title="Mailbox" who=who/>
                            <main class="card wide">
                                <h1>{format!("Hello, {}", user.display_name)}</h1>
                                <p class="lead">{user.address.clone()}</p>
                                <section>
                                    <h2 id="notices-title">"Notices"</h2>
                                    {if user.notices.is_empty() {
                                        view! { <p>"No notices."</p> }.into_any()
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
                                    }}
                                </section>
                                <p>
                                    <a href="/settings/security">"Security settings"</a>
                                </p>
                            </main>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
