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

use std::future::Future;
use std::sync::Arc;

use app::auth::PasswordContext;
use app::console::ports::Console;
use app::console::ManagedDomain;
use app::error::UserError;
use app::request::Request;
use app::secret::Secret;
use async_trait::async_trait;

use crate::ctx::Ctx;
use crate::error::ForUser;
use caller::Owner;

pub struct ConsoleImpl {
    pub ctx: Arc<Ctx>,
}

impl ConsoleImpl {
    /// Runs `work` for the request's signed-in owner; its error becomes
    /// what the user may see, here and only here.
    async fn for_owner<'a, T, F, Fut>(
        &'a self,
        request: &Request,
        doing: &str,
        work: F,
    ) -> Result<T, UserError>
    where
        F: FnOnce(&'a Ctx, Owner) -> Fut + Send,
        Fut: Future<Output = crate::error::Result<T>> + Send,
    {
        let result = match caller::owner(&self.ctx, request).await {
            Ok(caller) => work(&self.ctx, caller).await,
            Err(error) => Err(error),
        };
        result.for_user(doing)
    }
}

#[async_trait]
impl Console for ConsoleImpl {
    async fn domain(&self, request: &Request, id: &str) -> Result<ManagedDomain, UserError> {
        self.for_owner(request, "load a managed domain", |ctx, caller| async move {
            manage::view(ctx, &caller.domain(ctx, id).await?).await
        })
        .await
    }

    async fn postmaster_password_context(
        &self,
        request: &Request,
        id: &str,
    ) -> Result<PasswordContext, UserError> {
        self.for_owner(
            request,
            "load the postmaster's checklist context",
            |ctx, caller| async move {
                manage::password_context(ctx, &caller.domain(ctx, id).await?).await
            },
        )
        .await
    }

    async fn reset_postmaster_password(
        &self,
        request: &Request,
        id: &str,
        password: &Secret,
        confirmation: &Secret,
        must_change: bool,
    ) -> Result<i64, UserError> {
        self.for_owner(
            request,
            "reset the postmaster's password",
            |ctx, caller| async move {
                let domain = caller.domain(ctx, id).await?;
                manage::reset_postmaster_password(
                    ctx,
                    &caller,
                    &domain,
                    password,
                    confirmation,
                    must_change,
                )
                .await
            },
        )
        .await
    }

    async fn add_domain(
        &self,
        request: &Request,
        name: &str,
        password: &Secret,
        confirmation: &Secret,
    ) -> Result<String, UserError> {
        self.for_owner(request, "add a domain", |ctx, caller| async move {
            create::add_domain(ctx, &caller, name, password, confirmation).await
        })
        .await
    }

    async fn change_password(
        &self,
        request: &Request,
        current: &Secret,
        password: &Secret,
        confirmation: &Secret,
    ) -> Result<(), UserError> {
        self.for_owner(
            request,
            "change the console password",
            |ctx, caller| async move {
                own::change_password(ctx, &caller, current, password, confirmation).await
            },
        )
        .await
    }

    async fn own_password_context(&self, request: &Request) -> Result<PasswordContext, UserError> {
        self.for_owner(
            request,
            "load the owner's checklist context",
            |_, caller| async move {
                Ok(PasswordContext {
                    account: caller.login_name,
                    keywords: Vec::new(),
                })
            },
        )
        .await
    }
}
