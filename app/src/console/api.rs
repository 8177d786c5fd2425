//! Server functions of the Email Console. Thin: request in,
//! `services::console` called, answer or redirect out.

use leptos::prelude::*;

use super::ManagedDomain;
use crate::auth::PasswordContext;
use crate::error::UserError;
use crate::secret::Secret;

#[cfg(feature = "ssr")]
use crate::server_fn::{or_fail, or_fail_on, redirect, served};
#[cfg(feature = "ssr")]
use services::console;
#[cfg(feature = "ssr")]
use services::policy_gate::Candidate;

render_read! {
    pub async fn load_managed_domain(id: String) -> Result<ManagedDomain, UserError> {
        let (ctx, request) = served().await?;
        or_fail(console::domain(&ctx, &request, &id).await)
    }
}

render_read! {
    pub async fn postmaster_password_context(id: String) -> Result<PasswordContext, UserError> {
        let (ctx, request) = served().await?;
        or_fail(console::postmaster_password_context(&ctx, &request, &id).await)
    }
}

/// Scenario 3: Manage > Reset Password > Submit.
#[server(endpoint = "reset_postmaster_password")]
pub async fn reset_postmaster_password(
    id: String,
    new_password: Secret,
    confirm_password: Secret,
    policy_version: Option<String>,
    must_change: Option<String>,
) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let page = format!("/console/domains/{id}");
    let result = console::reset_postmaster_password(
        &ctx,
        &request,
        &id,
        Candidate::new(&new_password, &confirm_password, policy_version.as_deref()),
        must_change.is_some(),
    )
    .await;
    let at = or_fail_on::<ResetPostmasterPassword, _>(
        &format!("{page}?reset_form=1"),
        &request,
        result,
    )?;
    redirect(&format!("{page}?reset={at}"));
    Ok(())
}

#[server(endpoint = "add_domain")]
pub async fn add_domain(
    domain: String,
    new_password: Secret,
    confirm_password: Secret,
    policy_version: Option<String>,
) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let result = console::add_domain(
        &ctx,
        &request,
        &domain,
        Candidate::new(&new_password, &confirm_password, policy_version.as_deref()),
    )
    .await;
    let id = or_fail_on::<AddDomain, _>("/console/domains/new", &request, result)?;
    redirect(&format!("/console/domains/{id}?created=1"));
    Ok(())
}

#[server(endpoint = "change_console_password")]
pub async fn change_console_password(
    current_password: Secret,
    new_password: Secret,
    confirm_password: Secret,
    policy_version: Option<String>,
) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let result = console::change_password(
        &ctx,
        &request,
        &current_password,
        Candidate::new(&new_password, &confirm_password, policy_version.as_deref()),
    )
    .await;
    or_fail_on::<ChangeConsolePassword, _>("/console/settings", &request, result)?;
    redirect("/console/settings?changed=1");
    Ok(())
}

render_read! {
    pub async fn console_password_context() -> Result<PasswordContext, UserError> {
        let (ctx, request) = served().await?;
        or_fail(console::own_password_context(&ctx, &request).await)
    }
}
