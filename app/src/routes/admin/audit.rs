//! Audit Log: the domain's events, newest first, 50 a page.

use leptos::prelude::*;

use crate::routes::guard::load_failed;

use crate::admin::AuditAction;
use leptos_meta::Title;
use leptos_router::params::Params;

use crate::admin::api::audit_log;
use crate::routes::params::{use_query_as, PageNumber};
use crate::time::format_time;

/// `?page=n`.
#[derive(Params, Clone, Debug, Default, PartialEq, Eq)]
struct AuditQuery {
    page: PageNumber,
}

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let query = use_query_as::<AuditQuery>();
    let entries = Resource::new(move || query.read().page.get(), audit_log);
    view! {
        <Title text="Audit Log"/>
        <h1>"Audit Log"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Err(error) => load_failed(error, "/login"),
                    Ok(data) => {
                        let pages = (data.total.max(0) as u32).div_ceil(data.page_size.max(1));
                        let previous = (data.page > 1).then(|| format!("/admin/audit?page={}", data.page - 1));
                        let next = (data.page < pages).then(|| format!("/admin/audit?page={}", data.page + 1));
                        view! {
                            <table class="audit">
                                <thead>
                                    <tr>
                                        <th scope="col">"Time"</th>
                                        <th scope="col">"Actor"</th>
                                        <th scope="col">"Action"</th>
                                        <th scope="col">"Target"</th>
                                        <th scope="col">"Client address"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {data
                                        .entries
                                        .into_iter()
                                        .map(|e| view! {
                                            <tr>
                                                <td>{format_time(e.at)}</td>
                                                <td>{e.actor}</td>
                                                <td>{AuditAction::label_of(&e.action)}</td>
                                                <td>{e.target.unwrap_or_default()}</td>
                                                <td>{e.client_addr.unwrap_or_default()}</td>
                                            </tr>
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                            <nav class="pager" aria-label="Pages">
                                {previous.map(|href| view! { <a href=href rel="prev">"Previous"</a> })}
                                <span>{format!("Page {} of {}", data.page, pages.max(1))}</span>
                                {next.map(|href| view! { <a href=href rel="next">"Next"</a> })}
                            </nav>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
