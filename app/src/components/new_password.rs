//! "New password" and "Confirm password" with the live checklist: the one
//! way every form in the app sets a password. [`NewPassword`] is the
//! island a server-rendered form places; [`NewPasswordFields`] is for an
//! island whose context changes as the person types (a new account's
//! address).

use leptos::prelude::*;

use crate::i18n::td_string;

use crate::auth::PasswordContext;
use crate::components::checklist::PasswordChecklist;
use crate::components::password_input::PasswordInput;
use crate::error::UserError;
use crate::language::{self, Language};
use crate::policy::{PasswordRules, PolicyFailure};

/// The rules a policy refusal in `result` (a form's last result, as the
/// server renders the page after it) names: the checklist keeps them red.
/// Nothing after any other error.
pub fn refused_rules<T>(result: Option<Result<T, UserError>>) -> Vec<PolicyFailure> {
    match result {
        Some(Err(error)) => error.policy_failures().to_vec(),
        _ => Vec::new(),
    }
}

/// "New password" and "Confirm password" with the live checklist, as an
/// island: the one part of a password form that runs in the browser.
/// `context` is what the server judges with; `refused` is what it refused
/// last (see [`refused_rules`]). Place it after [`current_rules`], which
/// tells it the rules of every page the islands router brings later.
#[island]
pub fn NewPassword(
    lang: Language,
    context: PasswordContext,
    refused: Vec<PolicyFailure>,
) -> impl IntoView {
    let server_failures = RwSignal::new(refused);
    let context = RwSignal::new(context);
    // The router keeps this island as it is when it patches in the page a
    // post was answered with, so the rules that page was rendered with (a
    // preset or keywords changed meanwhile) are read from outside it.
    follow_current_rules(move |rules| {
        if context.with_untracked(|c| c.rules != rules) {
            context.try_update(|c| c.rules = rules);
        }
    });
    view! { <NewPasswordFields lang context=context server_failures=server_failures/> }
}

/// The id of the element [`current_rules`] renders.
const CURRENT_RULES: &str = "password-rules";

/// The rules a page was rendered with, outside any island (the islands
/// router updates it with each page it brings): an island that judges a
/// new password follows it with [`follow_current_rules`].
pub fn current_rules(rules: &PasswordRules) -> impl IntoView {
    let json = serde_json::to_string(rules).unwrap_or_default();
    view! { <div id=CURRENT_RULES hidden data-rules=json></div> }
}

/// Calls `adopt` with the rules [`current_rules`] says whenever a page the
/// islands router brings changes them (in the browser; on the server,
/// never).
pub fn follow_current_rules(adopt: impl Fn(PasswordRules) + 'static) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::closure::Closure;
        use leptos::wasm_bindgen::JsCast;
        let Some(element) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id(CURRENT_RULES))
        else {
            return;
        };
        let read = {
            let element = element.clone();
            move || {
                let rules = element
                    .get_attribute("data-rules")
                    .and_then(|json| serde_json::from_str::<PasswordRules>(&json).ok());
                if let Some(rules) = rules {
                    adopt(rules);
                }
            }
        };
        let changed = Closure::<dyn Fn()>::new(read);
        if let Ok(observer) = web_sys::MutationObserver::new(changed.as_ref().unchecked_ref()) {
            let options = web_sys::MutationObserverInit::new();
            options.set_attributes(true);
            let filter = js_sys::Array::of1(&"data-rules".into());
            options.set_attribute_filter(&filter);
            let _ = observer.observe_with_options(&element, &options);
        }
        changed.forget();
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = adopt;
}

/// [`NewPassword`] once `context` has loaded (an error loading it is shown
/// in its place).
pub fn password_fields(
    context: Resource<Result<PasswordContext, UserError>>,
    refused: Vec<PolicyFailure>,
) -> impl IntoView {
    let lang = language::current();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{td_string!(lang, common.loading)}</p> }>
            {move || {
                let refused = refused.clone();
                Suspend::new(async move {
                    match context.await {
                        Ok(context) => {
                            view! {
                                {current_rules(&context.rules)}
                                <NewPassword lang=language::current() context refused/>
                            }
                                .into_any()
                        }
                        Err(error) => {
                            let text = crate::messages::user_error(language::current(), &error);
                            view! { <p class="error" role="alert">{text}</p> }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn NewPasswordFields(
    /// The language of the labels and the checklist.
    lang: Language,
    /// The account and rules the password is judged against.
    #[prop(into)]
    context: Signal<PasswordContext>,
    /// What the server refused last; cleared as soon as the user types.
    server_failures: RwSignal<Vec<PolicyFailure>>,
) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    // The common-password list is fetched when a new-password field is
    // first focused, or as soon as something was typed (perhaps before the
    // island woke).
    let common_ready = RwSignal::new(false);
    let want_list = move || {
        if !common_ready.get_untracked() {
            crate::components::common_list::load(move || {
                common_ready.try_set(true);
            });
        }
    };
    Effect::new(move |_| {
        if !password.with(String::is_empty) || !confirmation.with(String::is_empty) {
            want_list();
        }
    });
    // A new keystroke is a new candidate: the server's last verdict no
    // longer applies to it (the refreshed keywords judge it locally). The
    // effect's first run is the island waking up, not a keystroke: the
    // server's verdict stays on the lines until the person types.
    Effect::new(move |woken: Option<()>| {
        password.track();
        confirmation.track();
        if woken.is_some() {
            server_failures.set(Vec::new());
        }
    });
    // After the islands router brings the page the server answered a post
    // with, the refused rules are shown here too: the router keeps this
    // island as it is (what was typed included), so it reads the verdict
    // from the address of that page.
    crate::navigation::on_navigated(move |url| {
        let failures = crate::error::policy_failures_in_url(url);
        if !failures.is_empty() {
            server_failures.try_set(failures);
        }
    });
    view! {
        <input
            type="hidden"
            name="policy_version"
            prop:value=move || context.with(|c| c.rules.version())
            value=context.with_untracked(|c| c.rules.version())
        />
        <PasswordInput
            on:focusin=move |_| want_list()
            id="new-password"
            name="new_password"
            label=td_string!(lang, common.new_password)
            autocomplete="new-password"
            lang
            value=password
        />
        <PasswordInput
            on:focusin=move |_| want_list()
            id="confirm-password"
            name="confirm_password"
            label=td_string!(lang, common.confirm_password)
            autocomplete="new-password"
            lang
            value=confirmation
        />
        <PasswordChecklist
            lang=lang
            password=password
            confirmation=Signal::derive(move || Some(confirmation.get()))
            account=Signal::derive(move || context.get().account)
            rules=Signal::derive(move || context.get().rules)
            common_ready=common_ready
            server_failures=server_failures
        />
    }
}
