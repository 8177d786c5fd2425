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
//! Prints one line: `seeded=<count> ms=<elapsed>`.

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
/// Rows a statement: 8 binds each stays far below both engines' limits.
const BATCH: usize = 500;

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
                let b = r * 8;
                format!(
                    "(${}, ${}, ${}, ${}, ${}, 'employee', ${}, ${}, ${})",
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4,
                    b + 5,
                    b + 6,
                    b + 7,
                    b + 8
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO mail_accounts (id, domain_id, address, display_name, department_id, \
             role, password_hash, password_changed_at, created_at) VALUES {}",
            values.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for i in n..n + rows {
            let surname = SURNAMES[i % SURNAMES.len()];
            let given = GIVEN[(i / SURNAMES.len()) % GIVEN.len()];
            query = query
                .bind(uuid::Uuid::new_v4().to_string())
                .bind(domain.clone())
                .bind({
                    let address = format!(
                        "{}.{}{i}@example.com",
                        surname.to_lowercase(),
                        given.to_lowercase()
                    );
                    addresses.push(address.clone());
                    address
                })
                .bind(format!("{surname} {given}"))
                .bind(departments[i % departments.len()].clone())
                .bind(hash.clone())
                .bind(now)
                .bind(now);
        }
        query.execute(&mut *tx).await.context("insert a batch")?;
        n += rows;
    }
    tx.commit().await?;
    // An established PostgreSQL database has planner statistics (autovacuum
    // gathers them); give the fresh one the same. SQLite keeps none unless
    // someone runs ANALYZE, so it is measured without, as it would run.
    if db.engine == Engine::Postgres {
        sqlx::query("ANALYZE").execute(&db.pool).await?;
    }
    if let Some(file) = addresses_file {
        std::fs::write(&file, addresses.join("\n") + "\n")
            .with_context(|| format!("write {file}"))?;
    }
    println!("seeded={count} ms={}", started.elapsed().as_millis());
    Ok(())
}
