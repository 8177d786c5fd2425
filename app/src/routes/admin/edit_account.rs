//! Edit Account (`/admin/accounts/:id`): the account's facts, enable or
//! disable, and Reset Password (scenario 1): new password with the live
//! checklist judged with *that employee's* address and the domain's
//! keywords, "Require a password change at next logon" on by default.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::admin::api::{load_account, SetAccountEnabled};
use crate::admin::AccountDetail;
use crate::components::feedback::ErrorAlert;
use crate::components::reset_form::{ResetOf, ResetPasswordForm};
use crate::i18n::td_string;
use crate::language;
use crate::routes::guard::load_failed;
use crate::routes::params::{use_params_as, use_query_as, IdParams, ResetQuery};
use crate::time::format_time;

#[component]
pub fn EditAccountPage() -> impl IntoView {
    let params = use_params_as::<IdParams>();
    let query = use_query_as::<ResetQuery>();
    // Refetched after a reset or a status change (the query changes).
    let account = Resource::new(
        move || {
            let query = query.read();
            (params.read().id.clone(), query.reset, query.changed)
        },
        |(id, _, _)| load_account(id),
    );
    let reset_at = move || query.read().reset.get();
    let created = move || query.read().created.is_set();
    let lang = language::current();
    view! {
        <Title text=td_string!(lang, admin.edit_account)/>
        <p><a href="/admin/accounts">{td_string!(lang, admin.back_to_accounts)}</a></p>
        <h1>{td_string!(lang, admin.edit_account)}</h1>
        {move || {
            created()
                .then(|| {
                    view! {
                        <p class="success" role="status">{td_string!(lang, admin.account_created)}</p>
                    }
                })
        }}
        {move || {
            reset_at()
                .map(|at| {
                    view! {
                        <p class="success" role="status">
                            {td_string!(lang, admin.password_reset_at, time = format_time(at)).to_string()}
                        </p>
                    }
                })
        }}
        <Suspense fallback=move || view! { <p class="loading">{td_string!(lang, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match account.await {
                    Err(error) => load_failed(error, "/login"),
                    Ok(detail) => view! { <AccountView detail=detail/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountView(detail: AccountDetail) -> impl IntoView {
    let query = use_query_as::<ResetQuery>();
    // The Reset Password button is a GET to ?reset_form=1, which the
    // islands router patches in place.
    let form_requested = move || query.read().reset_form.is_set();
    let enable = ServerAction::<SetAccountEnabled>::new();
    let id = detail.id.clone();
    let lang = language::current();
    let toggle_label = if detail.enabled {
        td_string!(lang, admin.disable_account)
    } else {
        td_string!(lang, admin.enable_account)
    };
    let is_self = detail.is_self;
    view! {
        <dl class="facts">
            <dt>{td_string!(lang, admin.name)}</dt>
            <dd>{detail.display_name.clone()}</dd>
            <dt>{td_string!(lang, common.email)}</dt>
            <dd>{detail.address.clone()}</dd>
            <dt>{td_string!(lang, admin.department)}</dt>
            <dd>{detail.department.clone().unwrap_or_else(|| "—".into())}</dd>
            <dt>{td_string!(lang, common.status)}</dt>
            <dd>
                {if detail.reported {
                    td_string!(lang, admin.reported)
                } else if detail.enabled {
                    td_string!(lang, admin.enabled)
                } else {
                    td_string!(lang, admin.disabled)
                }}
            </dd>
            <dt>{td_string!(lang, admin.last_logon)}</dt>
            <dd>
                {detail.last_logon_at.map_or_else(|| td_string!(lang, admin.never).into(), format_time)}
            </dd>
            <dt>{td_string!(lang, admin.password_changed)}</dt>
            <dd>{format_time(detail.password_changed_at)}</dd>
            <dt>{td_string!(lang, common.secure_phone)}</dt>
            <dd>{detail.phone.clone().unwrap_or_else(|| td_string!(lang, common.not_bound).into())}</dd>
            <dt>{td_string!(lang, common.security_questions)}</dt>
            <dd>
                {if detail.has_security_questions {
                    td_string!(lang, admin.bound)
                } else {
                    td_string!(lang, admin.questions_not_set)
                }}
            </dd>
        </dl>
        {if is_self {
            view! {
                <p class="note">
                    {td_string!(lang, admin.own_account_before)}
                    <a href="/settings/security">{td_string!(lang, common.security_settings)}</a>
                    {td_string!(lang, admin.own_account_after)}
                </p>
            }
                .into_any()
        } else {
            let id_for_toggle = id.clone();
            view! {
                <div class="actions">
                    <ActionForm action=enable>
                        <ErrorAlert result=enable.value()/>
                        <input type="hidden" name="id" value=id_for_toggle/>
                        <input type="hidden" name="enabled" value=if detail.enabled { "false" } else { "true" }/>
                        <button type="submit">{toggle_label}</button>
                    </ActionForm>
                    <form method="get">
                        <input type="hidden" name="reset_form" value="1"/>
                        <button type="submit">{td_string!(lang, common.reset_password)}</button>
                    </form>
                </div>
                <Show when=form_requested>
                    <ResetPasswordForm
                        of=ResetOf::Employee
                        id=id.clone()
                        heading=td_string!(lang, common.reset_password).to_string()
                        submit=td_string!(lang, common.save)
                    />
                </Show>
            }
                .into_any()
        }}
    }
}
