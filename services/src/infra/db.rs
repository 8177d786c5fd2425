//! The database: one portable set of SQL over sqlx's `Any` driver, so the
//! same queries and migrations run on SQLite (the embedded default) and on
//! PostgreSQL (several instances behind a balancer). Portable means: text
//! ids, BIGINT unix-millisecond timestamps, BIGINT 0/1 flags, `$n`
//! placeholders, `ON CONFLICT` upserts and `RETURNING`.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

/// Which engine a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn of_url(url: &str) -> anyhow::Result<Self> {
        if url.starts_with("sqlite:") {
            Ok(Engine::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Engine::Postgres)
        } else {
            anyhow::bail!("DATABASE_URL must start with sqlite:// or postgres://")
        }
    }
}

#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub engine: Engine,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// How long a query waits for a free (or new) connection.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(2);
/// How long `/readyz` waits for the database's answer.
const READY_TIMEOUT: Duration = Duration::from_secs(1);

impl Db {
    /// Connects (creating a SQLite file and its folder when absent) and
    /// brings the schema up to date.
    pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        let engine = Engine::of_url(url)?;
        let url = match engine {
            Engine::Sqlite => prepare_sqlite_url(url)?,
            Engine::Postgres => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url).context("parse DATABASE_URL")?;
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            // While the database is down or restarting, a request waits
            // this long for a connection, then answers 503 (see
            // `error::database_unavailable`) instead of hanging.
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if engine == Engine::Sqlite {
                        // WAL lets readers run beside the one writer; the busy
                        // timeout queues writers instead of failing them.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .context("connect to the database")?;
        // Instances started together take turns: on PostgreSQL the
        // migrator holds an advisory lock while it runs.
        MIGRATOR
            .run(&pool)
            .await
            .context("run database migrations")?;
        Ok(Db { pool, engine })
    }

    /// True when the database answers a trivial query within a second.
    pub async fn is_ready(&self) -> bool {
        let query = sqlx::query("SELECT 1").execute(&self.pool);
        matches!(tokio::time::timeout(READY_TIMEOUT, query).await, Ok(Ok(_)))
    }
}

/// `sqlite://data/x.db` → create `data/` and the file, readable by the
/// server's user only (0600, also when it already existed: it holds
/// password hashes and recovery answers), and ask sqlx to open it.
fn prepare_sqlite_url(url: &str) -> anyhow::Result<String> {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let path = rest.split('?').next().unwrap_or_default();
    if path != ":memory:" && !path.is_empty() && !path.starts_with("file:") {
        if let Some(dir) = Path::new(path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("create database folder {}", dir.display()))?;
        }
        owner_only(Path::new(path))?;
    }
    Ok(if url.contains("mode=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    })
}

/// Creates `path` (and makes it and its WAL files, when present) mode
/// 0600. SQLite gives the files it creates beside a database the
/// database file's mode.
fn owner_only(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(path)
            .with_context(|| format!("create the database file {}", path.display()))?;
        for suffix in ["", "-wal", "-shm"] {
            let file = format!("{}{suffix}", path.display());
            if Path::new(&file).exists() {
                std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))
                    .with_context(|| format!("make {file} owner-only"))?;
            }
        }
    }
    Ok(())
}

/// A 0/1 flag column, as both engines store it (`BIGINT`), read as a bool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flag(pub bool);

impl From<i64> for Flag {
    fn from(value: i64) -> Self {
        Flag(value != 0)
    }
}

impl Flag {
    pub fn is_set(self) -> bool {
        self.0
    }
}
