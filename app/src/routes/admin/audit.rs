//! Audit Log: the domain's events, newest first, 50 a page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::params::Params;

use crate::admin::api::audit_log;
use crate::components::audit_table::AuditTable;
use crate::i18n::td_string;
use crate::language;
use crate::routes::guard::load_failed;
use crate::routes::params::{use_query_as, PageNumber};

/// `?page=n`.
#[derive(Params, Clone, Debug, Default, PartialEq, Eq)]
struct AuditQuery {
    page: PageNumber,
}

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let query = use_query_as::<AuditQuery>();
    let entries = Resource::new(move || query.read().page.get(), audit_log);
    let lang = language::current();
    view! {
        <Title text=td_string!(lang, audit.title)/>
        <h1>{td_string!(lang, audit.title)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{td_string!(lang, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Err(error) => load_failed(error, "/login"),
                    Ok(data) => {
                        let pages = (data.total.max(0) as u32).div_ceil(data.page_size.max(1));
                        let previous = (data.page > 1).then(|| format!("/admin/audit?page={}", data.page - 1));
                        let next = (data.page < pages).then(|| format!("/admin/audit?page={}", data.page + 1));
                        view! {
                            <AuditTable entries=data.entries with_client=true/>
                            <nav class="pager" aria-label=td_string!(lang, admin.pages)>
                                {previous
                                    .map(|href| {
                                        view! { <a href=href rel="prev">{td_string!(lang, admin.previous)}</a> }
                                    })}
                                <span>
                                    {td_string!(lang, admin.page_of, page = data.page, pages = pages.max(1))
                                        .to_string()}
                                </span>
                                {next
                                    .map(|href| {
                                        view! { <a href=href rel="next">{td_string!(lang, admin.next)}</a> }
                                    })}
                            </nav>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
