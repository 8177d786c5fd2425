//! The identity service behind the app's server functions: logon for mail
//! accounts and console owners, logout, the signed-in views, and a mail
//! account holder's own password change. Every method finds the caller
//! from the request itself; nothing the browser claims about who it is is
//! trusted.

mod change;
mod logon;
mod views;

use crate::policy_gate::Candidate;
use crate::request::{Request, SetCookie};
use proto::auth::{MailUser, Owner, PasswordContext};
use proto::error::UserError;
use proto::secret::Secret;

use crate::ctx::Ctx;
use crate::error::ForUser;
use crate::infra::sessions::Kind;

/// A session just started: the cookies to set (the session's and the
/// familiar-device cookie) and where to go.
pub struct SessionStart {
    pub cookies: Vec<SetCookie>,
    pub redirect_to: String,
}

pub async fn log_on(
    ctx: &Ctx,
    request: &Request,
    address: &str,
    password: &Secret,
) -> Result<SessionStart, UserError> {
    logon::log_on(ctx, request, Kind::Mail, address, password)
        .await
        .for_user("log on")
}

pub async fn console_log_on(
    ctx: &Ctx,
    request: &Request,
    login_name: &str,
    password: &Secret,
) -> Result<SessionStart, UserError> {
    logon::log_on(ctx, request, Kind::Console, login_name, password)
        .await
        .for_user("log on to the console")
}

pub async fn log_out(ctx: &Ctx, request: &Request, console: bool) -> Result<SetCookie, UserError> {
    let kind = if console { Kind::Console } else { Kind::Mail };
    logon::log_out(ctx, request, kind).await.for_user("log out")
}

pub async fn mail_user(
    ctx: &Ctx,
    request: &Request,
    allow_must_change: bool,
) -> Result<MailUser, UserError> {
    views::mail_user(ctx, request, allow_must_change)
        .await
        .for_user("load the signed-in account")
}

pub async fn owner(ctx: &Ctx, request: &Request) -> Result<Owner, UserError> {
    views::owner(ctx, request)
        .await
        .for_user("load the console owner")
}

pub async fn password_context(ctx: &Ctx, request: &Request) -> Result<PasswordContext, UserError> {
    views::password_context(ctx, request)
        .await
        .for_user("load the password checklist's context")
}

pub async fn change_password(
    ctx: &Ctx,
    request: &Request,
    current: Option<&Secret>,
    candidate: Candidate<'_>,
) -> Result<(), UserError> {
    change::own_password(ctx, request, current, candidate)
        .await
        .for_user("change the password")
}

/// Where the signed-in mail account goes now (after its forced password
/// change): a recovery prompt that is due, else its home.
pub async fn landing(ctx: &Ctx, request: &Request) -> Result<String, UserError> {
    views::landing(ctx, request)
        .await
        .for_user("find the landing page")
}
