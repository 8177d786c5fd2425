//! The confirmation of a bulk action (`/admin/accounts/bulk`): the
//! action, how many accounts and which, then one press applies it. After
//! it, the same page shows the accounts as they now stand (read again, so
//! a link cannot make it claim anything).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::accounts::status_text;
use crate::admin::api::{bulk_selection, BulkApply};
use crate::admin::{join_ids, BulkOperation, BulkSelection};
use crate::components::feedback::ErrorAlert;
use crate::i18n::td_string;
use crate::language::{self, Language};
use crate::routes::guard::load_failed;

fn title(lang: Language, operation: BulkOperation) -> &'static str {
    match operation {
        BulkOperation::RequireChange => td_string!(lang, accounts.title_require_change),
        BulkOperation::Disable => td_string!(lang, accounts.title_disable),
        BulkOperation::Enable => td_string!(lang, accounts.title_enable),
    }
}

fn effect(lang: Language, operation: BulkOperation) -> &'static str {
    match operation {
        BulkOperation::RequireChange => td_string!(lang, accounts.effect_require_change),
        BulkOperation::Disable => td_string!(lang, accounts.effect_disable),
        BulkOperation::Enable => td_string!(lang, accounts.effect_enable),
    }
}

fn confirm_label(lang: Language, operation: BulkOperation) -> &'static str {
    match operation {
        BulkOperation::RequireChange => td_string!(lang, accounts.do_require_change),
        BulkOperation::Disable => td_string!(lang, accounts.do_disable),
        BulkOperation::Enable => td_string!(lang, accounts.do_enable),
    }
}

#[component]
pub fn BulkPage() -> impl IntoView {
    let query = use_query_map();
    // The list's form sends `bulk` (twice without JavaScript: the hidden
    // field empty, then the pressed button's) and either the ticked `id`s
    // or `all` with `page_ids`; after the action, `ids` and `done`.
    let asked = move || {
        let query = query.read();
        let operation = query
            .get_all("bulk")
            .unwrap_or_default()
            .into_iter()
            .rfind(|value| !value.is_empty())
            .unwrap_or_default();
        let ids = if let Some(ids) = query.get("ids") {
            ids
        } else if query.get("all").is_some() {
            query.get("page_ids").unwrap_or_default()
        } else {
            let ticked = query.get_all("id").unwrap_or_default();
            join_ids(ticked.iter().map(String::as_str))
        };
        (operation, ids)
    };
    let done = move || query.read().get("done").is_some();
    let selection = Resource::new(asked, |(operation, ids)| bulk_selection(operation, ids));
    let lang = language::current();
    view! {
        <p><a href="/admin/accounts">{td_string!(lang, admin.back_to_accounts)}</a></p>
        <Suspense fallback=move || view! { <p class="loading">{td_string!(lang, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match selection.await {
                    Err(error) => {
                        view! {
                            <Title text=td_string!(lang, admin.employee_accounts)/>
                            <h1>{td_string!(lang, admin.employee_accounts)}</h1>
                            {load_failed(error, "/login")}
                        }
                            .into_any()
                    }
                    Ok(selection) => confirmation(lang, selection, done()).into_any(),
                }
            })}
        </Suspense>
    }
}

fn confirmation(lang: Language, selection: BulkSelection, done: bool) -> impl IntoView {
    let operation = selection.operation;
    let ids = selection.ids();
    let count = selection.accounts.len();
    let action = ServerAction::<BulkApply>::new();
    view! {
        <Title text=title(lang, operation)/>
        <h1>{title(lang, operation)}</h1>
        {if done {
            view! { <p class="success" role="status">{td_string!(lang, accounts.done)}</p> }.into_any()
        } else {
            view! {
                <p class="lead">{td_string!(lang, accounts.selected, count = count).to_string()}</p>
                <p>{effect(lang, operation)}</p>
            }
                .into_any()
        }}
        <table class="accounts">
            <thead>
                <tr>
                    <th scope="col">{td_string!(lang, admin.name)}</th>
                    <th scope="col">{td_string!(lang, common.email)}</th>
                    <th scope="col">{td_string!(lang, common.status)}</th>
                </tr>
            </thead>
            <tbody>
                {selection
                    .accounts
                    .into_iter()
                    .map(|account| {
                        let status = status_text(lang, false, false, account.enabled, account.must_change);
                        view! {
                            <tr>
                                <td>{account.display_name}</td>
                                <td>{account.address}</td>
                                <td>{status}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        {(!done)
            .then(|| {
                view! {
                    <ActionForm action=action attr:class="actions">
                        <ErrorAlert result=action.value()/>
                        <input type="hidden" name="operation" value=operation.key()/>
                        <input type="hidden" name="ids" value=ids/>
                        <button type="submit" class="primary">{confirm_label(lang, operation)}</button>
                        <a class="button" href="/admin/accounts">{td_string!(lang, accounts.cancel)}</a>
                    </ActionForm>
                }
            })}
    }
}
