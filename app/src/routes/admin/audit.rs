//! Audit Log: the domain's events, newest first, 50 a page, filtered by
//! "Action", "Account", "From" and "To" (a plain GET form, so a filtered
//! page is a link), and "Export CSV" of what the filters select.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::params::Params;

use crate::admin::api::audit_log;
use crate::admin::{AuditAction, AuditFilter};
use crate::components::audit_table::AuditTable;
use crate::i18n::td_string;
use crate::language;
use crate::routes::guard::load_failed;
use crate::routes::params::{use_query_as, PageNumber};

/// `?event=…&account=…&from=…&to=…&page=n` ("Action" is `event`: see
/// [`AuditFilter`]).
#[derive(Params, Clone, Debug, Default, PartialEq, Eq)]
struct AuditQuery {
    event: Option<String>,
    account: Option<String>,
    from: Option<String>,
    to: Option<String>,
    page: PageNumber,
}

impl AuditQuery {
    fn filter(&self) -> AuditFilter {
        AuditFilter {
            action: self.event.clone().unwrap_or_default(),
            account: self.account.clone().unwrap_or_default(),
            from: self.from.clone().unwrap_or_default(),
            to: self.to.clone().unwrap_or_default(),
        }
    }
}

/// `/admin/audit?<filters>&page=n` (the filters first, so pages keep them).
fn page_link(filter: &AuditFilter, page: u32) -> String {
    let query = filter.query();
    if query.is_empty() {
        format!("/admin/audit?page={page}")
    } else {
        format!("/admin/audit?{query}&page={page}")
    }
}

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let query = use_query_as::<AuditQuery>();
    let entries = Resource::new(
        move || {
            let query = query.read();
            (query.filter(), query.page.get())
        },
        |(filter, page)| audit_log(filter, page),
    );
    let lang = language::current();
    view! {
        <Title text=td_string!(lang, audit.title)/>
        <h1>{td_string!(lang, audit.title)}</h1>
        {move || view! { <AuditFilters filter=query.read().filter()/> }}
        <Suspense fallback=move || view! { <p class="loading">{td_string!(lang, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let filter = query.read_untracked().filter();
                match entries.await {
                    Err(error) => load_failed(error, "/login"),
                    Ok(data) => {
                        let pages = (data.total.max(0) as u32).div_ceil(data.page_size.max(1));
                        let previous = (data.page > 1).then(|| page_link(&filter, data.page - 1));
                        let next = (data.page < pages || data.total_capped)
                            .then(|| page_link(&filter, data.page + 1));
                        view! {
                            <AuditTable entries=data.entries with_client=true/>
                            <nav class="pager" aria-label=td_string!(lang, admin.pages)>
                                {previous
                                    .map(|href| {
                                        view! { <a href=href rel="prev">{td_string!(lang, admin.previous)}</a> }
                                    })}
                                <span>
                                    {if data.total_capped {
                                        td_string!(lang, admin.page_of_more, page = data.page, pages = pages)
                                            .to_string()
                                    } else {
                                        td_string!(lang, admin.page_of, page = data.page, pages = pages.max(1))
                                            .to_string()
                                    }}
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

/// The filters' GET form and the export of what they select.
#[component]
fn AuditFilters(filter: AuditFilter) -> impl IntoView {
    let lang = language::current();
    let export = format!("/admin/audit/export.csv?{}", filter.query());
    let chosen = filter.action.clone();
    view! {
        <form class="filters" method="get" action="/admin/audit">
            <div class="field">
                <label for="audit-action">{td_string!(lang, audit.action)}</label>
                <select id="audit-action" name="event">
                    <option value="">{td_string!(lang, audit.any_action)}</option>
                    {AuditAction::ALL
                        .into_iter()
                        .map(|action| {
                            view! {
                                <option value=action.key() selected=action.key() == chosen>
                                    {action.label(lang)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="audit-account">{td_string!(lang, audit.account)}</label>
                <input
                    id="audit-account"
                    name="account"
                    type="text"
                    maxlength="254"
                    spellcheck="false"
                    autocomplete="off"
                    value=filter.account.clone()
                    aria-describedby="audit-account-help"
                />
                <p id="audit-account-help" class="help">{td_string!(lang, audit.account_help)}</p>
            </div>
            <div class="field">
                <label for="audit-from">{td_string!(lang, audit.from)}</label>
                <input id="audit-from" name="from" type="date" value=filter.from.clone()/>
            </div>
            <div class="field">
                <label for="audit-to">{td_string!(lang, audit.to)}</label>
                <input id="audit-to" name="to" type="date" value=filter.to.clone()/>
            </div>
            <button type="submit">{td_string!(lang, audit.filter)}</button>
        </form>
        <p>
            <a href=export download="audit-log.csv" rel="external">
                {td_string!(lang, audit.export_csv)}
            </a>
        </p>
    }
}
