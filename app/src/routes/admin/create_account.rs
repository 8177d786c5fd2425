//! Create Account: the new account's name, address, department and
//! initial password, judged by the domain's checklist as it is typed.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::admin::api::{list_departments, load_domain_policy, CreateAccount};
use crate::auth::PasswordContext;
use crate::components::feedback::ErrorAlert;
use crate::components::new_password::{
    current_rules, follow_current_rules, refused_rules, NewPasswordFields,
};
use crate::i18n::td_string;
use crate::language;
use crate::policy::{PasswordRules, PolicyFailure};
use crate::routes::guard::load_failed;

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
