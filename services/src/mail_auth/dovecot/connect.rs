//! How Dovecot reaches the app's database: its SQL driver and `connect`
//! value, from the app's `DATABASE_URL`.

use std::path::Path;

use anyhow::{bail, Context};

/// Dovecot's driver and `connect` value for the app's `DATABASE_URL`.
pub(super) fn connect_string(database_url: &str) -> anyhow::Result<(&'static str, String)> {
    if let Some(rest) = database_url.strip_prefix("sqlite:") {
        let path = rest.trim_start_matches("//");
        let path = path.split('?').next().unwrap_or_default();
        if path.is_empty() || path == ":memory:" {
            bail!("Dovecot needs the SQLite database as a file; {database_url:?} is not one");
        }
        let path = super::absolute(Path::new(path))?;
        return Ok(("sqlite", path.display().to_string()));
    }
    let url = url::Url::parse(database_url).context("DATABASE_URL is not a URL")?;
    if !matches!(url.scheme(), "postgres" | "postgresql") {
        bail!("DATABASE_URL must be sqlite:// or postgres://");
    }
    let decode = |text: &str| -> anyhow::Result<String> {
        Ok(percent_encoding::percent_decode_str(text)
            .decode_utf8()
            .context("DATABASE_URL has a %-escape that is not UTF-8")?
            .into_owned())
    };
    let mut parts = Vec::new();
    let mut push = |key: &str, value: String| {
        // libpq's conninfo: single quotes, with \ and ' escaped.
        let escaped = value.replace('\\', "\\\\").replace('\'', "\\'");
        parts.push(format!("{key}='{escaped}'"));
    };
    if let Some(host) = url.host_str() {
        push(
            "host",
            host.trim_start_matches('[')
                .trim_end_matches(']')
                .to_owned(),
        );
    }
    push("port", url.port().unwrap_or(5432).to_string());
    let database = url.path().trim_start_matches('/');
    if !database.is_empty() {
        push("dbname", decode(database)?);
    }
    if !url.username().is_empty() {
        push("user", decode(url.username())?);
    }
    if let Some(password) = url.password() {
        push("password", decode(password)?);
    }
    Ok(("pgsql", parts.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postgres_url_becomes_a_libpq_conninfo_with_its_secrets_decoded() {
        let (driver, connect) =
            connect_string("postgres://app:p%40ss'w@db.internal:6432/mail?sslmode=require")
                .unwrap();
        assert_eq!(driver, "pgsql");
        assert_eq!(
            connect,
            "host='db.internal' port='6432' dbname='mail' user='app' password='p@ss\\'w'"
        );
    }

    #[test]
    fn a_sqlite_url_becomes_its_absolute_file() {
        let (driver, connect) =
            connect_string("sqlite:///var/lib/recovery/app.db?mode=rwc").unwrap();
        assert_eq!(
            (driver, connect.as_str()),
            ("sqlite", "/var/lib/recovery/app.db")
        );
        assert!(connect_string("sqlite::memory:").is_err());
    }
}
