//! Reset Password for someone else's account, one form for scenario 1 (a
//! postmaster resets an employee) and scenario 3 (the console owner resets
//! a postmaster): the new password judged live with *that* account's
//! address and keywords, and "Require a password change at next logon", on
//! by default. Only the server function it posts to differs.

use leptos::prelude::*;

use crate::admin::api::{account_password_context, ResetPassword};
use crate::components::feedback::ErrorAlert;
use crate::components::new_password::{password_fields, refused_rules};
use crate::console::api::{postmaster_password_context, ResetPostmasterPassword};
use crate::error::UserError;
use crate::i18n::td_string;
use crate::language;

/// Whose password the form resets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResetOf {
    /// Scenario 1: an employee of the postmaster's domain.
    Employee,
    /// Scenario 3: the postmaster of a domain of the console owner.
    Postmaster,
}

/// The form, under `heading`, sent with `submit` ("Save" in scenario 1,
/// "Submit" in scenario 3, as the help article names them). `id` is the
/// account's (scenario 1) or the domain's (scenario 3).
#[component]
pub fn ResetPasswordForm(
    of: ResetOf,
    id: String,
    heading: String,
    submit: &'static str,
) -> impl IntoView {
    let form = match of {
        ResetOf::Employee => {
            let action = ServerAction::<ResetPassword>::new();
            let fields = ResetFields::new(id, action.value().into(), account_password_context);
            view! { <ActionForm action=action attr:class="stack narrow-form">{fields.view(submit)}</ActionForm> }
                .into_any()
        }
        ResetOf::Postmaster => {
            let action = ServerAction::<ResetPostmasterPassword>::new();
            let fields = ResetFields::new(id, action.value().into(), postmaster_password_context);
            view! { <ActionForm action=action attr:class="stack narrow-form">{fields.view(submit)}</ActionForm> }
                .into_any()
        }
    };
    view! {
        <section class="reset">
            <h2 id="reset-title">{heading}</h2>
            {form}
        </section>
    }
}

/// What is inside the form, whichever server function it posts to.
struct ResetFields {
    id: String,
    result: Signal<Option<Result<(), UserError>>>,
    context: Resource<Result<crate::auth::PasswordContext, UserError>>,
}

impl ResetFields {
    fn new<F, Fut>(id: String, result: Signal<Option<Result<(), UserError>>>, load: F) -> Self
    where
        F: Fn(String) -> Fut + Send + Sync + 'static,
        Fut: std::future::Future<Output = Result<crate::auth::PasswordContext, UserError>>
            + Send
            + 'static,
    {
        let context = Resource::new(
            {
                let id = id.clone();
                move || id.clone()
            },
            load,
        );
        ResetFields {
            id,
            result,
            context,
        }
    }

    fn view(self, submit: &'static str) -> impl IntoView {
        let lang = language::current();
        let refused = refused_rules(self.result.get_untracked());
        view! {
            <ErrorAlert result=self.result/>
            <input type="hidden" name="id" value=self.id/>
            {password_fields(self.context, refused)}
            <label class="check">
                <input type="checkbox" name="must_change" value="on" checked/>
                {td_string!(lang, common.must_change)}
            </label>
            <button type="submit" class="primary">{submit}</button>
        }
    }
}
