//! Builds the axum app around the Leptos routes and runs it until a
//! shutdown signal, so `main` and the test harness start the very same
//! server.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use app::{shell, App};
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tokio::net::TcpListener;

use crate::http::dev;
use crate::http::hardening;
use crate::http::health;
use crate::http::mail_policy as policy;
use crate::http::middleware;
use crate::http::shed;
use crate::http::state::AppState;
use services::captcha::DistortedImage;
use services::config::Config;
use services::ctx::Ctx;
use services::demo;
use services::infra::clock::{SharedClock, SystemClock};
use services::infra::db::Db;
use services::infra::kick;
use services::infra::passwords::{production_params, Hasher};
use services::infra::sms::{self, SmsQueue};
use services::lockout::FingerprintKey;
use services::request::SecureCookies;
use services::settings::Settings;

pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
    metrics_addr: Option<SocketAddr>,
}

impl Application {
    /// Connects the database (running migrations), binds the listener and
    /// assembles the routes. Port 0 picks a free port (tests).
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        Self::build_with(config, Arc::new(SystemClock), production_params()).await
    }

    /// Like `build`, with the clock and hashing parameters given (tests
    /// move the clock; benches compare parameters).
    pub async fn build_with(
        config: Config,
        clock: SharedClock,
        params: argon2::Params,
    ) -> anyhow::Result<Self> {
        config.check_demo_bind()?;
        let sms_sender = sms::sender_from_config(&config)?;
        tracing::info!(sms_sender = %sms_sender.describe(), "SMS delivery");
        if let Some(warning) = sms::outbox_warning(&config) {
            tracing::warn!("{warning}");
        }
        services::infra::metrics::install()?;
        let db = Db::connect(&config.database_url, config.db_max_connections).await?;
        let listener = TcpListener::bind(config.bind)
            .await
            .with_context(|| format!("listen on {}", config.bind))?;
        let addr = listener.local_addr().context("read the bound address")?;
        let mut config = config;
        if config.bind.port() == 0 {
            config.bind = addr;
        }
        let leptos_options = LeptosOptions::builder()
            .output_name("recovery")
            .site_root(config.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(addr)
            .hash_files(built_with_hashed_names())
            .build();
        let fingerprints = FingerprintKey::resolve(&db, config.mail_auth_key.as_ref()).await?;
        if config.demo
            && demo::seed_if_empty(&db, params.clone(), &fingerprints, clock.now()).await?
        {
            tracing::info!("seeded the demo data");
        }
        let settings = Arc::new(Settings::from_config(&config));
        let sms = SmsQueue::default();
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let ctx = Arc::new(Ctx {
            db: db.clone(),
            hasher: Hasher::new(params, cores, 64 * cores),
            settings: settings.clone(),
            clock: clock.clone(),
            sms: sms.clone(),
            fingerprints,
            captchas: Arc::new(DistortedImage),
        });
        sms::spawn_worker(db.clone(), sms_sender, sms.clone(), clock.clone());
        services::janitor::spawn(
            db.clone(),
            clock.clone(),
            services::janitor::Retention::audit_days(config.audit_retention_days),
        );
        match (&config.doveadm_url, &config.doveadm_api_key) {
            (Some(url), Some(key)) => {
                let doveadm = kick::Doveadm::new(url.clone(), key.expose())?;
                tracing::info!(
                    doveadm = %services::config::redact_url_password(url),
                    "mail sessions are kicked after resets"
                );
                kick::spawn_worker(db.clone(), doveadm, clock);
            }
            (Some(_), None) => anyhow::bail!(
                "--doveadm-url (APP_DOVEADM_URL) needs --doveadm-api-key (APP_DOVEADM_API_KEY)"
            ),
            (None, _) => {}
        }
        let mail_policy = config.mail_auth_key.clone().map(|key| policy::PolicyState {
            ctx: ctx.clone(),
            key,
        });
        let state = AppState {
            leptos_options,
            db,
            settings,
            ctx,
        };
        let metrics_addr = match config.metrics_bind {
            Some(addr) => {
                let gauges = services::infra::metrics::Gauges {
                    hasher: state.ctx.hasher.clone(),
                    db: state.db.clone(),
                    clock: state.ctx.clock.clone(),
                };
                Some(crate::http::metrics::serve(addr, gauges).await?)
            }
            None => None,
        };
        let router = router(state.clone(), cores, mail_policy);
        Ok(Application {
            listener,
            router,
            state,
            metrics_addr,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Where `/metrics` is served, with `--metrics-bind`.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics_addr
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` completes, then lets requests in flight end.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        crate::http::listener::serve(self.listener, self.router, shutdown)
            .await
            .context("serve HTTP")
    }
}

/// The release build names the built files by their content and writes
/// the names to `hash.txt` beside the server binary; Leptos reads them
/// there. A binary without one (tests, a debug build) links the plain names.
fn built_with_hashed_names() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
        .is_some_and(|file| file.exists())
}

fn router(state: AppState, cores: usize, mail_policy: Option<policy::PolicyState>) -> Router {
    let routes = generate_route_list(App);
    let context_state = state.clone();
    let shell_options = state.leptos_options.clone();
    let router = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route(
            "/language",
            axum::routing::post(crate::http::language::choose),
        )
        .route(
            crate::http::common_list::ROUTE,
            get(crate::http::common_list::serve),
        )
        .route(
            crate::http::audit_export::ROUTE,
            get(crate::http::audit_export::export),
        )
        .route(
            crate::http::import_upload::ROUTE,
            axum::routing::post(crate::http::import_upload::upload),
        )
        .route("/forgot/captcha/{id}", get(dev::captcha_image))
        .route("/dev/captcha/{id}", get(dev::captcha_answer))
        .route("/dev/outbox", get(dev::outbox))
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(context_state.clone());
                provide_context(SecureCookies(context_state.settings.cookie_secure()));
                provide_context(context_state.ctx.clone());
                hardening::provide_csp_nonce();
            },
            move || shell(shell_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(hardening::provide_csp_nonce, shell))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::dev_gate,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::identify_client,
        ))
        // No request waits forever: an answer not ready after 20 s is a
        // 503 the browser can retry (a server-rendered page has been seen
        // to stall now and then under concurrent requests; see bench/README).
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            http::StatusCode::SERVICE_UNAVAILABLE,
            std::time::Duration::from_secs(20),
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::<str>::from(state.settings.origin.as_str()),
            hardening::same_origin,
        ))
        // Pages and server-function answers are compressed as they stream
        // (brotli or gzip, as the browser accepts); the built files are
        // already stored compressed beside themselves and served as they are.
        .layer(tower_http::compression::CompressionLayer::new())
        // What this instance cannot serve soon is refused before anything
        // else is done for it...
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(shed::Shedder::for_cores(cores)),
            shed::shed,
        ))
        // ...once its body is in: a slow body holds no turn.
        .layer(axum::middleware::from_fn(hardening::read_body))
        .with_state(state.clone());
    // Dovecot's auth-policy requests come from the mail server, not from
    // a browser: outside the same-origin gate, answered only with the key
    // (and only served when one is configured). The handler reads its own
    // (smaller) body, after the key.
    let router = match mail_policy {
        Some(mail_policy) => router.merge(
            Router::new()
                .route(policy::PATH, axum::routing::post(policy::policy))
                // The same time limit as every other route.
                .layer(tower_http::timeout::TimeoutLayer::with_status_code(
                    http::StatusCode::SERVICE_UNAVAILABLE,
                    std::time::Duration::from_secs(20),
                ))
                .with_state(mail_policy),
        ),
        None => router,
    };
    router
        // Every answer, refusals included, carries the security headers...
        .layer(axum::middleware::from_fn_with_state(
            Arc::<str>::from(state.settings.origin.as_str()),
            hardening::harden,
        ))
        .layer(middleware::propagate_request_id())
        .layer(middleware::trace())
        // ...and an id: the balancer's, when one is trusted, else a new one.
        .layer(middleware::set_request_id())
        .layer(axum::middleware::from_fn_with_state(
            state.settings.trust_forwarded_for,
            middleware::untrusted_request_id,
        ))
        // Around everything: how long each answer took.
        .layer(axum::middleware::from_fn(
            crate::http::metrics::time_requests,
        ))
}

/// Completes on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(%err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(%err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
