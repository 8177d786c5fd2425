//! Edit Account (`/admin/accounts/:id`): the account's facts, enable or
//! disable, and Reset Password (scenario 1): new password with the live
//! checklist judged with *that employee's* address and the domain's
//! keywords, "Require a password change at next logon" on by default.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::admin::api::{account_password_context, load_account, ResetPassword, SetAccountEnabled};
use crate::admin::AccountDetail;
use crate::components::feedback::ErrorAlert;
use crate::components::new_password::{password_fields, refused_rules};
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
    view! {
        <Title text="Edit Account"/>
        <p><a href="/admin/accounts">"Back to Employee Accounts"</a></p>
        <h1>"Edit Account"</h1>
        {move || created().then(|| view! { <p class="success" role="status">"Account created."</p> })}
        {move || {
            reset_at()
                .map(|at| {
                    view! {
                        <p class="success" role="status">
                            {format!("Password reset at {}.", format_time(at))}
                        </p>
                    }
                })
        }}
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
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
    let toggle_label = if detail.enabled {
        "Disable Account"
    } else {
        "Enable Account"
    };
    let is_self = detail.is_self;
    view! {
        <dl class="facts">
            <dt>"Name"</dt>
            <dd>{detail.display_name.clone()}</dd>
            <dt>"Email address"</dt>
            <dd>{detail.address.clone()}</dd>
            <dt>"Department"</dt>
            <dd>{detail.department.clone().unwrap_or_else(|| "—".into())}</dd>
            <dt>"Status"</dt>
            <dd>{if detail.enabled { "Enabled" } else { "Disabled" }}</dd>
            <dt>"Last logon"</dt>
            <dd>{detail.last_logon_at.map_or_else(|| "Never".into(), format_time)}</dd>
            <dt>"Password changed"</dt>
            <dd>{format_time(detail.password_changed_at)}</dd>
            <dt>"Secure mobile phone"</dt>
            <dd>{detail.phone.clone().unwrap_or_else(|| "Not bound".into())}</dd>
            <dt>"Security questions"</dt>
            <dd>{if detail.has_security_questions { "Bound" } else { "Not bound" }}</dd>
        </dl>
        {if is_self {
            view! {
                <p class="note">
                    "This is your own account. Change your password in "
                    <a href="/settings/security">"Security settings"</a>
                    "; if you have forgotten it, the domain's owner resets it from the Email Console."
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
                        <button type="submit">"Reset Password"</button>
                    </form>
                </div>
                <Show when=form_requested>
                    <ResetPasswordForm id=id.clone()/>
                </Show>
            }
                .into_any()
        }}
    }
}

#[component]
fn ResetPasswordForm(id: String) -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let refused = refused_rules(action.value().get_untracked());
    let context = Resource::new(
        {
            let id = id.clone();
            move || id.clone()
        },
        account_password_context,
    );
    view! {
        <section class="reset">
            <h2 id="reset-title">"Reset Password"</h2>
            <ActionForm action=action attr:class="stack narrow-form">
                <ErrorAlert result=action.value()/>
                <input type="hidden" name="id" value=id/>
                {password_fields(context, refused)}
                <label class="check">
                    <input type="checkbox" name="must_change" value="on" checked/>
                    "Require a password change at next logon"
                </label>
                <button type="submit" class="primary">"Save"</button>
            </ActionForm>
        </section>
    }
}
