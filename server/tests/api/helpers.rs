//! `spawn_app()` and the `TestApp` it returns, how a test calls a server
//! function (`Call`, from the struct `#[server]` generates), signing in as
//! each role, and (`peek`) what the app stored and sent.

use std::net::SocketAddr;
use std::path::PathBuf;

use std::sync::Arc;

mod peek;
mod reads;
pub use peek::{account_id, audit_count, audit_events, outbox, owner_hash, stored_hash, Sms};
pub use reads::{me, status, Browser};

use app::auth::api::{ConsoleLogOn, LogOn};
use app::secret::Secret;
use clap::Parser;
use leptos::server_fn::ServerFn;
use serde::Serialize;
use server::startup::Application;
use services::config::Cli;
use services::ctx::Ctx;
use services::infra::clock::{Clock, ManualClock, SystemClock};
use services::infra::db::Db;
use services::infra::passwords::production_params;

pub struct TestApp {
    pub address: String,
    /// The database the server uses (the mail server reads it too).
    pub database_url: String,
    pub client: Browser,
    pub db: Db,
    /// What the server's areas share: reads call them with it.
    pub ctx: Arc<Ctx>,
    /// The server's clock; tests move it instead of sleeping.
    pub clock: Arc<ManualClock>,
    /// `http://<addr>` of `/metrics`, when started with `--metrics-bind`.
    pub metrics_address: Option<String>,
    /// Keeps the SQLite file's folder alive for the test's duration.
    _dir: Option<TempDir>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

/// A folder removed when dropped.
pub struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(&[]).await
}

/// Starts the server with extra command-line flags (e.g. `--demo`).
pub async fn spawn_app_with(flags: &[&str]) -> TestApp {
    let (database_url, dir) = fresh_database().await;
    let mut args = vec![
        "server".to_owned(),
        "--bind".into(),
        "127.0.0.1:0".into(),
        "--database-url".into(),
        database_url.clone(),
        "--db-max-connections".into(),
        "4".into(),
    ];
    args.extend(flags.iter().map(|flag| flag.to_string()));
    // The key of the password fingerprints (which the mail auth-policy key
    // gives), fixed unless the test brings its own: a wrong password taken
    // for a repeat of another by its 12-bit fingerprint (one in 819) then
    // happens always or never, never now and then.
    if !flags.contains(&"--mail-auth-key") {
        args.extend([
            "--mail-auth-key".to_owned(),
            TEST_FINGERPRINT_KEY.to_owned(),
        ]);
    }
    let cli = Cli::try_parse_from(args).expect("test flags parse");
    let clock = ManualClock::starting_at(SystemClock.now());
    // The server runs on a multi-threaded runtime of its own, as `main`
    // runs it, not on the test's single-threaded one: streaming SSR has
    // been seen to stall on a single-threaded runtime (leptos #4647).
    let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let server_clock = clock.clone();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime for the server");
        runtime.block_on(async move {
            let app = Application::build_with(cli.serve, server_clock, production_params())
                .await
                .expect("server builds");
            let _ = ready_tx.send((
                app.state().db.clone(),
                app.state().ctx.clone(),
                app.local_addr(),
                app.metrics_addr(),
            ));
            let _ = app
                .run_until(async {
                    let _ = rx.await;
                })
                .await;
        });
    });
    let (db, ctx, addr, metrics): (Db, Arc<Ctx>, SocketAddr, Option<SocketAddr>) =
        ready_rx.await.expect("the server starts");
    TestApp {
        address: format!("http://{addr}"),
        database_url,
        client: new_client(),
        db,
        ctx,
        clock,
        metrics_address: metrics.map(|addr| format!("http://{addr}")),
        _dir: dir,
        shutdown: Some(tx),
    }
}

/// A browser-like client with its own cookie jar (see [`Browser`]).
pub fn new_client() -> Browser {
    Browser::new()
}

/// A database nobody else uses: a new SQLite file, or a new PostgreSQL
/// database created in the cluster `TEST_DATABASE_URL` points at.
async fn fresh_database() -> (String, Option<TempDir>) {
    let name = format!("test_{}", uuid::Uuid::new_v4().simple());
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if url.starts_with("postgres") => {
            use sqlx::Connection;
            let mut admin = sqlx::PgConnection::connect(&url)
                .await
                .expect("connect to the test PostgreSQL cluster");
            sqlx::Executor::execute(&mut admin, format!("CREATE DATABASE {name}").as_str())
                .await
                .expect("create a test database");
            let base = url.rsplit_once('/').map_or(url.as_str(), |(base, _)| base);
            (format!("{base}/{name}"), None)
        }
        _ => {
            let dir = std::env::temp_dir().join(format!("recovery-{name}"));
            std::fs::create_dir_all(&dir).expect("create a temp folder");
            let url = format!("sqlite://{}/app.db", dir.display());
            (url, Some(TempDir(dir)))
        }
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request is sent")
    }
}

/// One server function call: the function's path and its arguments,
/// encoded as the browser's form posts them. Made from the struct that
/// `#[server]` generates, so a renamed function or field fails to compile.
pub struct Call {
    pub path: &'static str,
    pub body: String,
}

impl Call {
    pub fn of<F: ServerFn + Serialize>(function: F) -> Call {
        Call {
            path: F::PATH,
            body: serde_qs::to_string(&function).expect("the arguments encode"),
        }
    }

    /// The call as a request from the app's own origin, for a caller to
    /// add headers to (a plain form post, a forwarded address, a cookie).
    pub fn post(self, app: &TestApp, client: &reqwest::Client) -> reqwest::RequestBuilder {
        client
            .post(app.url(self.path))
            .header("origin", &app.address)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(self.body)
    }
}

/// What a person reading English is told for `error` (the sentence lives
/// in `locales/en`; the error carries its code and figures).
pub fn english(error: &app::error::UserError) -> String {
    app::messages::user_error(app::language::Language::en, error)
}

/// A secret argument (a password, a code, an answer).
pub fn secret(value: impl std::fmt::Display) -> Secret {
    Secret::new(value.to_string())
}

impl TestApp {
    /// Calls a server function the way the hydrated app does: a form post
    /// from the app's own origin.
    pub async fn call_with<F: ServerFn + Serialize>(
        &self,
        client: &reqwest::Client,
        function: F,
    ) -> reqwest::Response {
        self.send(client, Call::of(function)).await
    }

    pub async fn call<F: ServerFn + Serialize>(&self, function: F) -> reqwest::Response {
        self.call_with(&self.client, function).await
    }

    /// Sends a call made beforehand (lists of calls of different functions).
    pub async fn send(&self, client: &reqwest::Client, call: Call) -> reqwest::Response {
        call.post(self, client)
            .send()
            .await
            .expect("request is sent")
    }

    /// Posts a form as given, to a path as given: for bodies no generated
    /// struct can make (a missing field, a hostile hidden field).
    pub async fn post_form(
        &self,
        client: &reqwest::Client,
        path: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(self.url(path))
            .header("origin", &self.address)
            .form(form)
            .send()
            .await
            .expect("request is sent")
    }

    pub async fn log_on_with(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        self.call_with(
            client,
            LogOn {
                email: email.to_owned(),
                password: secret(password),
            },
        )
        .await
    }

    /// A new client (a cookie jar of its own), signed in as `email`.
    pub async fn signed_in_client(&self, email: &str, password: &str) -> Browser {
        let client = new_client();
        let response = self.log_on_with(&client, email, password).await;
        assert_eq!(response.status(), 200, "{email} signs in");
        client
    }

    pub async fn log_on(&self, email: &str, password: &str) -> reqwest::Response {
        self.log_on_with(&self.client, email, password).await
    }

    pub async fn console_log_on_with(
        &self,
        client: &reqwest::Client,
        name: &str,
        password: &str,
    ) -> reqwest::Response {
        let logon = ConsoleLogOn {
            account_name: name.to_owned(),
            password: secret(password),
        };
        self.call_with(client, logon).await
    }

    pub async fn console_log_on(&self, name: &str, password: &str) -> reqwest::Response {
        self.console_log_on_with(&self.client, name, password).await
    }

    /// A new client signed in to the console as `name`.
    pub async fn console_signed_in_client(&self, name: &str, password: &str) -> Browser {
        let client = new_client();
        let response = self.console_log_on_with(&client, name, password).await;
        assert_eq!(response.status(), 200, "{name} signs in to the console");
        client
    }

    /// Runs a statement against the app's database (test set-up).
    pub async fn exec(&self, sql: &str, binds: &[&str]) {
        let mut query = sqlx::query(sql);
        for bind in binds {
            query = query.bind(*bind);
        }
        query
            .execute(&self.db.pool)
            .await
            .expect("set-up statement runs");
    }
}

/// Where a server function said to go next.
pub fn location(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get("location")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

/// The decoded error a server function answered with.
pub async fn user_error(response: reqwest::Response) -> app::error::UserError {
    let body = response.text().await.expect("a body");
    serde_json::from_str(&body).unwrap_or_else(|err| panic!("not a UserError ({err}): {body}"))
}

pub const EMPLOYEE_PASSWORD: &str = "Employee#2026";
/// The mail auth-policy key of a test app that brings none.
pub const TEST_FINGERPRINT_KEY: &str = "api-test-fingerprint-key";
pub const POSTMASTER_PASSWORD: &str = "Harbor#Lights2026";
pub const CONSOLE_PASSWORD: &str = "Console#2026";

pub async fn spawn_demo_app() -> TestApp {
    spawn_app_with(&["--demo"]).await
}

// Signed in as each role, on `app.client` of the demo app.

/// The demo app with postmaster@example.com signed in on `app.client`.
pub async fn as_postmaster() -> TestApp {
    let app = spawn_demo_app().await;
    let response = app
        .log_on("postmaster@example.com", POSTMASTER_PASSWORD)
        .await;
    assert_eq!(response.status(), 200, "the postmaster logs on");
    app
}

/// The demo app with the console owner `owner` signed in on `app.client`.
pub async fn as_owner() -> TestApp {
    let app = spawn_demo_app().await;
    let response = app.console_log_on("owner", CONSOLE_PASSWORD).await;
    assert_eq!(response.status(), 200, "the owner logs on");
    app
}

/// The demo app with `address` signed in on `app.client`.
pub async fn signed_in(address: &str) -> TestApp {
    let app = spawn_demo_app().await;
    let response = app.log_on(address, EMPLOYEE_PASSWORD).await;
    assert_eq!(response.status(), 200, "{address} logs on");
    app
}
