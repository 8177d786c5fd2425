//! Employee Accounts: the list with its search, filters ("Status",
//! "Recovery methods", department) and order, a keyset page at a time,
//! and the bulk actions on the accounts ticked on a page. Every filter is
//! a plain GET form and every page a link.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::params::Params;

use crate::admin::api::{list_departments, list_employees};
use crate::admin::{
    BulkOperation, EmployeeFilter, EmployeePage, EmployeeRow, RecoveryFilter, SortOrder,
    StatusFilter,
};
use crate::auth::Role;
use crate::i18n::td_string;
use crate::language::{self, Language};
use crate::routes::guard::load_failed;
use crate::routes::params::use_query_as;
use crate::time::format_time;

/// `?q=…&department=…&status=…&recovery=…&sort=…&after=…|before=…`.
#[derive(Params, Clone, Debug, Default, PartialEq, Eq)]
struct AccountsQuery {
    q: Option<String>,
    department: Option<String>,
    status: Option<String>,
    recovery: Option<String>,
    sort: Option<String>,
    after: Option<String>,
    before: Option<String>,
}

impl AccountsQuery {
    fn filter(&self) -> EmployeeFilter {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        EmployeeFilter {
            q: text(&self.q),
            department: text(&self.department),
            status: text(&self.status),
            recovery: text(&self.recovery),
            sort: text(&self.sort),
            after: text(&self.after),
            before: text(&self.before),
        }
    }
}

pub fn status_label(lang: Language, status: StatusFilter) -> &'static str {
    match status {
        StatusFilter::Enabled => td_string!(lang, admin.enabled),
        StatusFilter::Disabled => td_string!(lang, admin.disabled),
        StatusFilter::Locked => td_string!(lang, accounts.locked),
        StatusFilter::MustChange => td_string!(lang, accounts.must_change),
    }
}

fn recovery_label(lang: Language, recovery: RecoveryFilter) -> &'static str {
    match recovery {
        RecoveryFilter::None => td_string!(lang, accounts.recovery_none),
        RecoveryFilter::Sms => td_string!(lang, accounts.recovery_sms),
        RecoveryFilter::Questions => td_string!(lang, accounts.recovery_questions),
    }
}

fn sort_label(lang: Language, sort: SortOrder) -> &'static str {
    match sort {
        SortOrder::Name => td_string!(lang, admin.name),
        SortOrder::Address => td_string!(lang, accounts.sort_address),
        SortOrder::LastLogon => td_string!(lang, admin.last_logon),
    }
}

pub fn operation_label(lang: Language, operation: BulkOperation) -> &'static str {
    match operation {
        BulkOperation::RequireChange => td_string!(lang, accounts.require_change),
        BulkOperation::Disable => td_string!(lang, accounts.disable),
        BulkOperation::Enable => td_string!(lang, accounts.enable),
    }
}

/// `<option>`s of one choice list: `(key, label)`s, `current` selected.
fn options(choices: Vec<(&'static str, &'static str)>, current: &str) -> impl IntoView {
    choices
        .into_iter()
        .map(|(key, label)| view! { <option value=key selected=key == current>{label}</option> })
        .collect_view()
}

#[component]
pub fn EmployeeAccountsPage() -> impl IntoView {
    let query = use_query_as::<AccountsQuery>();
    let employees = Resource::new(move || query.read().filter(), list_employees);
    let departments = Resource::new(|| (), |_| list_departments());
    let lang = language::current();
    let filter = move || query.read().filter();

    view! {
        <Title text=td_string!(lang, admin.employee_accounts)/>
        <div class="page-head">
            <h1>{td_string!(lang, admin.employee_accounts)}</h1>
            <div class="actions">
                <a class="button" href="/admin/accounts/import">{td_string!(lang, import_accounts.title)}</a>
                <a class="button" href="/admin/accounts/new">{td_string!(lang, admin.create_account)}</a>
            </div>
        </div>
        {move || {
            let filter = filter();
            let status: Vec<_> = std::iter::once(("", td_string!(lang, accounts.status_all)))
                .chain(StatusFilter::ALL.iter().map(|s| (s.key(), status_label(lang, *s))))
                .collect();
            let recovery: Vec<_> = std::iter::once(("", td_string!(lang, accounts.recovery_any)))
                .chain(RecoveryFilter::ALL.iter().map(|r| (r.key(), recovery_label(lang, *r))))
                .collect();
            let sort: Vec<_> = SortOrder::ALL.iter().map(|s| (s.key(), sort_label(lang, *s))).collect();
            let selected_department = filter.department.clone();
            view! {
                <form method="get" action="/admin/accounts" class="filters" role="search">
                    <div class="field">
                        <label for="accounts-search">{td_string!(lang, admin.search)}</label>
                        <input
                            id="accounts-search"
                            name="q"
                            type="search"
                            placeholder=td_string!(lang, admin.search_placeholder)
                            value=filter.q.clone()
                        />
                    </div>
                    <div class="field">
                        <label for="accounts-department">{td_string!(lang, admin.department)}</label>
                        <select id="accounts-department" name="department">
                            <option value="">{td_string!(lang, admin.all_departments)}</option>
                            <Suspense>
                                {move || {
                                    let selected = selected_department.clone();
                                    Suspend::new(async move {
                                        departments
                                            .await
                                            .unwrap_or_default()
                                            .into_iter()
                                            .map(|d| {
                                                let is_selected = d.id == selected;
                                                view! { <option value=d.id selected=is_selected>{d.name}</option> }
                                            })
                                            .collect_view()
                                    })
                                }}
                            </Suspense>
                        </select>
                    </div>
                    <div class="field">
                        <label for="accounts-status">{td_string!(lang, common.status)}</label>
                        <select id="accounts-status" name="status">{options(status, &filter.status)}</select>
                    </div>
                    <div class="field">
                        <label for="accounts-recovery">{td_string!(lang, accounts.recovery_methods)}</label>
                        <select id="accounts-recovery" name="recovery">{options(recovery, &filter.recovery)}</select>
                    </div>
                    <div class="field">
                        <label for="accounts-sort">{td_string!(lang, accounts.sort)}</label>
                        <select id="accounts-sort" name="sort">{options(sort, &filter.sort)}</select>
                    </div>
                    <button type="submit">{td_string!(lang, admin.filter)}</button>
                </form>
            }
        }}
        <Suspense fallback=move || view! { <p class="loading">{td_string!(lang, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match employees.await {
                    Err(error) => load_failed(error, "/login"),
                    Ok(page) => employee_table(lang, page, query.read_untracked().filter()).into_any(),
                }
            })}
        </Suspense>
    }
}

fn employee_table(lang: Language, data: EmployeePage, filter: EmployeeFilter) -> impl IntoView {
    let summary = if data.total == 0 {
        td_string!(lang, admin.no_accounts).to_owned()
    } else if data.total_capped {
        td_string!(lang, accounts.total_over, total = data.total).to_string()
    } else {
        td_string!(lang, accounts.total, total = data.total).to_string()
    };
    let on_later_page = !filter.after.is_empty() || !filter.before.is_empty();
    let first = on_later_page.then(|| filter.link(None));
    let previous = data
        .previous
        .as_deref()
        .map(|address| filter.link(Some(("before", address))));
    let next = data
        .next
        .as_deref()
        .map(|address| filter.link(Some(("after", address))));
    let page_ids = crate::admin::join_ids(data.rows.iter().map(|row| row.id.as_str()));
    let has_rows = !data.rows.is_empty();
    view! {
        <p class="summary" role="status">{summary}</p>
        {has_rows
            .then(|| {
                view! {
                    <BulkForm lang page_ids>
                        <table class="accounts">
                            <thead>
                                <tr>
                                    <th scope="col"><span class="visually-hidden">{td_string!(lang, accounts.with_selected)}</span></th>
                                    <th scope="col">{td_string!(lang, admin.name)}</th>
                                    <th scope="col">{td_string!(lang, common.email)}</th>
                                    <th scope="col">{td_string!(lang, admin.department)}</th>
                                    <th scope="col">{td_string!(lang, common.status)}</th>
                                    <th scope="col">{td_string!(lang, admin.last_logon)}</th>
                                </tr>
                            </thead>
                            <tbody>{data.rows.into_iter().map(|row| employee_row(lang, row)).collect_view()}</tbody>
                        </table>
                    </BulkForm>
                }
            })}
        <nav class="pager" aria-label=td_string!(lang, admin.pages)>
            {first.map(|href| view! { <a href=href>{td_string!(lang, accounts.first_page)}</a> })}
            {previous.map(|href| view! { <a href=href rel="prev">{td_string!(lang, admin.previous)}</a> })}
            {next.map(|href| view! { <a href=href rel="next">{td_string!(lang, admin.next)}</a> })}
        </nav>
    }
}

/// An account's state as the lists say it: "Reported", "Locked",
/// "Enabled" or "Disabled", then "Must change password" when it must.
pub fn status_text(
    lang: Language,
    reported: bool,
    locked: bool,
    enabled: bool,
    must_change: bool,
) -> String {
    let mut status = Vec::new();
    if reported {
        status.push(td_string!(lang, admin.reported));
    } else if locked {
        status.push(td_string!(lang, accounts.locked));
    }
    if !enabled {
        status.push(td_string!(lang, admin.disabled));
    } else if status.is_empty() {
        status.push(td_string!(lang, admin.enabled));
    }
    if must_change {
        status.push(td_string!(lang, accounts.must_change));
    }
    status.join(td_string!(lang, common.list_separator))
}

fn employee_row(lang: Language, row: EmployeeRow) -> impl IntoView {
    let role = if row.role == Role::Postmaster {
        td_string!(lang, admin.postmaster_suffix)
    } else {
        ""
    };
    let status = status_text(lang, row.reported, row.locked, row.enabled, row.must_change);
    let select = td_string!(lang, accounts.select_row, name = row.display_name.clone()).to_string();
    view! {
        <tr>
            <td><input type="checkbox" name="id" value=row.id.clone() aria-label=select/></td>
            <td>
                <a href=format!("/admin/accounts/{}", row.id)>{row.display_name}</a>
                {role}
            </td>
            <td>{row.address}</td>
            <td>{row.department.unwrap_or_else(|| "—".into())}</td>
            <td>{status}</td>
            <td>{row.last_logon_at.map_or_else(|| td_string!(lang, admin.never).into(), format_time)}</td>
        </tr>
    }
}

/// The list's rows inside the bulk actions' form: a GET to the
/// confirmation with the ticked `id`s, or with `all` and this page's
/// `page_ids`. Without JavaScript the pressed button names the action; the
/// islands router sends a form without its submitter, so here a press
/// writes it into the hidden `bulk` field, and "Select all on this page"
/// ticks the rows it stands for.
#[island]
fn BulkForm(lang: Language, page_ids: String, children: Children) -> impl IntoView {
    let chosen = NodeRef::<leptos::html::Input>::new();
    let all = NodeRef::<leptos::html::Input>::new();
    let form = NodeRef::<leptos::html::Form>::new();
    let choose = move |operation: BulkOperation| {
        move |_| {
            if let Some(input) = chosen.get_untracked() {
                input.set_value(operation.key());
            }
        }
    };
    // Ticks (or unticks) every row; unticking one row unticks "all".
    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let Some(target) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let (Some(form), Some(all)) = (form.get_untracked(), all.get_untracked()) else {
                return;
            };
            if target.name() == "all" {
                if let Ok(rows) = form.query_selector_all("input[name=id]") {
                    for n in 0..rows.length() {
                        if let Some(row) = rows
                            .item(n)
                            .and_then(|r| r.dyn_into::<web_sys::HtmlInputElement>().ok())
                        {
                            row.set_checked(target.checked());
                        }
                    }
                }
            } else if target.name() == "id" && !target.checked() {
                all.set_checked(false);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, form, all);
    };
    let buttons = [
        BulkOperation::RequireChange,
        BulkOperation::Disable,
        BulkOperation::Enable,
    ];
    view! {
        <form method="get" action="/admin/accounts/bulk" class="bulk" node_ref=form on:change=on_change>
            <input type="hidden" name="bulk" value="" node_ref=chosen/>
            <input type="hidden" name="page_ids" value=page_ids/>
            <div class="bulk-bar" role="group" aria-label=td_string!(lang, accounts.with_selected)>
                <label class="check">
                    <input type="checkbox" name="all" value="on" node_ref=all/>
                    {td_string!(lang, accounts.select_all)}
                </label>
                {buttons
                    .into_iter()
                    .map(|operation| {
                        view! {
                            <button type="submit" name="bulk" value=operation.key() on:click=choose(operation)>
                                {operation_label(lang, operation)}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {children()}
        </form>
    }
}
