//! `server mail-auth dovecot-config`: a complete Dovecot 2.3 configuration
//! for this deployment, made from the app's own settings. Dovecot reads
//! the app's database directly (passdb and userdb SQL: the login is the
//! full address, case aside; the password is the app's argon2id PHC string,
//! scheme `{ARGON2ID}`), asks the app before every IMAP password check and
//! reports after it (the auth policy, the server's `http::mail_policy`), and listens for
//! the app's session kicks on doveadm's HTTP API ([`super::kick`]).
//!
//! The SQL lives here, beside the code that owns the schema, and nowhere
//! else: a disabled account, and one whose password must be changed at
//! next logon, are refused with a sentence the mail client shows (only to
//! whoever typed the right password).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use proto::language::{self, Language};

mod connect;

use self::connect::connect_string;
use super::POLICY_PATH;
use crate::config::Config;
use crate::lockout::FingerprintKey;

/// The file names written into `--config-dir`.
pub const MAIN_FILE: &str = "dovecot.conf";
pub const SQL_FILE: &str = "dovecot-sql.conf.ext";

pub use crate::config::DovecotArgs;

/// Writes both files (owner-only: they hold keys); returns the main one's
/// text with the keys masked (the command prints it).
pub fn write_config(config: &Config, args: &DovecotArgs) -> anyhow::Result<String> {
    let rendered = render(config, args, &lookup_user(&args.mail_user)?)?;
    std::fs::create_dir_all(&args.config_dir)
        .with_context(|| format!("create {}", args.config_dir.display()))?;
    let sql_path = args.config_dir.join(SQL_FILE);
    write_private(&sql_path, &rendered.sql)?;
    write_private(&args.config_dir.join(MAIN_FILE), &rendered.main)?;
    Ok(masked(&rendered.main, config))
}

/// The configuration as printed: every key replaced by `***`.
pub fn masked(text: &str, config: &Config) -> String {
    let mut keys: Vec<String> = [&config.mail_auth_key, &config.doveadm_api_key]
        .into_iter()
        .flatten()
        .map(|key| key.expose().to_owned())
        .collect();
    if let Some(key) = &config.mail_auth_key {
        keys.push(FingerprintKey::from_mail_auth_key(key).expose().to_owned());
    }
    keys.into_iter()
        .filter(|key| !key.is_empty())
        .fold(text.to_owned(), |text, key| text.replace(&key, "***"))
}

/// Writes a file that holds keys, readable by its owner only: a file that
/// already exists is made private before anything is written to it.
fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("write {}", path.display()))?;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
        .with_context(|| format!("make {} private", path.display()))?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("write {}", path.display()))
}

/// The mail user's ids, from the system's user database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailUser {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
}

/// The system user `name`, from `/etc/passwd`; never root.
pub fn lookup_user(name: &str) -> anyhow::Result<MailUser> {
    let passwd = std::fs::read_to_string("/etc/passwd").context("read /etc/passwd")?;
    let found = passwd.lines().find_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        (fields.len() >= 4 && fields[0] == name).then(|| {
            Some(MailUser {
                name: name.to_owned(),
                uid: fields[2].parse().ok()?,
                gid: fields[3].parse().ok()?,
            })
        })?
    });
    let Some(user) = found else {
        bail!(
            "there is no system user {name:?} to own the mailboxes; create one \
             (useradd --system --no-create-home --shell /usr/sbin/nologin {name}) \
             or name another with --mail-user"
        );
    };
    if user.uid == 0 {
        bail!("Dovecot refuses to run mail processes as root: name another --mail-user");
    }
    Ok(user)
}

pub struct Rendered {
    pub main: String,
    pub sql: String,
}

pub fn render(config: &Config, args: &DovecotArgs, user: &MailUser) -> anyhow::Result<Rendered> {
    let policy_key = config.mail_auth_key.as_ref().context(
        "the auth policy needs a key: set --mail-auth-key (APP_MAIL_AUTH_KEY), the same for \
         the app and this command",
    )?;
    let doveadm_key = config.doveadm_api_key.as_ref().context(
        "session kicks need doveadm's HTTP API key: set --doveadm-api-key (APP_DOVEADM_API_KEY)",
    )?;
    let doveadm_port = match args.doveadm_port {
        Some(port) => port,
        None => match &config.doveadm_url {
            Some(url) => url::Url::parse(url)
                .ok()
                .and_then(|url| url.port_or_known_default())
                .with_context(|| format!("--doveadm-url {url:?} has no port"))?,
            None => 8080,
        },
    };
    let policy_url = match &args.policy_url {
        Some(url) => url.clone(),
        None => {
            let mut bind = config.bind;
            if bind.ip().is_unspecified() {
                bind.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
            }
            format!("http://{bind}{POLICY_PATH}")
        }
    };
    let config_dir = absolute(&args.config_dir)?;
    let base_dir = match &args.base_dir {
        Some(dir) => absolute(dir)?,
        None => config_dir.join("run"),
    };
    let mail_dir = absolute(&args.mail_dir)?;
    let sql_path = config_dir.join(SQL_FILE);
    for (what, value) in [
        ("--policy-url", policy_url.as_str()),
        ("--listen", args.listen.as_str()),
        ("--log-path", args.log_path.as_str()),
        ("the mail auth key", policy_key.expose()),
        ("the doveadm API key", doveadm_key.expose()),
    ] {
        plain_value(what, value)?;
    }
    for (what, path) in [
        ("--config-dir", &config_dir),
        ("--base-dir", &base_dir),
        ("--mail-dir", &mail_dir),
    ] {
        plain_value(what, &path.to_string_lossy())?;
    }
    // Dovecot reports each password to the policy server as a 12-bit
    // fingerprint keyed by this nonce; the app computes the same ones.
    let nonce = FingerprintKey::from_mail_auth_key(policy_key);
    // Dovecot terminates TLS itself, so the client address it reports is
    // the client's own (a TLS proxy in front would make every client one).
    let (tls, imaps_port) = match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => {
            let (cert, key) = (absolute(cert)?, absolute(key)?);
            for (what, path) in [("--tls-cert", &cert), ("--tls-key", &key)] {
                plain_value(what, &path.to_string_lossy())?;
            }
            (
                format!(
                    "# TLS is required of every client but those on this host\n\
                     # (STARTTLS on the IMAP port, or the IMAPS port).\n\
                     ssl = required\n\
                     ssl_cert = <{}\n\
                     ssl_key = <{}\n\
                     ssl_min_protocol = TLSv1.2\n",
                    cert.display(),
                    key.display()
                ),
                args.imaps_port,
            )
        }
        _ => (
            "# No TLS: plaintext logons are accepted only from this host\n\
             # (disable_plaintext_auth). Give --tls-cert and --tls-key.\n\
             ssl = no\n"
                .to_owned(),
            0,
        ),
    };
    let mut main = String::new();
    let _ = write!(
        main,
        "# Dovecot 2.3 for the mailboxes of {origin}: generated by\n\
         # `server mail-auth dovecot-config` from the app's settings. The\n\
         # accounts, passwords and logon limits are the app's; regenerate\n\
         # rather than edit. Start: dovecot -F -c {main_path}\n\
         \n\
         base_dir = {base}\n\
         state_dir = {state}\n\
         instance_name = recovery-mail-{imap_port}\n\
         log_path = {log}\n\
         protocols = imap\n\
         listen = {listen}\n\
         {tls}\
         disable_plaintext_auth = yes\n\
         auth_mechanisms = plain login\n\
         # A reset or a lockout takes effect at the very next logon.\n\
         auth_cache_size = 0\n\
         \n\
         mail_location = maildir:~/Maildir\n\
         mail_uid = {uid}\n\
         mail_gid = {gid}\n\
         first_valid_uid = {uid}\n\
         last_valid_uid = {uid}\n\
         first_valid_gid = {gid}\n\
         last_valid_gid = {gid}\n\
         \n\
         passdb {{\n  driver = sql\n  args = {sql}\n}}\n\
         userdb {{\n  driver = sql\n  args = {sql}\n}}\n\
         \n\
         # One brute-force counter for the web and IMAP: the app is asked\n\
         # before each password check and told the outcome after it.\n\
         auth_policy_server_url = {policy_url}\n\
         auth_policy_server_api_header = Authorization: Bearer {policy_key}\n\
         auth_policy_hash_nonce = {nonce}\n\
         auth_policy_hash_mech = sha256\n\
         auth_policy_hash_truncate = {bits}\n\
         auth_policy_request_attributes = login=%{{requested_username}} pwhash=%{{hashed_password}} remote=%{{rip}} protocol=%s\n\
         auth_policy_reject_on_fail = yes\n\
         auth_policy_check_before_auth = yes\n\
         auth_policy_check_after_auth = no\n\
         auth_policy_report_after_auth = yes\n\
         \n\
         # The app drops a mailbox's sessions here after a reset or disable.\n\
         doveadm_api_key = {doveadm_key}\n\
         service doveadm {{\n  inet_listener http {{\n    address = 127.0.0.1\n    port = {doveadm_port}\n  }}\n}}\n\
         \n\
         service imap-login {{\n  inet_listener imap {{\n    port = {imap_port}\n  }}\n  inet_listener imaps {{\n    port = {imaps_port}\n  }}\n}}\n",
        origin = config.origin(),
        main_path = config_dir.join(MAIN_FILE).display(),
        base = base_dir.display(),
        state = base_dir.join("state").display(),
        imap_port = args.imap_port,
        log = args.log_path,
        listen = args.listen,
        uid = user.uid,
        gid = user.gid,
        sql = sql_path.display(),
        policy_key = policy_key.expose(),
        nonce = nonce.expose(),
        tls = tls,
        imaps_port = imaps_port,
        bits = crate::lockout::fingerprint::BITS,
        doveadm_key = doveadm_key.expose(),
    );
    let sql = sql_config(config, &mail_dir)?;
    Ok(Rendered { main, sql })
}

/// A value Dovecot reads as it is: one line, no `#`, `{` or `}`.
fn plain_value(what: &str, value: &str) -> anyhow::Result<()> {
    if value.is_empty() || value.chars().any(|c| c.is_control() || "#{}\"".contains(c)) {
        bail!("{what} may not be empty or contain control characters, quotes, #, {{ or }}");
    }
    Ok(())
}

fn absolute(path: &Path) -> anyhow::Result<PathBuf> {
    std::path::absolute(path).with_context(|| format!("resolve {}", path.display()))
}

/// The passdb/userdb file: how to reach the database, and the queries.
fn sql_config(config: &Config, mail_dir: &Path) -> anyhow::Result<String> {
    let (driver, connect) = connect_string(&config.database_url)?;
    let refusal = |sentence: fn(Language, &str) -> String| {
        // Worded in the language the account last used on the web.
        let mut case = String::from("CASE");
        for &lang in language::all().iter().filter(|lang| **lang != Language::en) {
            let _ = write!(
                case,
                " WHEN language = '{}' THEN '{}'",
                language::tag(lang),
                sql_text(&sentence(lang, &config.origin()))
            );
        }
        let _ = write!(
            case,
            " ELSE '{}' END",
            sql_text(&sentence(Language::en, &config.origin()))
        );
        case
    };
    let disabled = refusal(proto::messages::imap_disabled);
    let must_change = refusal(proto::messages::imap_must_change);
    let home = sql_text(&format!("{}/%Ld/%Ln", mail_dir.display()));
    Ok(format!(
        "# How Dovecot finds the app's mail accounts: generated with dovecot.conf.\n\
         driver = {driver}\n\
         connect = {connect}\n\
         \n\
         # The login is the full address, case aside. A disabled account and\n\
         # one that must change its password on the web first are refused\n\
         # with a sentence (shown only after the right password).\n\
         password_query = SELECT address AS user, '{{ARGON2ID}}' || password_hash AS password, \
         CASE WHEN status <> 'enabled' OR must_change_password <> 0 THEN 'y' END AS nologin, \
         CASE WHEN status <> 'enabled' THEN {disabled} \
         WHEN must_change_password <> 0 THEN {must_change} END AS reason \
         FROM mail_accounts WHERE address = '%Lu'\n\
         \n\
         user_query = SELECT address AS user, '{home}' AS home \
         FROM mail_accounts WHERE address = '%Lu'\n\
         \n\
         iterate_query = SELECT address AS user FROM mail_accounts\n"
    ))
}

/// A sentence inside a single-quoted SQL literal of a Dovecot query:
/// quotes doubled, `%` (Dovecot's variables) doubled.
fn sql_text(text: &str) -> String {
    text.replace('\'', "''").replace('%', "%%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_cannot_break_out_of_their_sql_literal_or_expand() {
        assert_eq!(sql_text("it's 100% done"), "it''s 100%% done");
    }

    #[test]
    fn values_that_would_change_the_config_are_refused() {
        assert!(plain_value("--listen", "*").is_ok());
        assert!(plain_value("--listen", "*\nmail_uid = root").is_err());
        assert!(plain_value("key", "abc}def").is_err());
        assert!(plain_value("key", "").is_err());
    }
}
