//! `/console`: Email Services, the signed-in owner's domains.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::auth::api::console_me;
use crate::components::layout::TopBar;
use crate::routes::guard::refuse;

#[component]
pub fn EmailServicesPage() -> impl IntoView {
    let owner = Resource::new(|| (), |_| console_me());
    view! {
        <Title text="Email Services"/>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match owner.await {
                    Err(error) => refuse(error, "/console/login"),
                    Ok(owner) => {
                        view! {
                            <TopBar title="Email Console" who=owner.login_name.clone() console=true/>
                            <main class="card wide">
                                <div class="page-head">
                                    <h1>"Email Services"</h1>
                                    <a class="button" href="/console/domains/new">"Add Domain"</a>
                                </div>
                                <table>
                                    <thead>
                                        <tr>
                                            <th scope="col">"Domain"</th>
                                            <th scope="col">"Postmaster"</th>
                                            <th scope="col">"Accounts"</th>
                                            <th scope="col">"Status"</th>
                                            <th scope="col">"Actions"</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {owner
                                            .domains
                                            .into_iter()
                                            .map(|domain| {
                                                view! {
                                                    <tr>
                                                        <td>{domain.name}</td>
                                                        <td>{domain.postmaster}</td>
                                                        <td>{domain.accounts}</td>
                                                        <td>{domain.status}</td>
                                                        <td>
                                                            <a href=format!("/console/domains/{}", domain.id)>"Manage"</a>
                                                        </td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                                <p class="aside">
                                    <a href="/console/settings">"Account settings"</a>
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
