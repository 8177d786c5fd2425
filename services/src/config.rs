//! Every setting of the server, from flags or the environment (flags win).
//! The README lists them; `server --help` prints the same text.

use std::net::SocketAddr;
use std::path::PathBuf;

use proto::secret::Secret;

use clap::builder::BoolishValueParser;
use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "server",
    version,
    about = "Password recovery for hosted corporate mail"
)]
pub struct Cli {
    #[command(flatten)]
    pub serve: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the web app (the default when no command is given).
    Serve,
    /// Password policy tools for operators.
    Policy {
        #[command(subcommand)]
        command: PolicyCommand,
    },
    /// The mail server's side of the accounts (Dovecot).
    MailAuth {
        #[command(subcommand)]
        command: MailAuthCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum MailAuthCommand {
    /// Write a complete Dovecot 2.3 configuration for this deployment into
    /// --config-dir (dovecot.conf and dovecot-sql.conf.ext) and print
    /// dovecot.conf: IMAP against the app's accounts, its logon limits
    /// (the auth policy) and its session kicks (doveadm's HTTP API).
    DovecotConfig(Box<DovecotArgs>),
}

#[derive(Subcommand, Debug)]
pub enum PolicyCommand {
    /// Read JSON lines {"password","account","keywords","confirmation"?} on
    /// stdin; write one {"failures":[codes]} line per input line.
    Check,
}

#[derive(Args, Clone)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "APP_BIND", default_value = "127.0.0.1:3000")]
    pub bind: SocketAddr,

    /// Database: `sqlite://path/to/file.db` (created if absent) or
    /// `postgres://user:password@host:port/database`.
    #[arg(
        long,
        env = "DATABASE_URL",
        hide_env_values = true,
        default_value = "sqlite://data/recovery.db"
    )]
    pub database_url: String,

    /// Most database connections this instance keeps open.
    #[arg(long, env = "APP_DB_MAX_CONNECTIONS", default_value_t = 10)]
    pub db_max_connections: u32,

    /// How many days audit events are kept (the janitor deletes older ones).
    #[arg(long, env = "APP_AUDIT_RETENTION_DAYS", default_value_t = 400,
          value_parser = clap::value_parser!(u32).range(1..=36500))]
    pub audit_retention_days: u32,

    /// The origin browsers use to reach the app (scheme://host[:port]), for
    /// Origin checks and the cookie's Secure flag. Defaults to http://<bind>.
    #[arg(long, env = "APP_PUBLIC_ORIGIN")]
    pub public_origin: Option<String>,

    /// Demo mode: seed the demo data into an empty database and serve the
    /// /dev/* pages (captcha answers, SMS outbox, policy page). Refused on a
    /// non-loopback bind address.
    #[arg(long, env = "APP_DEMO", value_parser = BoolishValueParser::new(),
          num_args = 0..=1, require_equals = true, default_value = "false",
          default_missing_value = "true", action = ArgAction::Set)]
    pub demo: bool,

    /// Take the client address from X-Forwarded-For (only behind a balancer
    /// that appends to it): the entry the trusted balancer appended, counted
    /// from the end (see --trusted-hops). Rate limits key on that address.
    #[arg(long, env = "APP_TRUST_FORWARDED_FOR", value_parser = BoolishValueParser::new(),
          num_args = 0..=1, require_equals = true, default_value = "false",
          default_missing_value = "true", action = ArgAction::Set)]
    pub trust_forwarded_for: bool,

    /// How many balancers in front of the app append to X-Forwarded-For
    /// (with --trust-forwarded-for): the client is the entry that many
    /// places from the end, after merging every header line.
    #[arg(long, env = "APP_TRUSTED_HOPS", default_value_t = 1,
          value_parser = clap::value_parser!(u8).range(1..=16))]
    pub trusted_hops: u8,

    /// Log format on stderr.
    #[arg(long, env = "APP_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    /// How SMS leave: `outbox` keeps them in the database (readable at
    /// /dev/outbox in demo mode); `webhook` POSTs JSON {"to","text"} to
    /// --sms-webhook-url.
    #[arg(long, env = "APP_SMS_SENDER", value_enum, default_value_t = SmsSenderKind::Outbox)]
    pub sms_sender: SmsSenderKind,

    /// The SMS gateway's URL (with `--sms-sender webhook`).
    #[arg(long, env = "APP_SMS_WEBHOOK_URL", hide_env_values = true)]
    pub sms_webhook_url: Option<String>,

    /// Bearer token sent to the SMS gateway, if it wants one.
    #[arg(long, env = "APP_SMS_WEBHOOK_TOKEN", hide_env_values = true)]
    pub sms_webhook_token: Option<String>,

    /// The key Dovecot's auth-policy requests must carry (`Authorization:
    /// Bearer <key>`); without it the policy endpoint is not served.
    #[arg(long, env = "APP_MAIL_AUTH_KEY", hide_env_values = true)]
    pub mail_auth_key: Option<Secret>,

    /// doveadm's HTTP API (`http://host:port/doveadm/v1`): the app asks it
    /// to drop a mailbox's sessions after a reset or disable. Unset: no
    /// kicks are sent (they stay queued).
    #[arg(long, env = "APP_DOVEADM_URL", hide_env_values = true)]
    pub doveadm_url: Option<String>,

    /// doveadm's `doveadm_api_key`.
    #[arg(long, env = "APP_DOVEADM_API_KEY", hide_env_values = true)]
    pub doveadm_api_key: Option<Secret>,

    /// Serve Prometheus metrics at `http://<this address>/metrics` (a
    /// listener of their own, never the public one): logons by outcome and
    /// source, locks, unlocks, password sets, SMS and kicks, the hasher
    /// pool, shed requests and request latencies. Unset: not served.
    #[arg(long, env = "APP_METRICS_BIND")]
    pub metrics_bind: Option<SocketAddr>,

    /// Where the built site (pkg/ with WASM, JS and CSS) lives.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SmsSenderKind {
    Outbox,
    Webhook,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

impl Config {
    /// The public origin, defaulting to plain http on the bind address.
    pub fn origin(&self) -> String {
        self.public_origin
            .clone()
            .map(|origin| origin.trim_end_matches('/').to_owned())
            .unwrap_or_else(|| format!("http://{}", self.bind))
    }

    /// The database URL with any password replaced, for logs.
    pub fn database_url_redacted(&self) -> String {
        redact_url_password(&self.database_url)
    }

    /// Demo mode hands out secrets (captcha answers, SMS codes) to whoever
    /// asks, so it may only ever listen where nobody else can reach it.
    pub fn check_demo_bind(&self) -> anyhow::Result<()> {
        if self.demo && !self.bind.ip().is_loopback() {
            anyhow::bail!(
                "demo mode serves captcha answers and SMS codes at /dev/*, so it only listens \
                 on a loopback address; {} is not one. Use --bind 127.0.0.1:<port>, or turn \
                 demo mode off (unset APP_DEMO / drop --demo).",
                self.bind
            );
        }
        Ok(())
    }
}

/// `scheme://user:secret@host/db` becomes `scheme://user:***@host/db`.
pub fn redact_url_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or_default();
            let redacted = if userinfo.contains(':') {
                format!("{user}:***")
            } else {
                user.to_owned()
            };
            format!("{scheme}://{redacted}@{host}{path}")
        }
        None => url.to_owned(),
    }
}

/// `server mail-auth dovecot-config`: where and how Dovecot is set up (see
/// `mail_auth::dovecot`).
#[derive(Args, Debug, Clone)]
pub struct DovecotArgs {
    /// Where to write dovecot.conf and dovecot-sql.conf.ext (created if
    /// absent; the SQL file, which may hold the database password, is
    /// readable by its owner only).
    #[arg(long)]
    pub config_dir: PathBuf,
    /// Where the mailboxes are kept: `<mail-dir>/<domain>/<name>/Maildir`.
    #[arg(long)]
    pub mail_dir: PathBuf,
    /// The IMAP port (STARTTLS when a certificate is given).
    #[arg(long, default_value_t = 143)]
    pub imap_port: u16,
    /// The IMAP-over-TLS port (with --tls-cert; 0: none).
    #[arg(long, default_value_t = 993)]
    pub imaps_port: u16,
    /// The TLS certificate (PEM, with its chain) Dovecot presents. With it
    /// and --tls-key, Dovecot terminates TLS itself and requires it of every
    /// client but those on this host, so the client address the lockout
    /// sees is the real one.
    #[arg(long, requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The certificate's private key (PEM; read by Dovecot as root).
    #[arg(long, requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Addresses IMAP listens on (Dovecot's `listen`).
    #[arg(long, default_value = "*, ::")]
    pub listen: String,
    /// The port of doveadm's HTTP API, on 127.0.0.1 (the app's
    /// --doveadm-url must point at it); by default the port of
    /// --doveadm-url (APP_DOVEADM_URL), else 8080.
    #[arg(long)]
    pub doveadm_port: Option<u16>,
    /// The system user (and its group) that owns the mailboxes.
    #[arg(long, default_value = "vmail")]
    pub mail_user: String,
    /// Dovecot's runtime directory (sockets, pid); by default
    /// `<config-dir>/run`.
    #[arg(long)]
    pub base_dir: Option<PathBuf>,
    /// Where Dovecot reaches this app's auth policy; by default
    /// `http://<bind address>/mail-auth/policy` (127.0.0.1 for a wildcard
    /// bind).
    #[arg(long)]
    pub policy_url: Option<String>,
    /// Dovecot's log (`log_path`).
    #[arg(long, default_value = "/dev/stderr")]
    pub log_path: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postgres_password_never_reaches_the_log_line() {
        assert_eq!(
            redact_url_password("postgres://app:s3cret@db:5432/mail"),
            "postgres://app:***@db:5432/mail"
        );
        assert_eq!(
            redact_url_password("sqlite://data/recovery.db"),
            "sqlite://data/recovery.db"
        );
        assert_eq!(
            redact_url_password("postgres://app@db/mail"),
            "postgres://app@db/mail"
        );
    }

    fn demo_from_env(value: &str) -> Result<bool, String> {
        // The environment is read by clap at parse time; a test-only
        // variable name would not be the documented one, so each value is
        // given the way `APP_DEMO=<value>` gives it: as the flag's value.
        Cli::try_parse_from(["server", &format!("--demo={value}")])
            .map(|cli| cli.serve.demo)
            .map_err(|err| err.to_string())
    }

    #[test]
    fn boolean_settings_take_what_people_write_in_environments() {
        for yes in ["1", "true", "yes", "on", "TRUE", "Yes", "ON"] {
            assert_eq!(demo_from_env(yes), Ok(true), "{yes}");
        }
        for no in ["0", "false", "no", "off", "False", "NO"] {
            assert_eq!(demo_from_env(no), Ok(false), "{no}");
        }
        assert!(demo_from_env("maybe").is_err());
        let bare = Cli::try_parse_from(["server", "--demo", "--trust-forwarded-for"]).unwrap();
        assert!(bare.serve.demo && bare.serve.trust_forwarded_for);
        let none = Cli::try_parse_from(["server"]).unwrap();
        assert!(!none.serve.demo && !none.serve.trust_forwarded_for);
        assert_eq!(none.serve.trusted_hops, 1);
        // A subcommand after a bare flag stays a subcommand.
        let cli = Cli::try_parse_from(["server", "--demo", "policy", "check"]).unwrap();
        assert!(cli.serve.demo && cli.command.is_some());
    }

    #[test]
    fn demo_mode_refuses_a_public_bind_address() {
        let cli = Cli::try_parse_from(["server", "--demo", "--bind", "0.0.0.0:3000"]).unwrap();
        let err = cli.serve.check_demo_bind().unwrap_err().to_string();
        assert!(err.contains("loopback"), "{err}");
        let cli = Cli::try_parse_from(["server", "--demo", "--bind", "127.0.0.1:3000"]).unwrap();
        assert!(cli.serve.check_demo_bind().is_ok());
    }
}
