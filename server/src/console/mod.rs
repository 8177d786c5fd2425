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

use std::sync::Arc;

use app::auth::PasswordContext;
use app::console::ports::Console;
use app::console::ManagedDomain;
use app::error::UserError;
use app::secret::Secret;
use async_trait::async_trait;
use http::request::Parts;

use crate::identity::internal;
use crate::identity::IdentityServiceImpl;

/// The service. It shares the identity service's database, hasher, clock
/// and settings, like `DomainAdminImpl`.
#[derive(Clone)]
pub struct ConsoleImpl {
    identity: Arc<IdentityServiceImpl>,
}

impl ConsoleImpl {
    pub fn new(identity: Arc<IdentityServiceImpl>) -> Self {
        ConsoleImpl { identity }
    }
}

/// A failed query: logged with its cause, `Internal` to the user.
fn db_error(err: sqlx::Error) -> UserError {
    internal(err.into())
}

#[async_trait]
impl Console for ConsoleImpl {
    async fn domain(&self, request: &Parts, id: &str) -> Result<ManagedDomain, UserError> {
        let caller = caller::owner(self, request).await?;
        let domain = caller.domain(self, id).await?;
        manage::view(self, &domain).await
    }

    async fn postmaster_password_context(
        &self,
        request: &Parts,
        id: &str,
    ) -> Result<PasswordContext, UserError> {
        let caller = caller::owner(self, request).await?;
        let domain = caller.domain(self, id).await?;
        manage::password_context(self, &domain).await
    }

    async fn reset_postmaster_password(
        &self,
        request: &Parts,
        id: &str,
        password: &Secret,
        confirmation: &Secret,
        must_change: bool,
    ) -> Result<i64, UserError> {
        let caller = caller::owner(self, request).await?;
        let domain = caller.domain(self, id).await?;
        manage::reset_postmaster_password(
            self,
            &caller,
            &domain,
            password,
            confirmation,
            must_change,
        )
        .await
    }

    async fn add_domain(
        &self,
        request: &Parts,
        name: &str,
        password: &Secret,
        confirmation: &Secret,
    ) -> Result<String, UserError> {
        let caller = caller::owner(self, request).await?;
        create::add_domain(self, &caller, name, password, confirmation).await
    }

    async fn change_password(
        &self,
        request: &Parts,
        current: &Secret,
        password: &Secret,
        confirmation: &Secret,
    ) -> Result<(), UserError> {
        let caller = caller::owner(self, request).await?;
        own::change_password(self, &caller, current, password, confirmation).await
    }

    async fn own_password_context(&self, request: &Parts) -> Result<PasswordContext, UserError> {
        let caller = caller::owner(self, request).await?;
        Ok(PasswordContext {
            account: caller.login_name,
            keywords: Vec::new(),
        })
    }
}
