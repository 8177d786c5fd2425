//! Departments: list with account counts, create, rename.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::admin::api::{list_departments, CreateDepartment, RenameDepartment};
use crate::components::feedback::ErrorAlert;
use crate::i18n::td_string;
use crate::language;
use crate::routes::guard::load_failed;

#[component]
pub fn DepartmentsPage() -> impl IntoView {
    let create = ServerAction::<CreateDepartment>::new();
    let rename = ServerAction::<RenameDepartment>::new();
    let departments = Resource::new(
        move || (create.version().get(), rename.version().get()),
        |_| list_departments(),
    );
    let lang = language::current();
    view! {
        <Title text=td_string!(lang, admin.departments)/>
        <h1>{td_string!(lang, admin.departments)}</h1>
        <ErrorAlert result=rename.value()/>
        <Suspense fallback=move || view! { <p class="loading">{td_string!(lang, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match departments.await {
                    Err(error) => load_failed(error, "/login"),
                    Ok(list) => view! {
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">{td_string!(lang, admin.department)}</th>
                                    <th scope="col">{td_string!(lang, common.accounts)}</th>
                                    <th scope="col">{td_string!(lang, admin.rename)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {list
                                    .into_iter()
                                    .map(|d| {
                                        let field = format!("rename-{}", d.id);
                                        let label = td_string!(lang, admin.new_name_for, name = &d.name).to_string();
                                        view! {
                                            <tr>
                                                <td>
                                                    <a href=format!("/admin/accounts?department={}", d.id)>
                                                        {d.name.clone()}
                                                    </a>
                                                </td>
                                                <td>{d.accounts}</td>
                                                <td>
                                                    <ActionForm action=rename attr:class="inline">
                                                        <input type="hidden" name="id" value=d.id.clone()/>
                                                        <label class="visually-hidden" for=field.clone()>{label}</label>
                                                        <input id=field name="name" type="text" value=d.name required maxlength="64"/>
                                                        <button type="submit">{td_string!(lang, admin.rename)}</button>
                                                    </ActionForm>
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                        .into_any(),
                }
            })}
        </Suspense>
        <h2>{td_string!(lang, admin.create_department_title)}</h2>
        <ActionForm action=create attr:class="stack narrow-form">
            <ErrorAlert result=create.value()/>
            <div class="field">
                <label for="department-name">{td_string!(lang, admin.department_name)}</label>
                <input id="department-name" name="name" type="text" required maxlength="64"/>
            </div>
            <button type="submit">{td_string!(lang, admin.create_department)}</button>
        </ActionForm>
    }
}
