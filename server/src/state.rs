//! What every handler and server function can reach.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use crate::admin::DomainAdminImpl;
use crate::binding::BindingImpl;
use crate::config::Config;
use crate::console::ConsoleImpl;
use crate::ctx::Ctx;
use crate::db::Db;
use crate::identity::IdentityImpl;
use crate::recovery::RecoveryImpl;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub settings: Arc<Settings>,
    pub ctx: Arc<Ctx>,
    pub identity: Arc<IdentityImpl>,
    pub admin: Arc<DomainAdminImpl>,
    pub console: Arc<ConsoleImpl>,
    pub recovery: Arc<RecoveryImpl>,
    pub binding: Arc<BindingImpl>,
}

/// The parts of the configuration handlers need at request time.
#[derive(Clone, Debug)]
pub struct Settings {
    pub origin: String,
    pub demo: bool,
    pub trust_forwarded_for: bool,
    pub trusted_hops: u8,
}

impl Settings {
    pub fn from_config(config: &Config) -> Self {
        Settings {
            origin: config.origin(),
            demo: config.demo,
            trust_forwarded_for: config.trust_forwarded_for,
            trusted_hops: config.trusted_hops,
        }
    }

    /// Cookies are Secure unless the app is served over plain http on a
    /// loopback host, where browsers would refuse to store them.
    pub fn cookie_secure(&self) -> bool {
        let Some(rest) = self.origin.strip_prefix("http://") else {
            return true;
        };
        let host = rest.split('/').next().unwrap_or_default();
        let host = host
            .rsplit_once(':')
            .filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit()))
            .map_or(host, |(host, _)| host);
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let loopback = host == "localhost"
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback());
        !loopback
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
