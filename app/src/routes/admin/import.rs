//! Import accounts: the upload form (`/admin/accounts/import`, a plain
//! multipart POST to the server's upload route, which answers with the
//! preview's address or the refusal) and the preview
//! (`/admin/accounts/import/<id>`): every row with its problem, then
//! "Import", which writes the ready rows.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::admin::api::{import_preview, CommitImport};
use crate::admin::{ImportPreview, ImportRow, RowProblem};
use crate::components::feedback::ErrorAlert;
use crate::error::UserError;
use crate::i18n::td_string;
use crate::language::{self, Language};
use crate::messages;
use crate::routes::guard::load_failed;
use crate::routes::params::{use_params_as, IdParams};

/// Where the file goes (the server's route; see `server::http::import_upload`).
const UPLOAD: &str = "/admin/accounts/import/upload";

#[component]
pub fn ImportPage() -> impl IntoView {
    let query = use_query_map();
    let lang = language::current();
    // The upload's refusal comes back in the link as the error itself: a
    // forged one can only show one of the app's own sentences.
    let refused = move || {
        query
            .read()
            .get("refused")
            .and_then(|json| serde_json::from_str::<UserError>(&json).ok())
            .map(|error| messages::user_error(lang, &error))
    };
    view! {
        <Title text=td_string!(lang, import_accounts.title)/>
        <p><a href="/admin/accounts">{td_string!(lang, admin.back_to_accounts)}</a></p>
        <h1>{td_string!(lang, import_accounts.title)}</h1>
        <p class="lead">{td_string!(lang, import_accounts.lead)}</p>
        {move || refused().map(|text| view! { <p class="error" role="alert">{text}</p> })}
        <UploadForm lang/>
    }
}

/// The upload form. The islands router would send the form as text (and
/// lose the file): its submit stops here, so the browser posts it itself.
#[island]
fn UploadForm(lang: Language) -> impl IntoView {
    view! {
        <form
            method="post"
            action=UPLOAD
            enctype="multipart/form-data"
            class="stack narrow-form"
            on:submit=|ev| ev.stop_propagation()
        >
            <div class="field">
                <label for="import-file">{td_string!(lang, import_accounts.file)}</label>
                <input id="import-file" name="file" type="file" accept=".csv,text/csv" required/>
            </div>
            <fieldset class="stack">
                <legend>{td_string!(lang, import_accounts.start)}</legend>
                <label class="check">
                    <input type="radio" name="start" value="random" checked/>
                    {td_string!(lang, import_accounts.start_random)}
                </label>
                <label class="check">
                    <input type="radio" name="start" value="disabled"/>
                    {td_string!(lang, import_accounts.start_disabled)}
                </label>
            </fieldset>
            <button type="submit" class="primary">{td_string!(lang, import_accounts.upload)}</button>
        </form>
    }
}

pub fn problem_text(lang: Language, problem: &RowProblem, domain: &str) -> String {
    match problem {
        RowProblem::NameMissing => td_string!(lang, import_accounts.name_missing).to_owned(),
        RowProblem::NameInvalid => td_string!(lang, import_accounts.name_invalid).to_owned(),
        RowProblem::AddressInvalid => td_string!(lang, import_accounts.address_invalid).to_owned(),
        RowProblem::OtherDomain => {
            td_string!(lang, import_accounts.other_domain, domain = domain).to_string()
        }
        RowProblem::DuplicateOf { line } => {
            td_string!(lang, import_accounts.duplicate_of, line = *line).to_string()
        }
        RowProblem::AddressTaken => td_string!(lang, import_accounts.address_taken).to_owned(),
        RowProblem::UnknownDepartment => {
            td_string!(lang, import_accounts.unknown_department).to_owned()
        }
        RowProblem::PhoneInvalid => td_string!(lang, import_accounts.phone_invalid).to_owned(),
    }
}

#[component]
pub fn ImportPreviewPage() -> impl IntoView {
    let params = use_params_as::<IdParams>();
    let preview = Resource::new(move || params.read().id.clone(), import_preview);
    let lang = language::current();
    view! {
        <Title text=td_string!(lang, import_accounts.preview)/>
        <p><a href="/admin/accounts">{td_string!(lang, admin.back_to_accounts)}</a></p>
        <h1>{td_string!(lang, import_accounts.title)}</h1>
        <Suspense fallback=move || view! { <p class="loading">{td_string!(lang, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match preview.await {
                    Err(error) => {
                        view! {
                            {load_failed(error, "/login")}
                            <p><a href="/admin/accounts/import">{td_string!(lang, import_accounts.again)}</a></p>
                        }
                            .into_any()
                    }
                    Ok(preview) => preview_view(lang, preview).into_any(),
                }
            })}
        </Suspense>
    }
}

fn preview_view(lang: Language, preview: ImportPreview) -> impl IntoView {
    let ready = preview.ready();
    let total = preview.rows.len();
    let commit = ServerAction::<CommitImport>::new();
    let head = match preview.imported {
        Some(count) => view! {
            <p class="success" role="status">
                {td_string!(lang, import_accounts.done, count = count).to_string()}
            </p>
            <p><a href="/admin/accounts/import">{td_string!(lang, import_accounts.again)}</a></p>
        }
        .into_any(),
        None => view! {
            <h2>{td_string!(lang, import_accounts.preview)}</h2>
            <p role="status">
                {td_string!(lang, import_accounts.summary, ready = ready, total = total).to_string()}
            </p>
            <ActionForm action=commit attr:class="actions">
                <ErrorAlert result=commit.value()/>
                <input type="hidden" name="id" value=preview.id.clone()/>
                <button type="submit" class="primary">{td_string!(lang, import_accounts.import)}</button>
                <a class="button" href="/admin/accounts/import">{td_string!(lang, import_accounts.again)}</a>
            </ActionForm>
        }
        .into_any(),
    };
    let domain = preview.domain.clone();
    view! {
        {head}
        <table class="accounts import">
            <thead>
                <tr>
                    <th scope="col">{td_string!(lang, import_accounts.line)}</th>
                    <th scope="col">{td_string!(lang, admin.name)}</th>
                    <th scope="col">{td_string!(lang, common.email)}</th>
                    <th scope="col">{td_string!(lang, admin.department)}</th>
                    <th scope="col">{td_string!(lang, common.secure_phone)}</th>
                    <th scope="col">{td_string!(lang, import_accounts.problem)}</th>
                </tr>
            </thead>
            <tbody>{preview.rows.into_iter().map(|row| import_row(lang, row, &domain)).collect_view()}</tbody>
        </table>
    }
}

fn import_row(lang: Language, row: ImportRow, domain: &str) -> impl IntoView {
    let problem = if row.problems.is_empty() {
        td_string!(lang, import_accounts.ready).to_owned()
    } else {
        row.problems
            .iter()
            .map(|p| problem_text(lang, p, domain))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let class = if row.problems.is_empty() {
        ""
    } else {
        "problem"
    };
    view! {
        <tr class=class>
            <td>{row.line}</td>
            <td>{row.name}</td>
            <td>{row.address}</td>
            <td>{row.department}</td>
            <td>{row.phone}</td>
            <td>{problem}</td>
        </tr>
    }
}
