//! The identity service behind the app's server functions: logon for mail
//! accounts and console owners, logout, the signed-in views, and a mail
//! account holder's own password change. Every method finds the caller
//! from the request itself; nothing the browser claims about who it is is
//! trusted.

mod change;
mod logon;
mod views;

use std::sync::Arc;

use app::auth::ports::{Identity, SessionStart};
use app::auth::{MailUser, Owner, PasswordContext};
use app::error::UserError;
use app::request::{Request, SetCookie};
use app::secret::Secret;
use async_trait::async_trait;

use crate::ctx::Ctx;
use crate::error::ForUser;
use crate::infra::sessions::Kind;

pub struct IdentityImpl {
    pub ctx: Arc<Ctx>,
}

#[async_trait]
impl Identity for IdentityImpl {
    async fn log_on(
        &self,
        request: &Request,
        address: &str,
        password: &Secret,
    ) -> Result<SessionStart, UserError> {
        logon::log_on(&self.ctx, request, Kind::Mail, address, password)
            .await
            .for_user("log on")
    }

    async fn console_log_on(
        &self,
        request: &Request,
        login_name: &str,
        password: &Secret,
    ) -> Result<SessionStart, UserError> {
        logon::log_on(&self.ctx, request, Kind::Console, login_name, password)
            .await
            .for_user("log on to the console")
    }

    async fn log_out(&self, request: &Request, console: bool) -> Result<SetCookie, UserError> {
        let kind = if console { Kind::Console } else { Kind::Mail };
        logon::log_out(&self.ctx, request, kind)
            .await
            .for_user("log out")
    }

    async fn mail_user(
        &self,
        request: &Request,
        allow_must_change: bool,
    ) -> Result<MailUser, UserError> {
        views::mail_user(&self.ctx, request, allow_must_change)
            .await
            .for_user("load the signed-in account")
    }

    async fn owner(&self, request: &Request) -> Result<Owner, UserError> {
        views::owner(&self.ctx, request)
            .await
            .for_user("load the console owner")
    }

    async fn password_context(&self, request: &Request) -> Result<PasswordContext, UserError> {
        views::password_context(&self.ctx, request)
            .await
            .for_user("load the password checklist's context")
    }

    async fn change_password(
        &self,
        request: &Request,
        current: Option<&Secret>,
        new_password: &Secret,
        confirmation: &Secret,
    ) -> Result<(), UserError> {
        change::own_password(&self.ctx, request, current, new_password, confirmation)
            .await
            .for_user("change the password")
    }
}
