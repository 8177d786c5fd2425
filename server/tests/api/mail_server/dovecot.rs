//! A real Dovecot (Debian's 2.3, installed by `scripts/setup.sh --browser`)
//! started for one test as its own process: its own base directory and
//! free ports, configured by `server mail-auth dovecot-config` exactly as
//! the README shows, against the test's database. And a real IMAP client
//! (async-imap) to log on to it.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use async_imap::{Client, Session};
use tokio::net::TcpStream;

use crate::helpers::{spawn_app_with, TestApp};

pub const MAIL_AUTH_KEY: &str = "test-policy-key-5d1f0c";
pub const DOVEADM_KEY: &str = "test-doveadm-key-9a7e21";
/// The mailboxes' owner `scripts/setup.sh` creates.
const MAIL_USER: &str = "vmail";

/// A loopback port nobody listens on now, for a child process (Dovecot)
/// to bind later. It is taken below the kernel's ephemeral range
/// (32768-60999 on Linux): a port from that range, once released, can be
/// handed to any test's outgoing connection or `bind(0)` before Dovecot
/// binds it. A counter keeps this process's tests from picking the same
/// port twice.
pub fn free_port() -> u16 {
    use std::sync::atomic::{AtomicU16, Ordering};
    const FIRST: u16 = 20_000;
    const SPAN: u16 = 12_000;
    static NEXT: AtomicU16 = AtomicU16::new(0);
    let start = (std::process::id() % u32::from(SPAN)) as u16;
    for _ in 0..SPAN {
        let offset = NEXT.fetch_add(1, Ordering::Relaxed);
        let port = FIRST + start.wrapping_add(offset) % SPAN;
        if TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free port in {FIRST}..{}", FIRST + SPAN)
}

/// The app (demo data) and a Dovecot in front of its database.
pub struct MailServer {
    pub app: TestApp,
    pub imap_port: u16,
    /// IMAP over TLS, with the self-signed certificate `cert` names.
    pub imaps_port: u16,
    cert: PathBuf,
    dir: PathBuf,
    config: PathBuf,
    dovecot: Option<Child>,
}

impl MailServer {
    pub async fn start() -> MailServer {
        let doveadm_port = free_port();
        let doveadm_url = format!("http://127.0.0.1:{doveadm_port}/doveadm/v1");
        let app = spawn_app_with(&[
            "--demo",
            "--mail-auth-key",
            MAIL_AUTH_KEY,
            "--doveadm-url",
            &doveadm_url,
            "--doveadm-api-key",
            DOVEADM_KEY,
        ])
        .await;
        let imap_port = free_port();
        let imaps_port = free_port();
        let dir = std::env::temp_dir().join(format!("dovecot-{}", uuid::Uuid::new_v4().simple()));
        let (cert, key) = self_signed_certificate(&dir);
        let mail_dir = dir.join("mail");
        std::fs::create_dir_all(&mail_dir).expect("a mail directory");
        chown_to_mail_user(&mail_dir);
        let config_dir = dir.join("config");
        // The README's command, with the app's settings in its environment.
        let output = Command::new(env!("CARGO_BIN_EXE_server"))
            .env("DATABASE_URL", &app.database_url)
            .env("APP_BIND", app.address.trim_start_matches("http://"))
            .env("APP_MAIL_AUTH_KEY", MAIL_AUTH_KEY)
            .env("APP_DOVEADM_URL", &doveadm_url)
            .env("APP_DOVEADM_API_KEY", DOVEADM_KEY)
            .args(["mail-auth", "dovecot-config", "--config-dir"])
            .arg(&config_dir)
            .arg("--mail-dir")
            .arg(&mail_dir)
            .args([
                "--imap-port",
                &imap_port.to_string(),
                "--imaps-port",
                &imaps_port.to_string(),
                "--listen",
                "127.0.0.1",
                "--tls-cert",
            ])
            .arg(&cert)
            .arg("--tls-key")
            .arg(&key)
            .args(["--mail-user", MAIL_USER, "--log-path"])
            .arg(dir.join("dovecot.log"))
            .output()
            .expect("server mail-auth dovecot-config runs");
        assert!(
            output.status.success(),
            "dovecot-config failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let printed = String::from_utf8_lossy(&output.stdout);
        assert!(
            printed.contains(&format!("port = {imap_port}")),
            "{printed}"
        );
        let mut server = MailServer {
            app,
            imap_port,
            imaps_port,
            cert,
            config: config_dir.join("dovecot.conf"),
            dir,
            dovecot: None,
        };
        server.start_dovecot().await;
        server
    }

    /// Starts Dovecot (in the foreground, as a child) and waits for IMAP.
    pub async fn start_dovecot(&mut self) {
        let child = Command::new(dovecot_binary())
            .arg("-F")
            .arg("-c")
            .arg(&self.config)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dovecot starts (installed by scripts/setup.sh --browser)");
        self.dovecot = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", self.imap_port))
            .await
            .is_err()
        {
            assert!(
                Instant::now() < deadline,
                "Dovecot did not listen on {}: {}",
                self.imap_port,
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Stops Dovecot (SIGTERM, so it takes its children with it).
    pub fn stop_dovecot(&mut self) {
        if let Some(mut child) = self.dovecot.take() {
            let _ = Command::new("kill").arg(child.id().to_string()).status();
            let _ = child.wait();
        }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("dovecot.log")).unwrap_or_default()
    }

    /// An IMAP logon: the session, or the server's refusal as text.
    pub async fn imap(&self, login: &str, password: &str) -> Result<Imap, String> {
        let stream = TcpStream::connect(("127.0.0.1", self.imap_port))
            .await
            .map_err(|err| format!("connect: {err}"))?;
        log_on(Box::new(stream), login, password).await
    }

    /// An IMAP logon over TLS (the IMAPS port), trusting only the test's
    /// own certificate.
    pub async fn imap_tls(&self, login: &str, password: &str) -> Result<Imap, String> {
        use tokio_rustls::rustls;
        use tokio_rustls::rustls::pki_types::pem::PemObject;
        use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName};
        let mut roots = rustls::RootCertStore::empty();
        roots
            .add(CertificateDer::from_pem_file(&self.cert).expect("the test certificate"))
            .expect("a root");
        let config = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
        let tcp = TcpStream::connect(("127.0.0.1", self.imaps_port))
            .await
            .map_err(|err| format!("connect: {err}"))?;
        let name = ServerName::try_from("localhost").expect("a name");
        let tls = tokio_rustls::TlsConnector::from(std::sync::Arc::new(config))
            .connect(name, tcp)
            .await
            .map_err(|err| format!("TLS: {err}"))?;
        log_on(Box::new(tls), login, password).await
    }
}

/// A stream an IMAP client can run over: plain TCP or TLS.
pub trait ImapStream:
    tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + std::fmt::Debug
{
}
impl<T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + std::fmt::Debug> ImapStream
    for T
{
}

async fn log_on(stream: Box<dyn ImapStream>, login: &str, password: &str) -> Result<Imap, String> {
    let mut client = Client::new(stream);
    client
        .read_response()
        .await
        .map_err(|err| format!("greeting: {err}"))?
        .ok_or("no greeting")?;
    match client.login(login, password).await {
        Ok(session) => Ok(Imap { session }),
        Err((err, _)) => Err(err.to_string()),
    }
}

impl Drop for MailServer {
    fn drop(&mut self) {
        self.stop_dovecot();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub struct Imap {
    session: Session<Box<dyn ImapStream>>,
}

impl Imap {
    /// True while the server still answers this session.
    pub async fn alive(&mut self) -> bool {
        tokio::time::timeout(Duration::from_secs(2), self.session.noop())
            .await
            .is_ok_and(|answer| answer.is_ok())
    }

    pub async fn select_inbox(&mut self) -> bool {
        self.session.select("INBOX").await.is_ok()
    }
}

fn dovecot_binary() -> &'static str {
    if std::path::Path::new("/usr/sbin/dovecot").exists() {
        "/usr/sbin/dovecot"
    } else {
        "dovecot"
    }
}

/// A self-signed certificate for `localhost` and 127.0.0.1, made by
/// OpenSSL as `make run-mail` makes it: (certificate, key).
fn self_signed_certificate(dir: &std::path::Path) -> (PathBuf, PathBuf) {
    let (cert, key) = (dir.join("tls/cert.pem"), dir.join("tls/key.pem"));
    let status = Command::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scripts/self-signed-cert.sh"
    ))
    .arg(&cert)
    .arg(&key)
    .status()
    .expect("scripts/self-signed-cert.sh runs");
    assert!(status.success(), "OpenSSL made a certificate");
    (cert, key)
}

/// Dovecot writes the mailboxes as the mail user.
fn chown_to_mail_user(dir: &std::path::Path) {
    let user = services::mail_auth::dovecot::lookup_user(MAIL_USER)
        .unwrap_or_else(|err| panic!("{err:#} (scripts/setup.sh --browser creates it)"));
    std::os::unix::fs::chown(dir, Some(user.uid), Some(user.gid)).expect(
        "the tests run as root (setup installs packages), so they can hand the mail \
         directory to vmail",
    );
}
