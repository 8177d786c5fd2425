//! What every handler and server function can reach.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use crate::admin::DomainAdminImpl;
use crate::binding::BindingImpl;
use crate::console::ConsoleImpl;
use crate::ctx::Ctx;
use crate::identity::IdentityImpl;
use crate::infra::db::Db;
use crate::recovery::RecoveryImpl;
use crate::settings::Settings;

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

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
