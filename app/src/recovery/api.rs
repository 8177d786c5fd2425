//! Server functions of Forgot Password. They live under `/forgot/api/`, so
//! the flow and grant cookies (Path=/forgot) reach them and no other part
//! of the app. Each is thin: request in, `services::recovery` called, a redirect to
//! the next step's page out (the browser, or the islands router for it,
//! follows it).

use leptos::prelude::*;

use super::RecoveryView;
use crate::error::UserError;
use crate::secret::Secret;

#[cfg(feature = "ssr")]
use crate::server_fn::{or_fail, or_fail_on, redirect, served, set_cookies};
#[cfg(feature = "ssr")]
use services::policy_gate::Candidate;
#[cfg(feature = "ssr")]
use services::recovery;

/// The live image of this browser's flow, if it has one: what the page
/// shows when it loads. Creates nothing.
#[server(prefix = "/forgot/api", endpoint = "captcha")]
pub async fn recovery_captcha() -> Result<Option<String>, UserError> {
    let (ctx, request) = served().await?;
    or_fail(recovery::current_captcha(&ctx, &request).await)
}

/// "Refresh": a new image for the flow (or a new flow with its first
/// image, for a first visit without JavaScript).
#[server(prefix = "/forgot/api", endpoint = "refresh_captcha")]
pub async fn refresh_captcha() -> Result<String, UserError> {
    let (ctx, request) = served().await?;
    let result = recovery::refresh_captcha(&ctx, &request).await;
    let outcome = or_fail_on::<RefreshCaptcha, _>("/forgot", &request, result)?;
    set_cookies(&request, &outcome.set_cookies);
    if request.is_plain_form_post() {
        redirect("/forgot");
    }
    Ok(outcome.value)
}

/// Step 1: the email address and the image verification code.
#[server(prefix = "/forgot/api", endpoint = "submit_address")]
pub async fn submit_address(email: String, captcha: String) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let result = recovery::submit_address(&ctx, &request, &email, &captcha).await;
    or_fail_on::<SubmitAddress, _>("/forgot", &request, result)?;
    redirect("/forgot/method");
    Ok(())
}

render_read! {
    /// Where this browser's flow stands.
    pub async fn recovery_state() -> Result<RecoveryView, UserError> {
        let (ctx, request) = served().await?;
        or_fail(recovery::view(&ctx, &request).await)
    }
}

/// Step 2: "Receive an SMS verification code on your secure mobile" or
/// "Questions".
#[server(prefix = "/forgot/api", endpoint = "choose_method")]
pub async fn choose_method(verify_by: String) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let result = match verify_by.parse::<super::Method>() {
        Ok(method) => recovery::choose(&ctx, &request, method)
            .await
            .map(|()| method),
        Err(()) => Err(UserError::Invalid(crate::error::Invalid::ChooseMethod)),
    };
    let method = or_fail_on::<ChooseMethod, _>("/forgot/method", &request, result)?;
    redirect(match method {
        super::Method::Sms => "/forgot/sms",
        super::Method::Questions => "/forgot/questions",
    });
    Ok(())
}

/// "Resend": a new SMS code; the seconds until the next resend.
#[server(prefix = "/forgot/api", endpoint = "resend_code")]
pub async fn resend_code() -> Result<i64, UserError> {
    let (ctx, request) = served().await?;
    let result = recovery::resend(&ctx, &request).await;
    let wait = or_fail_on::<ResendCode, _>("/forgot/sms", &request, result)?;
    if request.is_plain_form_post() {
        redirect("/forgot/sms?resent=1");
    }
    Ok(wait)
}

/// Step 3 by SMS: the 6-digit code.
#[server(prefix = "/forgot/api", endpoint = "verify_code")]
pub async fn verify_code(code: Secret) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let result = recovery::verify_code(&ctx, &request, &code).await;
    let outcome = or_fail_on::<VerifyCode, _>("/forgot/sms", &request, result)?;
    set_cookies(&request, &outcome.set_cookies);
    redirect("/forgot/new-password");
    Ok(())
}

/// Step 3 by questions: one answer to each bound question, in order.
#[server(prefix = "/forgot/api", endpoint = "answer_questions")]
pub async fn answer_questions(
    answer_1: Secret,
    answer_2: Secret,
    answer_3: Secret,
) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let result = recovery::answer_questions(&ctx, &request, &[answer_1, answer_2, answer_3]).await;
    let outcome = or_fail_on::<AnswerQuestions, _>("/forgot/questions", &request, result)?;
    set_cookies(&request, &outcome.set_cookies);
    redirect("/forgot/new-password");
    Ok(())
}

/// Step 4: the new password, with the reset grant.
#[server(prefix = "/forgot/api", endpoint = "reset_password")]
pub async fn reset_forgotten_password(
    new_password: Secret,
    confirm_password: Secret,
    policy_version: Option<String>,
) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let result = recovery::reset(
        &ctx,
        &request,
        Candidate::new(&new_password, &confirm_password, policy_version.as_deref()),
    )
    .await;
    let outcome =
        or_fail_on::<ResetForgottenPassword, _>("/forgot/new-password", &request, result)?;
    set_cookies(&request, &outcome.set_cookies);
    redirect("/forgot/done");
    Ok(())
}

/// Step 4, instead of a new password: "Unlock account" with the grant.
#[server(prefix = "/forgot/api", endpoint = "unlock_account")]
pub async fn unlock_account() -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let result = recovery::unlock(&ctx, &request).await;
    let outcome = or_fail_on::<UnlockAccount, _>("/forgot/new-password", &request, result)?;
    set_cookies(&request, &outcome.set_cookies);
    redirect("/forgot/unlocked");
    Ok(())
}
