//! Fills example.com of a demo database with employees, for measuring the
//! Employee Accounts list at scale (`bench/employees.sh`).
//!
//! ```sh
//! cargo run --release -p server --example seed_employees -- DATABASE_URL [COUNT [ADDRESSES]]
//! ```
//!
//! COUNT defaults to 10,000. With ADDRESSES, the new accounts' addresses
//! are also written to that file, one a line (`bench/logon.sh` logs them
//! on, with the demo employee password). The database must already hold the demo data
//! (start the server with `--demo` on it first). Accounts get pinyin names
//! ("Zhang Wei", address `zhang.wei17@example.com`; one in 20 is a Zhang),
//! spread over six departments, and all share ONE precomputed argon2id
//! hash, so seeding takes seconds. One transaction, multi-row inserts.
//! They vary as a real domain does, so every filter selects some: one in
//! 100 disabled, one in 50 must change its password, three in five have a
//! phone and one in two questions, four in five logged on in the last 60
//! days, and one in 1,000 is locked by strangers.
//!
//! With `AUDIT_ROWS=N` in the environment, N audit events of example.com
//! are added too (spread over the last 60 days, ten kinds, actors and
//! targets `staff<k>@example.com`), by one `INSERT … SELECT` from a
//! recursive row generator, which both engines run in seconds.
//! Prints one line: `seeded=<count> audit=<rows> ms=<elapsed>`.

use std::time::Instant;

use anyhow::Context;
use services::infra::clock::{Clock, SystemClock};
use services::infra::db::{Db, Engine};
use services::infra::passwords::{hash_blocking, production_params};
use sqlx::Row;

const SURNAMES: [&str; 20] = [
    "Zhang", "Wang", "Li", "Zhao", "Chen", "Liu", "Yang", "Huang", "Zhou", "Wu", "Xu", "Sun", "Ma",
    "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo",
];
const GIVEN: [&str; 25] = [
    "Wei", "Fang", "Na", "Min", "Jing", "Lei", "Qiang", "Jun", "Yan", "Jie", "Tao", "Ming", "Chao",
    "Xiu", "Hua", "Ping", "Gang", "Hui", "Bo", "Yu", "Ling", "Hong", "Xin", "Kai", "Rui",
];
/// Sales and Engineering come with the demo data; the rest are added.
const DEPARTMENTS: [&str; 6] = [
    "Sales",
    "Engineering",
    "Finance",
    "Support",
    "Marketing",
    "Operations",
];
/// Rows a statement: 15 binds each stays far below both engines' limits.
const BATCH: usize = 500;
/// A day in milliseconds.
const DAY: i64 = 86_400_000;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let url = args
        .next()
        .context("usage: seed_employees DATABASE_URL [COUNT [ADDRESSES]]")?;
    let count: usize = match args.next() {
        Some(n) => n.parse().context("COUNT is a whole number")?,
        None => 10_000,
    };
    let addresses_file = args.next();
    let mut addresses = Vec::new();
    let mut locked = Vec::new();
    let started = Instant::now();
    let db = Db::connect(&url, 2).await?;
    let domain: String = sqlx::query("SELECT id FROM domains WHERE name = 'example.com'")
        .fetch_optional(&db.pool)
        .await?
        .context("no example.com: start the server with --demo on this database first")?
        .get(0);
    let now = SystemClock.now();

    let mut tx = db.pool.begin().await?;
    let mut departments = Vec::new();
    for name in DEPARTMENTS {
        let existing = sqlx::query("SELECT id FROM departments WHERE domain_id = $1 AND name = $2")
            .bind(&domain)
            .bind(name)
            .fetch_optional(&mut *tx)
            .await?;
        let id = match existing {
            Some(row) => row.get(0),
            None => {
                let id = uuid::Uuid::new_v4().to_string();
                sqlx::query(
                    "INSERT INTO departments (id, domain_id, name, created_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(&id)
                .bind(&domain)
                .bind(name)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                id
            }
        };
        departments.push(id);
    }

    let hash = hash_blocking(&production_params(), services::demo::EMPLOYEE_PASSWORD)?;
    let mut n = 0;
    while n < count {
        let rows = BATCH.min(count - n);
        let values: Vec<String> = (0..rows)
            .map(|r| {
                let marks: Vec<String> = (1..=15).map(|c| format!("${}", r * 15 + c)).collect();
                format!("({})", marks.join(", "))
            })
            .collect();
        let sql = format!(
            "INSERT INTO mail_accounts (id, domain_id, address, display_name, department_id, \
             role, password_hash, password_changed_at, created_at, status, \
             must_change_password, phone, has_questions, last_logon_at, search_text) VALUES {}",
            values.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for i in n..n + rows {
            let surname = SURNAMES[i % SURNAMES.len()];
            let given = GIVEN[(i / SURNAMES.len()) % GIVEN.len()];
            let address = format!(
                "{}.{}{i}@example.com",
                surname.to_lowercase(),
                given.to_lowercase()
            );
            addresses.push(address.clone());
            let logon = (i % 5 != 0).then(|| now - (i as i64 * 7_919_000) % (60 * DAY));
            query = query
                .bind(uuid::Uuid::new_v4().to_string())
                .bind(domain.clone())
                .bind(address.clone())
                .bind(format!("{surname} {given}"))
                .bind(departments[i % departments.len()].clone())
                .bind("employee")
                .bind(hash.clone())
                .bind(now)
                .bind(now)
                .bind(if i % 100 == 7 { "disabled" } else { "enabled" })
                .bind(i64::from(i % 50 == 3))
                .bind((i % 5 < 3).then(|| format!("+86138{:08}", i % 100_000_000)))
                .bind(i64::from(i % 2 == 0))
                .bind(logon)
                .bind(services::accounts::search_text(
                    &format!("{surname} {given}"),
                    &address,
                ));
            if i % 1000 == 11 {
                locked.push(addresses.last().cloned().unwrap_or_default());
            }
        }
        query.execute(&mut *tx).await.context("insert a batch")?;
        n += rows;
    }
    // One in 1,000 locked by strangers' wrong passwords, for 15 minutes.
    for address in &locked {
        sqlx::query(
            "INSERT INTO counters (key, window_start, count, locked_until) VALUES ($1, $2, 10, $3)",
        )
        .bind(format!("logon:mail:{address}"))
        .bind(now)
        .bind(now + 15 * 60_000)
        .execute(&mut *tx)
        .await?;
    }
    let audit_rows: i64 = match std::env::var("AUDIT_ROWS") {
        Ok(n) => n.parse().context("AUDIT_ROWS is a whole number")?,
        Err(_) => 0,
    };
    if audit_rows > 0 {
        seed_audit(&mut tx, &domain, count.max(1) as i64, audit_rows, now).await?;
    }
    tx.commit().await?;
    // An established PostgreSQL database has planner statistics and a
    // visibility map (autovacuum keeps both); give the fresh one the same.
    // SQLite keeps no statistics unless someone runs ANALYZE, so it is
    // measured without, as it would run.
    if db.engine == Engine::Postgres {
        sqlx::query("VACUUM ANALYZE").execute(&db.pool).await?;
    }
    if let Some(file) = addresses_file {
        std::fs::write(&file, addresses.join("\n") + "\n")
            .with_context(|| format!("write {file}"))?;
    }
    println!(
        "seeded={count} audit={audit_rows} ms={}",
        started.elapsed().as_millis()
    );
    Ok(())
}

/// `rows` audit events of example.com, newest now, one every 60 days /
/// `rows`, generated by the database itself (a recursive CTE both engines
/// run): ten kinds of event, actors and targets `staff<k>@example.com`.
async fn seed_audit(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    domain: &str,
    accounts: i64,
    rows: i64,
    now: i64,
) -> anyhow::Result<()> {
    const ACTIONS: [&str; 10] = [
        "logon",
        "logon",
        "logon",
        "logout",
        "logon_failed",
        "password_changed",
        "password_recovered",
        "password_reset",
        "logon_locked",
        "account_unlocked",
    ];
    let action = ACTIONS
        .iter()
        .enumerate()
        .map(|(k, a)| format!("WHEN {k} THEN '{a}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let step = (60 * DAY / rows).max(1);
    let sql = format!(
        "WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < $1 - 1) \
         INSERT INTO audit_events (id, at, domain_id, actor, action, target, client_addr, detail) \
         SELECT 'seed-' || n, $2 - n * $3, $4, \
                'staff' || ((n * 7) % $5) || '@example.com', \
                CASE n % 10 {action} END, \
                'staff' || ((n * 13) % $5) || '@example.com', '10.0.0.1', NULL \
         FROM s"
    );
    sqlx::query(&sql)
        .bind(rows)
        .bind(now)
        .bind(step)
        .bind(domain)
        .bind(accounts)
        .execute(&mut **tx)
        .await
        .context("insert the audit events")?;
    Ok(())
}
