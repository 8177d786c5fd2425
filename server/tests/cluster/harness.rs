//! Real processes for the multi-instance tests: release `server`
//! instances sharing one database, HAProxy in front of them, and the
//! throwaway PostgreSQL cluster's stop and start.

use std::net::TcpListener as StdListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The workspace's root (this crate is `server/`).
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("server/ has a parent")
        .to_path_buf()
}

/// The release server these tests run, built by `scripts/build.sh`.
pub fn server_bin() -> PathBuf {
    let bin = std::env::var_os("CLUSTER_SERVER_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target/release/server"));
    assert!(
        bin.exists(),
        "{} is missing: these tests run the release server (scripts/build.sh builds it; \
         scripts/test.sh runs them after it)",
        bin.display()
    );
    bin
}

/// A loopback port nobody listens on now.
pub fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

/// A folder removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(prefix: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("{prefix}-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("create a temp folder");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A new, empty PostgreSQL database in the cluster `TEST_DATABASE_URL`
/// points at (scripts/with-postgres.sh makes one).
pub async fn fresh_postgres_database() -> String {
    use sqlx::Connection;
    let url = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|url| url.starts_with("postgres"))
        .expect("TEST_DATABASE_URL must name a PostgreSQL cluster (run through scripts/with-postgres.sh)");
    let name = format!("cluster_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect(&url)
        .await
        .expect("connect to the test PostgreSQL cluster");
    sqlx::Executor::execute(&mut admin, format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create a test database");
    let base = url.rsplit_once('/').map_or(url.as_str(), |(base, _)| base);
    format!("{base}/{name}")
}

/// Stops or starts the test PostgreSQL cluster (`TEST_PG_CONTROL`).
pub fn postgres(action: &str) {
    let control = std::env::var("TEST_PG_CONTROL").expect(
        "TEST_PG_CONTROL must name the cluster's control script (scripts/with-postgres.sh)",
    );
    let status = Command::new(control)
        .arg(action)
        .status()
        .expect("run the PostgreSQL control script");
    assert!(status.success(), "PostgreSQL {action} failed");
}

/// One `server` process.
pub struct Instance {
    pub name: String,
    pub url: String,
    pub port: u16,
    args: Vec<String>,
    stdout: PathBuf,
    pub log: PathBuf,
    child: Option<Child>,
}

impl Instance {
    /// Spawns the release server on `port` with `args`; does not wait.
    pub fn spawn(name: &str, port: u16, args: &[String], dir: &Path) -> Self {
        let mut instance = Instance {
            name: name.to_owned(),
            url: format!("http://127.0.0.1:{port}"),
            port,
            args: args.to_vec(),
            stdout: dir.join(format!("{name}.out")),
            log: dir.join(format!("{name}.log")),
            child: None,
        };
        instance.launch();
        instance
    }

    fn launch(&mut self) {
        let stdout = std::fs::File::create(&self.stdout).expect("create the stdout file");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .expect("open the log file");
        let child = Command::new(server_bin())
            .arg("--bind")
            .arg(format!("127.0.0.1:{}", self.port))
            .args(&self.args)
            .current_dir(workspace())
            .env_remove("RUST_LOG")
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(log)
            .spawn()
            .expect("start the release server");
        self.child = Some(child);
    }

    /// Waits until it answers `/readyz` with 200 (demo seeding hashes
    /// the demo secrets first), or panics with its log.
    pub async fn ready(&mut self) {
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(child) = self.child.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    panic!("{} exited ({status}):\n{}", self.name, self.log_text());
                }
            }
            let answer = client
                .get(format!("{}/readyz", self.url))
                .timeout(Duration::from_secs(2))
                .send()
                .await;
            if answer.is_ok_and(|answer| answer.status() == 200) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{} was not ready in 60 s:\n{}",
                self.name,
                self.log_text()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// `kill -9`: no shutdown, no flush, nothing finished.
    pub fn kill9(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill(); // SIGKILL
            let _ = child.wait();
        }
    }

    /// Starts it again on the same port with the same arguments.
    pub async fn restart(&mut self) {
        self.kill9();
        self.launch();
        self.ready().await;
    }

    /// True while the process runs.
    pub fn running(&mut self) -> bool {
        self.child
            .as_mut()
            .is_some_and(|child| matches!(child.try_wait(), Ok(None)))
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.kill9();
    }
}

/// HAProxy in front of the instances: round-robin per request, health
/// checks on `/readyz`, `X-Forwarded-For` added, and the serving
/// instance's name in `X-Served-By` (for the tests to see).
pub struct Balancer {
    pub url: String,
    pub log: PathBuf,
    child: Child,
}

impl Balancer {
    /// docs/haproxy.cfg with this test's addresses filled in.
    pub fn config(port: u16, backends: &[(String, u16)]) -> String {
        let servers: String = backends
            .iter()
            .map(|(name, port)| format!("    server {name} 127.0.0.1:{port} check\n"))
            .collect();
        std::fs::read_to_string(workspace().join("docs/haproxy.cfg"))
            .expect("read docs/haproxy.cfg")
            .replacen("bind @FRONT@", &format!("bind 127.0.0.1:{port}"), 1)
            .replacen("\n@SERVERS@\n", &format!("\n{servers}"), 1)
    }

    pub fn start(port: u16, backends: &[(String, u16)], dir: &Path) -> Self {
        let config = dir.join("haproxy.cfg");
        std::fs::write(&config, Self::config(port, backends)).expect("write haproxy.cfg");
        let log = dir.join("haproxy.log");
        let out = std::fs::File::create(&log).expect("create haproxy.log");
        let err = out.try_clone().expect("share the log file");
        let child = Command::new("haproxy")
            .arg("-db")
            .arg("-f")
            .arg(&config)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .expect("start haproxy (scripts/setup.sh --browser installs it)");
        Balancer {
            url: format!("http://127.0.0.1:{port}"),
            log,
            child,
        }
    }

    /// Waits until every backend in `names` has served a `/readyz`.
    pub async fn ready(&self, names: &[String]) {
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut seen = std::collections::HashSet::new();
        while seen.len() < names.len() {
            if let Ok(answer) = client.get(format!("{}/readyz", self.url)).send().await {
                if answer.status() == 200 {
                    if let Some(name) = served_by(&answer) {
                        seen.insert(name);
                    }
                }
            }
            assert!(
                Instant::now() < deadline,
                "HAProxy did not reach every instance in 30 s:\n{}",
                std::fs::read_to_string(&self.log).unwrap_or_default()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Balancer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The instance HAProxy sent a request to.
pub fn served_by(answer: &reqwest::Response) -> Option<String> {
    answer
        .headers()
        .get("x-served-by")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

/// How a cluster is made.
#[derive(Default)]
pub struct Setup {
    pub instances: usize,
    pub balancer: bool,
    /// `--sms-sender webhook --sms-webhook-url` this.
    pub sms_webhook: Option<String>,
}

/// Instances on one fresh PostgreSQL database, in demo mode, trusting the
/// balancer's `X-Forwarded-For`, all with the balancer's origin as their
/// public origin (with or without a balancer in front).
pub struct Cluster {
    /// Holds the logs and the balancer's config for the test's duration.
    _dir: TempDir,
    pub database_url: String,
    pub origin: String,
    pub instances: Vec<Instance>,
    pub balancer: Option<Balancer>,
}

impl Cluster {
    /// Starts every instance at the same moment, then waits for them.
    pub async fn start(setup: Setup) -> Self {
        let database_url = fresh_postgres_database().await;
        Self::start_on(setup, database_url).await
    }

    pub async fn start_on(setup: Setup, database_url: String) -> Self {
        let dir = TempDir::new("cluster");
        let front = free_port();
        let origin = format!("http://127.0.0.1:{front}");
        let mut args: Vec<String> = [
            "--database-url",
            &database_url,
            "--demo",
            "--trust-forwarded-for",
            "--public-origin",
            &origin,
            "--db-max-connections",
            "8",
            // The password fingerprints' key, fixed: a guess taken for a
            // repeat of another (one in 819) happens always or never.
            "--mail-auth-key",
            "cluster-fingerprint-key",
        ]
        .iter()
        .map(|arg| arg.to_string())
        .collect();
        args.push("--site-root".into());
        args.push(workspace().join("target/site").display().to_string());
        if let Some(url) = &setup.sms_webhook {
            args.extend(
                ["--sms-sender", "webhook", "--sms-webhook-url", url]
                    .iter()
                    .map(|arg| arg.to_string()),
            );
        }
        let mut instances: Vec<Instance> = (0..setup.instances)
            .map(|n| {
                let name = format!("instance{}", n + 1);
                Instance::spawn(&name, free_port(), &args, &dir.0)
            })
            .collect();
        for instance in &mut instances {
            instance.ready().await;
        }
        let balancer = setup.balancer.then(|| {
            let backends: Vec<(String, u16)> = instances
                .iter()
                .map(|instance| (instance.name.clone(), instance.port))
                .collect();
            Balancer::start(front, &backends, &dir.0)
        });
        if let Some(balancer) = &balancer {
            let names: Vec<String> = instances.iter().map(|i| i.name.clone()).collect();
            balancer.ready(&names).await;
        }
        Cluster {
            _dir: dir,
            database_url,
            origin,
            instances,
            balancer,
        }
    }

    /// The database, for assertions (and test set-up).
    pub async fn db(&self) -> sqlx::PgPool {
        sqlx::PgPool::connect(&self.database_url)
            .await
            .expect("connect to the cluster's database")
    }

    pub fn front(&self) -> &str {
        &self
            .balancer
            .as_ref()
            .expect("this cluster has a balancer")
            .url
    }
}

/// Polls `check` every 100 ms until it holds or `within` has passed.
pub async fn eventually<F, Fut>(within: Duration, mut check: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + within;
    loop {
        if check().await {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
