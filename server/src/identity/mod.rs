//! The identity service behind the app's server functions: logon for mail
//! accounts and console owners, sessions, the signed-in views, password
//! changes. Every method finds the caller from the request itself; nothing
//! the browser claims about who it is is trusted.

mod change;
pub(crate) mod logon;
pub(crate) mod views;

pub use change::{mail_holder, verify_current_password, Holder};

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use app::auth::ports::{Identity, SessionStart};
use app::auth::{MailUser, Owner, PasswordContext};
use app::error::UserError;
use app::secret::Secret;
use async_trait::async_trait;
use axum::extract::ConnectInfo;
use http::request::Parts;

use crate::clock::SharedClock;
use crate::db::Db;
use crate::passwords::{HashError, Hasher};
use crate::sessions::{self, Kind};
use crate::sms::SmsQueue;
use crate::state::Settings;

#[derive(Clone)]
pub struct IdentityServiceImpl {
    pub db: Db,
    pub hasher: Hasher,
    pub settings: Arc<Settings>,
    pub clock: SharedClock,
    /// Wakes the SMS worker after a transaction queued messages.
    pub sms: SmsQueue,
}

/// Logs an internal failure with its cause and tells the user only that
/// something went wrong.
pub fn internal(err: anyhow::Error) -> UserError {
    tracing::error!(error = %format!("{err:#}"), "internal error");
    UserError::Internal
}

impl From<HashError> for UserError {
    fn from(err: HashError) -> Self {
        match err {
            HashError::Busy => UserError::Busy,
            HashError::Failed(cause) => internal(anyhow::anyhow!(cause)),
        }
    }
}

impl IdentityServiceImpl {
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    fn client_ip(&self, request: &Parts) -> Option<IpAddr> {
        let peer = request
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip());
        crate::client::client_ip(
            &request.headers,
            peer,
            self.settings.trust_forwarded_for,
            self.settings.trusted_hops,
        )
    }

    /// The client's address as the audit trail shows it: the socket peer,
    /// or the entry the trusted balancer appended to X-Forwarded-For.
    pub fn client_addr(&self, request: &Parts) -> String {
        self.client_ip(request)
            .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
    }

    /// What per-client limits count by (an IPv6 client by its /64).
    pub fn client_key(&self, request: &Parts) -> String {
        crate::client::limit_key(self.client_ip(request))
    }

    pub fn cookie_secure(&self) -> bool {
        self.settings.cookie_secure()
    }

    /// The id of the mail account whose live session the request carries,
    /// and the session token.
    pub async fn mail_session(&self, request: &Parts) -> Result<(String, String), UserError> {
        self.session(request, Kind::Mail).await
    }

    pub async fn session(
        &self,
        request: &Parts,
        kind: Kind,
    ) -> Result<(String, String), UserError> {
        let token = sessions::token_from_headers(&request.headers, kind, self.cookie_secure())
            .ok_or(UserError::NotSignedIn)?;
        let subject = sessions::lookup(&self.db, kind, &token, self.now())
            .await
            .map_err(internal)?
            .ok_or(UserError::NotSignedIn)?;
        Ok((subject, token))
    }
}

#[async_trait]
impl Identity for IdentityServiceImpl {
    async fn log_on(
        &self,
        request: &Parts,
        address: &str,
        password: &Secret,
    ) -> Result<SessionStart, UserError> {
        logon::mail(self, request, address, password).await
    }

    async fn console_log_on(
        &self,
        request: &Parts,
        login_name: &str,
        password: &Secret,
    ) -> Result<SessionStart, UserError> {
        logon::console(self, request, login_name, password).await
    }

    async fn log_out(&self, request: &Parts, console: bool) -> Result<String, UserError> {
        logon::log_out(
            self,
            request,
            if console { Kind::Console } else { Kind::Mail },
        )
        .await
    }

    async fn mail_user(
        &self,
        request: &Parts,
        allow_must_change: bool,
    ) -> Result<MailUser, UserError> {
        views::mail_user(self, request, allow_must_change).await
    }

    async fn owner(&self, request: &Parts) -> Result<Owner, UserError> {
        views::owner(self, request).await
    }

    async fn password_context(&self, request: &Parts) -> Result<PasswordContext, UserError> {
        views::password_context(self, request).await
    }

    async fn change_password(
        &self,
        request: &Parts,
        current: Option<&Secret>,
        new_password: &Secret,
        confirmation: &Secret,
    ) -> Result<(), UserError> {
        change::own_password(self, request, current, new_password, confirmation).await
    }
}
