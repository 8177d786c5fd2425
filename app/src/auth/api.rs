//! Server functions for logon, logout and password changes. Each is thin:
//! it takes the request, calls the `Identity` service, sets the cookie or
//! the redirect, and maps the status code. Secrets arrive as `Secret`.

use leptos::prelude::*;

use super::{MailUser, Owner, PasswordContext};
use crate::error::UserError;
use crate::secret::Secret;

#[cfg(feature = "ssr")]
pub mod ssr {
    use http::header::{HeaderValue, RETRY_AFTER, SET_COOKIE};
    use http::request::Parts;
    use http::StatusCode;
    use leptos::prelude::*;
    use leptos::server_fn::error::ServerFnUrlError;
    use leptos::server_fn::ServerFn;
    use leptos_axum::ResponseOptions;

    use crate::auth::ports::IdentityService;
    use crate::error::UserError;

    /// A service the server provided as context, and the request it serves.
    pub async fn service<S: Clone + Send + Sync + 'static>() -> Result<(S, Parts), UserError> {
        let service = use_context::<S>().ok_or(UserError::Internal)?;
        let parts = leptos_axum::extract::<Parts>()
            .await
            .map_err(|_| UserError::Internal)?;
        Ok((service, parts))
    }

    pub async fn identity() -> Result<(IdentityService, Parts), UserError> {
        service::<IdentityService>().await
    }

    pub fn set_cookie(cookie: &str) {
        if let (Some(response), Ok(value)) = (
            use_context::<ResponseOptions>(),
            HeaderValue::from_str(cookie),
        ) {
            response.append_header(SET_COOKIE, value);
        }
    }

    /// Gives an error its HTTP status (and Retry-After when busy).
    pub fn fail<T>(error: UserError) -> Result<T, UserError> {
        if let Some(response) = use_context::<ResponseOptions>() {
            response.set_status(
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            );
            if matches!(error, UserError::Busy | UserError::TooManyRequests) {
                response.insert_header(RETRY_AFTER, HeaderValue::from_static("5"));
            }
        }
        Err(error)
    }

    pub fn or_fail<T>(result: Result<T, UserError>) -> Result<T, UserError> {
        result.or_else(fail)
    }

    /// True for a plain HTML form post (no JavaScript): the browser wants
    /// a page back, not data.
    pub fn plain_form_post(parts: &Parts) -> bool {
        parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.contains("text/html"))
    }

    /// Like `or_fail`, and a plain form post is sent back to `page` with the
    /// error in the URL, where the page's `ActionForm` shows it. Leptos
    /// would send it back to the Referer, but our Referrer-Policy
    /// (no-referrer) means there is none.
    pub fn or_fail_on<F: ServerFn, T>(
        page: &str,
        parts: &Parts,
        result: Result<T, UserError>,
    ) -> Result<T, UserError> {
        let Err(error) = result else { return result };
        let failed = fail(error.clone());
        if plain_form_post(parts) {
            let back = ServerFnUrlError::new(F::PATH, error).to_url(&format!("http://app{page}"));
            if let Ok(url) = back {
                let target = match url.query() {
                    Some(query) => format!("{}?{query}", url.path()),
                    None => url.path().to_owned(),
                };
                leptos_axum::redirect(&target);
            }
        }
        failed
    }
}

/// Logon page of mail accounts: on success, the session cookie and a
/// redirect to the account's landing page.
#[server(endpoint = "log_on")]
pub async fn log_on(email: String, password: Secret) -> Result<(), UserError> {
    let (identity, parts) = ssr::identity().await?;
    let result = identity.log_on(&parts, &email, &password).await;
    let start = ssr::or_fail_on::<LogOn, _>("/login", &parts, result)?;
    ssr::set_cookie(&start.set_cookie);
    leptos_axum::redirect(&start.redirect_to);
    Ok(())
}

/// Email Console logon of cloud account owners.
#[server(endpoint = "console_log_on")]
pub async fn console_log_on(account_name: String, password: Secret) -> Result<(), UserError> {
    let (identity, parts) = ssr::identity().await?;
    let result = identity
        .console_log_on(&parts, &account_name, &password)
        .await;
    let start = ssr::or_fail_on::<ConsoleLogOn, _>("/console/login", &parts, result)?;
    ssr::set_cookie(&start.set_cookie);
    leptos_axum::redirect(&start.redirect_to);
    Ok(())
}

#[server(endpoint = "log_out")]
pub async fn log_out() -> Result<(), UserError> {
    let (identity, parts) = ssr::identity().await?;
    let cookie = ssr::or_fail(identity.log_out(&parts, false).await)?;
    ssr::set_cookie(&cookie);
    leptos_axum::redirect("/login");
    Ok(())
}

#[server(endpoint = "console_log_out")]
pub async fn console_log_out() -> Result<(), UserError> {
    let (identity, parts) = ssr::identity().await?;
    let cookie = ssr::or_fail(identity.log_out(&parts, true).await)?;
    ssr::set_cookie(&cookie);
    leptos_axum::redirect("/console/login");
    Ok(())
}

/// The signed-in mail account, or `NotSignedIn` / `MustChangePassword`.
#[server(endpoint = "me")]
pub async fn me() -> Result<MailUser, UserError> {
    let (identity, parts) = ssr::identity().await?;
    ssr::or_fail(identity.mail_user(&parts, false).await)
}

/// Like `me`, but also answers for an account that must change its
/// password (the Change Password page itself).
#[server(endpoint = "me_for_password_change")]
pub async fn me_for_password_change() -> Result<MailUser, UserError> {
    let (identity, parts) = ssr::identity().await?;
    ssr::or_fail(identity.mail_user(&parts, true).await)
}

#[server(endpoint = "console_me")]
pub async fn console_me() -> Result<Owner, UserError> {
    let (identity, parts) = ssr::identity().await?;
    ssr::or_fail(identity.owner(&parts).await)
}

/// The account and keywords the checklist judges a new password against.
#[server(endpoint = "load_password_context")]
pub async fn load_password_context() -> Result<PasswordContext, UserError> {
    let (identity, parts) = ssr::identity().await?;
    ssr::or_fail(identity.password_context(&parts).await)
}

/// Security settings: change the password, proving the current one.
#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: Secret,
    new_password: Secret,
    confirm_password: Secret,
) -> Result<(), UserError> {
    let (identity, parts) = ssr::identity().await?;
    let result = identity
        .change_password(
            &parts,
            Some(&current_password),
            &new_password,
            &confirm_password,
        )
        .await;
    ssr::or_fail_on::<ChangePassword, _>("/settings/security", &parts, result)?;
    leptos_axum::redirect("/settings/security?changed=1");
    Ok(())
}

/// The forced change after logon (the account was just authenticated).
#[server(endpoint = "set_required_password")]
pub async fn set_required_password(
    new_password: Secret,
    confirm_password: Secret,
) -> Result<(), UserError> {
    let (identity, parts) = ssr::identity().await?;
    let result = identity
        .change_password(&parts, None, &new_password, &confirm_password)
        .await;
    ssr::or_fail_on::<SetRequiredPassword, _>("/change-password", &parts, result)?;
    let user = ssr::or_fail(identity.mail_user(&parts, false).await)?;
    leptos_axum::redirect(super::landing_path(user.role, false));
    Ok(())
}
