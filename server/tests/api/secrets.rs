//! Secrets stay where they belong: `server --help` never shows a secret
//! setting's value, the Dovecot configuration is written owner-only and
//! printed with its keys masked, and the auth-policy endpoint reads no
//! body before it has checked the key.

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use crate::helpers::spawn_app_with;
use crate::limits::rows;

#[test]
fn help_never_shows_the_value_of_a_secret_setting() {
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("--help")
        .env(
            "DATABASE_URL",
            "postgres://app:db-Pass-9931@db.internal/mail",
        )
        .env(
            "APP_SMS_WEBHOOK_URL",
            "https://sms.example/send?key=hook-Key-4410",
        )
        .env("APP_SMS_WEBHOOK_TOKEN", "token-Secret-2281")
        .env("APP_MAIL_AUTH_KEY", "policy-Key-7712")
        .env(
            "APP_DOVEADM_URL",
            "http://admin:doveadm-Pass-1@127.0.0.1:8080/doveadm/v1",
        )
        .env("APP_DOVEADM_API_KEY", "doveadm-Key-5531")
        .output()
        .expect("server --help runs");
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("DATABASE_URL"), "{help}");
    for secret in [
        "db-Pass-9931",
        "hook-Key-4410",
        "token-Secret-2281",
        "policy-Key-7712",
        "doveadm-Pass-1",
        "doveadm-Key-5531",
    ] {
        assert!(!help.contains(secret), "--help shows {secret}");
    }
}

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn the_dovecot_configuration_is_owner_only_and_printed_with_its_keys_masked() {
    let dir = std::env::temp_dir().join(format!("dovecot-secrets-{}", uuid::Uuid::new_v4()));
    let config_dir = dir.join("config");
    std::fs::create_dir_all(&config_dir).unwrap();
    // A file from an earlier run, readable by everyone: made private.
    let main = config_dir.join("dovecot.conf");
    std::fs::write(&main, "old").unwrap();
    std::fs::set_permissions(&main, std::fs::Permissions::from_mode(0o644)).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .env("DATABASE_URL", format!("sqlite://{}/app.db", dir.display()))
        .env("APP_MAIL_AUTH_KEY", "policy-Key-7712")
        .env("APP_DOVEADM_API_KEY", "doveadm-Key-5531")
        .args(["mail-auth", "dovecot-config", "--config-dir"])
        .arg(&config_dir)
        .arg("--mail-dir")
        .arg(dir.join("mail"))
        .output()
        .expect("dovecot-config runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed = String::from_utf8_lossy(&output.stdout);
    let written = std::fs::read_to_string(&main).unwrap();
    let nonce = services::lockout::FingerprintKey::from_mail_auth_key(&app::secret::Secret::new(
        "policy-Key-7712",
    ));
    for key in ["policy-Key-7712", "doveadm-Key-5531", nonce.expose()] {
        assert!(written.contains(key), "the file has the key it needs");
        assert!(!printed.contains(key), "printed: {printed}");
    }
    assert!(printed.contains("Authorization: Bearer ***"), "{printed}");
    assert_eq!(mode(&main), 0o600);
    assert_eq!(mode(&config_dir.join("dovecot-sql.conf.ext")), 0o600);
    let _ = std::fs::remove_dir_all(&dir);
}

const KEY: &str = "secrets-test-policy-key";

/// Sends the head of a policy request announcing a body of `length` bytes,
/// and none of the body; the first line of the answer.
async fn answer_without_body(
    app: &crate::helpers::TestApp,
    key: Option<&str>,
    length: usize,
) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = app.address.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let authorization = key
        .map(|key| format!("Authorization: Bearer {key}\r\n"))
        .unwrap_or_default();
    let head = format!(
        "POST /mail-auth/policy?command=allow HTTP/1.1\r\nHost: {addr}\r\n{authorization}\
         Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = vec![0u8; 512];
    let read = stream.read(&mut answer).await.unwrap();
    String::from_utf8_lossy(&answer[..read])
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn the_policy_endpoint_checks_its_key_before_reading_and_caps_the_body() {
    let app = spawn_app_with(&["--demo", "--mail-auth-key", KEY]).await;
    let url = app.url("/mail-auth/policy?command=allow");
    let client = reqwest::Client::new();
    // Without the key: refused before the body is read. The request
    // announces 64 KiB and sends none of it; the answer comes anyway.
    let refused = answer_without_body(&app, None, 65536).await;
    assert!(refused.starts_with("HTTP/1.1 401"), "{refused}");
    // With the key, a body that may be read is waited for...
    let waits = tokio::time::timeout(
        std::time::Duration::from_millis(500),
        answer_without_body(&app, Some(KEY), 1024),
    )
    .await;
    assert!(waits.is_err(), "{waits:?}");
    // ...and one announced over 4 KiB is refused as too large, unread.
    let large = answer_without_body(&app, Some(KEY), 64 * 1024).await;
    assert!(large.starts_with("HTTP/1.1 413"), "{large}");
    // Its answers carry the same security headers as every other answer.
    let unkeyed = client.post(&url).body("{}").send().await.unwrap();
    assert_eq!(unkeyed.status(), 401);
    assert!(unkeyed.headers().contains_key("content-security-policy"));
    assert_eq!(unkeyed.headers()["x-content-type-options"], "nosniff");
    // Garbage is a clear 400.
    let garbage = client
        .post(&url)
        .header("authorization", format!("Bearer {KEY}"))
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(garbage.status(), 400);

    // A login over 254 characters is refused before any counter or audit
    // row, on the mail server's path too.
    let counters = rows(&app, "counters").await;
    let events = rows(&app, "audit_events").await;
    for command in ["allow", "report"] {
        let long = format!("{}@example.com", "a".repeat(250));
        let answer: serde_json::Value = client
            .post(app.url(&format!("/mail-auth/policy?command={command}")))
            .header("authorization", format!("Bearer {KEY}"))
            .json(&serde_json::json!({"login": long, "remote": "192.0.2.7", "success": false}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if command == "allow" {
            assert_eq!(answer["status"], -1, "{answer}");
        }
    }
    assert_eq!(rows(&app, "counters").await, counters);
    assert_eq!(rows(&app, "audit_events").await, events);
}

#[tokio::test]
async fn the_sqlite_file_is_created_owner_only_and_made_so_when_it_was_not() {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("recovery-mode-{}", uuid::Uuid::new_v4()));
    let file = dir.join("app.db");
    let url = format!("sqlite://{}", file.display());
    let db = services::infra::db::Db::connect(&url, 1)
        .await
        .expect("connects");
    drop(db);
    assert_eq!(mode(&file), 0o600);
    // A file left readable by everyone (an old install) is made owner-only.
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let db = services::infra::db::Db::connect(&url, 1)
        .await
        .expect("connects again");
    sqlx::query("SELECT 1").execute(&db.pool).await.unwrap();
    for name in ["app.db", "app.db-wal", "app.db-shm"] {
        let path = dir.join(name);
        if path.exists() {
            assert_eq!(mode(&path), 0o600, "{name}");
        }
    }
    drop(db);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_outbox_keeps_a_messages_text_only_in_demo_mode() {
    use clap::Parser;
    let sender = |args: &[&str]| {
        let mut all = vec!["server"];
        all.extend_from_slice(args);
        let config = services::config::Cli::try_parse_from(all).unwrap().serve;
        services::infra::sms::sender_from_config(&config).unwrap()
    };
    assert!(sender(&["--demo"]).keeps_text());
    assert!(!sender(&[]).keeps_text());
}
