//! What every handler and server function can reach.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use crate::config::Config;
use crate::db::Db;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub settings: Arc<Settings>,
}

/// The parts of the configuration handlers need at request time.
#[derive(Clone, Debug)]
pub struct Settings {
    pub origin: String,
    pub demo: bool,
}

impl Settings {
    pub fn from_config(config: &Config) -> Self {
        Settings {
            origin: config.origin(),
            demo: config.demo,
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
