//! Security settings' recovery methods: the "Secure mobile phone" and
//! "Security questions" sections of `/settings/security`. Every form posts
//! to its server function and works without JavaScript; the page's query
//! (`?code_sent=1`, `?phone_bound=1`, `?questions_saved=1`) carries the
//! outcome back.

pub mod phone;
pub mod questions;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::binding::api::{load_security_setup, BindPhone, SendPhoneCode, SetSecurityQuestions};
use phone::PhoneSection;
use questions::QuestionsSection;

/// Both sections, from one load of the account's setup. The setup is
/// loaded again after every success, so what is bound is what is shown.
#[component]
pub fn RecoveryMethods() -> impl IntoView {
    let query = use_query_map();
    let send = ServerAction::<SendPhoneCode>::new();
    let bind = ServerAction::<BindPhone>::new();
    let save = ServerAction::<SetSecurityQuestions>::new();
    let successes = RwSignal::new(0u32);
    Effect::new(move |_| {
        let succeeded = [
            matches!(send.value().get(), Some(Ok(()))),
            matches!(bind.value().get(), Some(Ok(()))),
            matches!(save.value().get(), Some(Ok(()))),
        ];
        if succeeded.contains(&true) {
            successes.update(|n| *n += 1);
        }
    });
    let setup = Resource::new(
        move || (query.with(|q| q.to_query_string()), successes.get()),
        |_| load_security_setup(),
    );
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match setup.await {
                    Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                    Ok(setup) => view! {
                        <PhoneSection setup=setup.clone() send=send bind=bind/>
                        <QuestionsSection setup=setup save=save/>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}
