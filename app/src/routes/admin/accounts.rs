//! Employee Accounts: the searchable, paginated list, and Create Account.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::params::Params;

use crate::admin::api::{list_departments, list_employees, load_domain_policy, CreateAccount};
use crate::admin::{EmployeePage, PAGE_SIZE};
use crate::auth::{PasswordContext, Role};
use crate::components::feedback::ErrorAlert;
use crate::components::new_password::{
    current_rules, follow_current_rules, refused_rules, NewPasswordFields,
};
use crate::i18n::td_string;
use crate::language;
use crate::policy::{PasswordRules, PolicyFailure};
use crate::routes::guard::load_failed;
use crate::routes::params::{use_query_as, PageNumber};
use crate::time::format_time;

/// The list's search, department filter and page.
#[derive(Params, Clone, Debug, Default, PartialEq, Eq)]
struct AccountsQuery {
    q: Option<String>,
    department: Option<String>,
    page: PageNumber,
}

fn page_link(search: &str, department: &str, page: u32) -> String {
    let mut link = format!("/admin/accounts?page={page}");
    if !search.is_empty() {
        link.push_str(&format!("&q={}", urlencode(search)));
    }
    if !department.is_empty() {
        link.push_str(&format!("&department={}", urlencode(department)));
    }
    link
}

/// Percent-encodes a query value (everything but unreserved characters).
pub fn urlencode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
pub fn EmployeeAccountsPage() -> impl IntoView {
    let query = use_query_as::<AccountsQuery>();
    let search = move || query.read().q.clone().unwrap_or_default();
    let department = move || query.read().department.clone().unwrap_or_default();
    let page = move || query.read().page.get();
    let employees = Resource::new(
        move || (search(), department(), page()),
        |(search, department, page)| list_employees(search, department, page),
    );
    let departments = Resource::new(|| (), |_| list_departments());
    let lang = language::current();

    view! {
        <Title text=td_string!(lang, admin.employee_accounts)/>
        <div class="page-head">
            <h1>{td_string!(lang, admin.employee_accounts)}</h1>
            <a class="button" href="/admin/accounts/new">{td_string!(lang, admin.create_account)}</a>
        </div>
        <form method="get" action="/admin/accounts" class="filters" role="search">
            <div class="field">
                <label for="accounts-search">{td_string!(lang, admin.search)}</label>
                <input
                    id="accounts-search"
                    name="q"
                    type="search"
                    placeholder=td_string!(lang, admin.search_placeholder)
                    value=search
                />
            </div>
            <div class="field">
                <label for="accounts-department">{td_string!(lang, admin.department)}</label>
                <select id="accounts-department" name="department">
                    <option value="">{td_string!(lang, admin.all_departments)}</option>
                    <Suspense>
                        {move || Suspend::new(async move {
                            let selected = department();
                            departments
                                .await
                                .unwrap_or_default()
                                .into_iter()
                                .map(|d| {
                                    let is_selected = d.id == selected;
                                    view! {
                                        <option value=d.id selected=is_selected>{d.name}</option>
                                    }
                                })
                                .collect_view()
                        })}
                    </Suspense>
                </select>
            </div>
            <button type="submit">{td_string!(lang, admin.filter)}</button>
        </form>
        <Suspense fallback=move || view! { <p class="loading">{td_string!(lang, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match employees.await {
                    Err(error) => load_failed(error, "/login"),
                    Ok(page_data) => {
                        employee_table(lang, page_data, search(), department()).into_any()
                    }
                }
            })}
        </Suspense>
    }
}

fn employee_table(
    lang: language::Language,
    data: EmployeePage,
    search: String,
    department: String,
) -> impl IntoView {
    let pages = (data.total.max(0) as u32).div_ceil(PAGE_SIZE);
    let first = (data.page - 1) * PAGE_SIZE + 1;
    let last = first + data.rows.len() as u32 - 1;
    let summary = if data.total == 0 {
        td_string!(lang, admin.no_accounts).to_owned()
    } else {
        td_string!(
            lang,
            admin.accounts_range,
            first = first,
            last = last,
            total = data.total
        )
        .to_string()
    };
    let previous = (data.page > 1).then(|| page_link(&search, &department, data.page - 1));
    let next = (data.page < pages).then(|| page_link(&search, &department, data.page + 1));
    view! {
        <p class="summary" role="status">{summary}</p>
        <table class="accounts">
            <thead>
                <tr>
                    <th scope="col">{td_string!(lang, admin.name)}</th>
                    <th scope="col">{td_string!(lang, common.email)}</th>
                    <th scope="col">{td_string!(lang, admin.department)}</th>
                    <th scope="col">{td_string!(lang, common.status)}</th>
                    <th scope="col">{td_string!(lang, admin.last_logon)}</th>
                </tr>
            </thead>
            <tbody>
                {data
                    .rows
                    .into_iter()
                    .map(|row| {
                        let role = if row.role == Role::Postmaster {
                            td_string!(lang, admin.postmaster_suffix)
                        } else {
                            ""
                        };
                        view! {
                            <tr>
                                <td>
                                    <a href=format!("/admin/accounts/{}", row.id)>{row.display_name}</a>
                                    {role}
                                </td>
                                <td>{row.address}</td>
                                <td>{row.department.unwrap_or_else(|| "—".into())}</td>
                                <td>
                                    {if row.reported {
                                        td_string!(lang, admin.reported)
                                    } else if row.enabled {
                                        td_string!(lang, admin.enabled)
                                    } else {
                                        td_string!(lang, admin.disabled)
                                    }}
                                </td>
                                <td>
                                    {row
                                        .last_logon_at
                                        .map_or_else(|| td_string!(lang, admin.never).into(), format_time)}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        <nav class="pager" aria-label=td_string!(lang, admin.pages)>
            {previous
                .map(|href| view! { <a href=href rel="prev">{td_string!(lang, admin.previous)}</a> })}
            <span>
                {td_string!(lang, admin.page_of, page = data.page, pages = pages.max(1)).to_string()}
            </span>
            {next.map(|href| view! { <a href=href rel="next">{td_string!(lang, admin.next)}</a> })}
        </nav>
    }
}

#[component]
pub fn CreateAccountPage() -> impl IntoView {
    let policy = Resource::new(|| (), |_| load_domain_policy());
    let departments = Resource::new(|| (), |_| list_departments());
    let action = ServerAction::<CreateAccount>::new();
    let refused = refused_rules(action.value().get_untracked());
    let lang = language::current();
    view! {
        <Title text=td_string!(lang, admin.create_account)/>
        <p><a href="/admin/accounts">{td_string!(lang, admin.back_to_accounts)}</a></p>
        <h1>{td_string!(lang, admin.create_account)}</h1>
        <ActionForm action=action attr:class="stack narrow-form">
            <ErrorAlert result=action.value()/>
            <div class="field">
                <label for="create-name">{td_string!(lang, admin.display_name)}</label>
                <input id="create-name" name="display_name" type="text" required maxlength="64"/>
            </div>
            <Suspense fallback=move || view! { <p class="loading">{td_string!(lang, common.loading)}</p> }>
                {move || {
                    let refused = refused.clone();
                    Suspend::new(async move {
                        let policy = match policy.await {
                            Ok(policy) => policy,
                            Err(error) => return load_failed(error, "/login"),
                        };
                        let departments = departments.await.unwrap_or_default();
                        let rules = PasswordRules { preset: policy.preset, keywords: policy.keywords };
                        view! {
                            {current_rules(&rules)}
                            <AccountFields
                                lang
                                domain=policy.domain
                                rules=rules
                                refused
                            >
                                <div class="field">
                                    <label for="create-department">{td_string!(lang, admin.department)}</label>
                                    <select id="create-department" name="department">
                                        <option value="">{td_string!(lang, admin.no_department)}</option>
                                        {departments
                                            .into_iter()
                                            .map(|d| view! { <option value=d.id>{d.name}</option> })
                                            .collect_view()}
                                    </select>
                                </div>
                            </AccountFields>
                        }
                        .into_any()
                    })
                }}
            </Suspense>
            <label class="check">
                <input type="checkbox" name="must_change" value="on" checked/>
                {td_string!(lang, common.must_change)}
            </label>
            <button type="submit" class="primary">{td_string!(lang, admin.create_account)}</button>
        </ActionForm>
    }
}

/// The new account's address, then `children` (rendered on the server),
/// then its initial password, as one island: the checklist judges with
/// the address as it is typed and the domain's keywords.
#[island(lazy)]
fn AccountFields(
    lang: crate::language::Language,
    domain: String,
    rules: PasswordRules,
    refused: Vec<PolicyFailure>,
    children: Children,
) -> impl IntoView {
    let local_part = RwSignal::new(String::new());
    let server_failures = RwSignal::new(refused);
    let suffix = format!("@{domain}");
    // The page the router brings after a refusal may have newer rules.
    let rules = RwSignal::new(rules);
    follow_current_rules(move |current| {
        if rules.with_untracked(|r| *r != current) {
            rules.try_set(current);
        }
    });
    let context = Signal::derive(move || PasswordContext {
        account: format!("{}@{domain}", local_part.get().trim().to_lowercase()),
        rules: rules.get(),
    });
    view! {
        <div class="field">
            <label for="create-local">{td_string!(lang, admin.address)}</label>
            <div class="address-row">
                <input
                    id="create-local"
                    name="local_part"
                    type="text"
                    required
                    maxlength="64"
                    autocapitalize="off"
                    spellcheck="false"
                    on:input=move |ev| local_part.set(event_target_value(&ev))
                />
                <span class="domain-suffix">{suffix}</span>
            </div>
        </div>
        {children()}
        <NewPasswordFields lang context=context server_failures=server_failures/>
    }
}
