//! Domain management (`/admin`), where postmasters land.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use crate::auth::api::me;
use crate::auth::Role;
use crate::components::layout::TopBar;
use crate::routes::guard::refuse;

#[component]
pub fn AdminPage() -> impl IntoView {
    let user = Resource::new(|| (), |_| me());
    view! {
        <Title text="Domain management"/>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match user.await {
                    Err(error) => refuse(error, "/login"),
                    Ok(user) if user.role != Role::Postmaster => {
                        view! { <Redirect path="/mail"/> }.into_any()
                    }
                    Ok(user) => {
                        view! {
                            <TopBar title="Domain management" who=user.address.clone()/>
                            <main class="card wide">
                                <h1>"Domain management"</h1>
                                <p class="lead">{format!("Domain: {}", user.domain)}</p>
                                <p>{format!("Signed in as {}", user.address)}</p>
                            </main>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
