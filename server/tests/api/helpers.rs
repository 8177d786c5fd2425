//! `spawn_app()` and the `TestApp` it returns: one method per endpoint.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;
use server::config::Cli;
use server::startup::Application;

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
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
        database_url,
        "--db-max-connections".into(),
        "4".into(),
    ];
    args.extend(flags.iter().map(|flag| flag.to_string()));
    let cli = Cli::try_parse_from(args).expect("test flags parse");
    let app = Application::build(cli.serve).await.expect("server builds");
    let addr: SocketAddr = app.local_addr();
    let (tx, rx) = tokio::sync::oneshot::channel();
    tokio::spawn(app.run_until(async {
        let _ = rx.await;
    }));
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .expect("client builds");
    TestApp {
        address: format!("http://{addr}"),
        client,
        _dir: dir,
        shutdown: Some(tx),
    }
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
