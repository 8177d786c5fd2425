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
                                <h1>"Email Services"</h1>
                                <table>
                                    <thead>
                                        <tr>
                                            <th scope="col">"Domain"</th>
                                            <th scope="col">"Postmaster"</th>
                                            <th scope="col">"Accounts"</th>
                                            <th scope="col">"Status"</th>
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
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </main>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
