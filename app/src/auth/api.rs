//! Server functions for logon, logout and password changes. Each is thin:
//! it takes the request, calls `services::identity`, sets the cookie or
//! the redirect, and maps the status code (see `crate::server_fn`). Secrets
//! arrive as `Secret`.

use leptos::prelude::*;

use super::{MailUser, Owner, PasswordContext};
use crate::error::UserError;
use crate::secret::Secret;

#[cfg(feature = "ssr")]
use crate::server_fn::{or_fail, or_fail_on, redirect, served, set_cookies};
#[cfg(feature = "ssr")]
use services::identity;
#[cfg(feature = "ssr")]
use services::policy_gate::Candidate;

/// Logon page of mail accounts: on success, the session cookie and a
/// redirect to the account's landing page.
#[server(endpoint = "log_on")]
pub async fn log_on(email: String, password: Secret) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let result = identity::log_on(&ctx, &request, &email, &password).await;
    let start = or_fail_on::<LogOn, _>("/login", &request, result)?;
    set_cookies(&request, &start.cookies);
    redirect(&start.redirect_to);
    Ok(())
}

/// Email Console logon of cloud account owners.
#[server(endpoint = "console_log_on")]
pub async fn console_log_on(account_name: String, password: Secret) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let result = identity::console_log_on(&ctx, &request, &account_name, &password).await;
    let start = or_fail_on::<ConsoleLogOn, _>("/console/login", &request, result)?;
    set_cookies(&request, &start.cookies);
    redirect(&start.redirect_to);
    Ok(())
}

#[server(endpoint = "log_out")]
pub async fn log_out() -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let cookie = or_fail(identity::log_out(&ctx, &request, false).await)?;
    set_cookies(&request, &[cookie]);
    redirect("/login");
    Ok(())
}

#[server(endpoint = "console_log_out")]
pub async fn console_log_out() -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let cookie = or_fail(identity::log_out(&ctx, &request, true).await)?;
    set_cookies(&request, &[cookie]);
    redirect("/console/login");
    Ok(())
}

render_read! {
    /// The signed-in mail account, or `NotSignedIn` / `MustChangePassword`.
    pub async fn me() -> Result<MailUser, UserError> {
        let (ctx, request) = served().await?;
        or_fail(identity::mail_user(&ctx, &request, false).await)
    }
}

render_read! {
    /// Like `me`, but also answers for an account that must change its
    /// password (the Change Password page itself).
    pub async fn me_for_password_change() -> Result<MailUser, UserError> {
        let (ctx, request) = served().await?;
        or_fail(identity::mail_user(&ctx, &request, true).await)
    }
}

render_read! {
    pub async fn console_me() -> Result<Owner, UserError> {
        let (ctx, request) = served().await?;
        or_fail(identity::owner(&ctx, &request).await)
    }
}

render_read! {
    /// The account and keywords the checklist judges a new password against.
    pub async fn load_password_context() -> Result<PasswordContext, UserError> {
        let (ctx, request) = served().await?;
        or_fail(identity::password_context(&ctx, &request).await)
    }
}

/// Security settings: change the password, proving the current one.
#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: Secret,
    new_password: Secret,
    confirm_password: Secret,
    policy_version: Option<String>,
) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let result = identity::change_password(
        &ctx,
        &request,
        Some(&current_password),
        Candidate::new(&new_password, &confirm_password, policy_version.as_deref()),
    )
    .await;
    or_fail_on::<ChangePassword, _>("/settings/security", &request, result)?;
    redirect("/settings/security?changed=1");
    Ok(())
}

/// The forced change after logon (the account was just authenticated).
#[server(endpoint = "set_required_password")]
pub async fn set_required_password(
    new_password: Secret,
    confirm_password: Secret,
    policy_version: Option<String>,
) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let result = identity::change_password(
        &ctx,
        &request,
        None,
        Candidate::new(&new_password, &confirm_password, policy_version.as_deref()),
    )
    .await;
    or_fail_on::<SetRequiredPassword, _>("/change-password", &request, result)?;
    let landing = or_fail(identity::landing(&ctx, &request).await)?;
    redirect(&landing);
    Ok(())
}
