//! The Email Console behind the app's console server functions: the
//! `Console` service a cloud account owner uses for their own domains
//! (the Manage page, scenario 3's postmaster password reset, adding a
//! domain) and for their own password.
//!
//! Every method first finds the caller from the request's console session
//! (`caller::owner`) and then touches only that owner's domains; another
//! owner's domain id reads `NotAllowed`, the same as one that does not exist.
//!
//! - `caller`: who is asking, and the owner-scoped domain lookup.
//! - `manage`: the Manage page and scenario 3.
//! - `create`: a new domain with its postmaster (and its name's rules).
//! - `own`: the owner's own password.

mod caller;
mod create;
mod manage;
mod own;

use crate::policy_gate::Candidate;
use crate::request::Request;
use proto::auth::PasswordContext;
use proto::console::ManagedDomain;
use proto::error::UserError;
use proto::secret::Secret;

use crate::ctx::Ctx;
use crate::error::for_caller;

pub async fn domain(ctx: &Ctx, request: &Request, id: &str) -> Result<ManagedDomain, UserError> {
    for_caller(
        caller::owner(ctx, request),
        "load a managed domain",
        |caller| async move { manage::view(ctx, &caller.domain(ctx, id).await?).await },
    )
    .await
}

pub async fn postmaster_password_context(
    ctx: &Ctx,
    request: &Request,
    id: &str,
) -> Result<PasswordContext, UserError> {
    for_caller(
        caller::owner(ctx, request),
        "load the postmaster's checklist context",
        |caller| async move { manage::password_context(ctx, &caller.domain(ctx, id).await?).await },
    )
    .await
}

pub async fn reset_postmaster_password(
    ctx: &Ctx,
    request: &Request,
    id: &str,
    candidate: Candidate<'_>,
    must_change: bool,
) -> Result<i64, UserError> {
    for_caller(
        caller::owner(ctx, request),
        "reset the postmaster's password",
        |caller| async move {
            let domain = caller.domain(ctx, id).await?;
            manage::reset_postmaster_password(ctx, &caller, &domain, candidate, must_change).await
        },
    )
    .await
}

pub async fn add_domain(
    ctx: &Ctx,
    request: &Request,
    name: &str,
    candidate: Candidate<'_>,
) -> Result<String, UserError> {
    for_caller(
        caller::owner(ctx, request),
        "add a domain",
        |caller| async move { create::add_domain(ctx, &caller, name, candidate).await },
    )
    .await
}

pub async fn change_password(
    ctx: &Ctx,
    request: &Request,
    current: &Secret,
    candidate: Candidate<'_>,
) -> Result<(), UserError> {
    for_caller(
        caller::owner(ctx, request),
        "change the console password",
        |caller| async move { own::change_password(ctx, &caller, current, candidate).await },
    )
    .await
}

pub async fn own_password_context(
    ctx: &Ctx,
    request: &Request,
) -> Result<PasswordContext, UserError> {
    for_caller(
        caller::owner(ctx, request),
        "load the owner's checklist context",
        |caller| async move {
            Ok(PasswordContext {
                account: caller.login_name,
                rules: Default::default(),
            })
        },
    )
    .await
}
