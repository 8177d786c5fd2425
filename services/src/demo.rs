//! The demo data of docs/product.md, seeded into an empty database in demo mode:
//! two console owners, two domains, their postmasters and employees, bound
//! phones and security questions, and example.com's weak keywords.

use anyhow::Context;
use argon2::Params;

use crate::answers::normalize_answer;
use crate::infra::db::Db;
use crate::infra::passwords::{hash_with_memory, memory_for};
use crate::infra::sessions::Kind;
use crate::lockout::{history, FingerprintKey};

pub const CONSOLE_PASSWORD: &str = "Console#2026";
pub const POSTMASTER_PASSWORD: &str = "Harbor#Lights2026";
pub const EMPLOYEE_PASSWORD: &str = "Employee#2026";

pub const QUESTIONS: [(&str, &str); 3] = [
    ("What city were you born in?", "Hangzhou"),
    ("What was the name of your first school?", "Xixi Primary"),
    ("What is your favourite book?", "Dream of the Red Chamber"),
];

struct DemoAccount {
    address: &'static str,
    name: &'static str,
    department: Option<&'static str>,
    postmaster: bool,
    phone: Option<&'static str>,
    questions: bool,
}

const ACCOUNTS: [DemoAccount; 6] = [
    DemoAccount {
        address: "postmaster@example.com",
        name: "Postmaster",
        department: None,
        postmaster: true,
        phone: Some("+8613800138000"),
        questions: false,
    },
    DemoAccount {
        address: "zhang.san@example.com",
        name: "Zhang San",
        department: Some("Sales"),
        postmaster: false,
        phone: Some("+8613800138001"),
        questions: true,
    },
    DemoAccount {
        address: "li.si@example.com",
        name: "Li Si",
        department: Some("Engineering"),
        postmaster: false,
        phone: None,
        questions: true,
    },
    DemoAccount {
        address: "wang.wu@example.com",
        name: "Wang Wu",
        department: Some("Engineering"),
        postmaster: false,
        phone: None,
        questions: false,
    },
    DemoAccount {
        address: "postmaster@example.org",
        name: "Postmaster",
        department: None,
        postmaster: true,
        phone: Some("+8613900139000"),
        questions: false,
    },
    DemoAccount {
        address: "zhao.liu@example.org",
        name: "Zhao Liu",
        department: None,
        postmaster: false,
        phone: Some("+8613900139001"),
        questions: false,
    },
];

fn id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Seeds the demo data unless the database already has any owner.
pub async fn seed_if_empty(
    db: &Db,
    params: Params,
    fingerprints: &FingerprintKey,
    now: i64,
) -> anyhow::Result<bool> {
    let owners: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cloud_accounts")
        .fetch_one(&db.pool)
        .await
        .context("count owners")?;
    if owners > 0 {
        return Ok(false);
    }
    // Every secret gets its own salt; hashing runs off the async threads,
    // in one reused 19 MiB block buffer (a fresh one per hash would leave
    // the process holding hundreds of MB of freed blocks).
    let hashed = tokio::task::spawn_blocking(move || -> anyhow::Result<_> {
        let memory = std::cell::RefCell::new(memory_for(&params));
        let hash = |secret: &str| {
            hash_with_memory(&params, secret, &mut memory.borrow_mut()).map_err(anyhow::Error::from)
        };
        let owners = [hash(CONSOLE_PASSWORD)?, hash(CONSOLE_PASSWORD)?];
        let mut accounts = Vec::new();
        for account in &ACCOUNTS {
            let password = if account.postmaster {
                POSTMASTER_PASSWORD
            } else {
                EMPLOYEE_PASSWORD
            };
            let answers = if account.questions {
                QUESTIONS
                    .iter()
                    .map(|(_, answer)| hash(&normalize_answer(answer)))
                    .collect::<anyhow::Result<Vec<_>>>()?
            } else {
                Vec::new()
            };
            accounts.push((hash(password)?, answers));
        }
        Ok((owners, accounts))
    })
    .await
    .context("hash demo secrets")??;
    let (owner_hashes, account_hashes) = hashed;

    let mut tx = db.pool.begin().await?;
    let mut domain_ids = Vec::new();
    // example.com's list is docs/product.md's; example.org starts with the
    // default list every new domain gets.
    let org_keywords = proto::policy::default_keywords("example.org").join("\n");
    for ((login, domain, keywords), hash) in [
        (
            "owner",
            "example.com",
            "example\nalibaba\npassword\n123456\nqwerty",
        ),
        ("owner2", "example.org", org_keywords.as_str()),
    ]
    .into_iter()
    .zip(owner_hashes)
    {
        let owner_id = id();
        // Instances started together on an empty database all get here;
        // the first insert decides. Another instance's uncommitted row
        // makes this one wait for it (PostgreSQL) or for the write lock
        // (SQLite), and then insert nothing: that instance seeds, this one
        // leaves it to it.
        let inserted = sqlx::query(
            "INSERT INTO cloud_accounts (id, login_name, password_hash, password_changed_at, created_at) \
             VALUES ($1, $2, $3, $4, $4) ON CONFLICT (login_name) DO NOTHING",
        )
        .bind(&owner_id)
        .bind(login)
        .bind(hash)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if inserted.rows_affected() == 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        let domain_id = id();
        sqlx::query(
            "INSERT INTO domains (id, name, owner_id, weak_keywords, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&domain_id)
        .bind(domain)
        .bind(&owner_id)
        .bind(keywords)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        domain_ids.push((domain, domain_id));
    }

    let mut departments: Vec<(String, String, String)> = Vec::new();
    for (account, (hash, answers)) in ACCOUNTS.iter().zip(account_hashes) {
        let domain = account
            .address
            .rsplit_once('@')
            .map(|(_, d)| d)
            .unwrap_or_default();
        let domain_id = domain_ids
            .iter()
            .find(|(name, _)| *name == domain)
            .map(|(_, id)| id.clone())
            .context("demo domain")?;
        let department_id = match account.department {
            None => None,
            Some(name) => {
                if let Some((_, _, id)) = departments
                    .iter()
                    .find(|(d, n, _)| *d == domain_id && n == name)
                {
                    Some(id.clone())
                } else {
                    let department_id = id();
                    sqlx::query("INSERT INTO departments (id, domain_id, name, created_at) VALUES ($1, $2, $3, $4)")
                        .bind(&department_id)
                        .bind(&domain_id)
                        .bind(name)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                    departments.push((domain_id.clone(), name.to_owned(), department_id.clone()));
                    Some(department_id)
                }
            }
        };
        let account_id = id();
        sqlx::query(
            "INSERT INTO mail_accounts (id, domain_id, address, display_name, department_id, role, \
             password_hash, password_changed_at, phone, phone_verified_at, created_at, search_text) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $8, $11)",
        )
        .bind(&account_id)
        .bind(&domain_id)
        .bind(account.address)
        .bind(account.name)
        .bind(department_id)
        .bind(if account.postmaster { "postmaster" } else { "employee" })
        .bind(hash)
        .bind(now)
        .bind(account.phone)
        .bind(account.phone.map(|_| now))
        .bind(crate::accounts::search_text(account.name, account.address))
        .execute(&mut *tx)
        .await?;
        let password = if account.postmaster {
            POSTMASTER_PASSWORD
        } else {
            EMPLOYEE_PASSWORD
        };
        let fingerprint = fingerprints.of(account.address, password);
        history::record_current(&mut *tx, Kind::Mail, &account_id, fingerprint, now).await?;
        for (position, ((question, _), answer_hash)) in QUESTIONS.iter().zip(answers).enumerate() {
            sqlx::query(
                "INSERT INTO security_questions (account_id, position, question, answer_hash) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(&account_id)
            .bind(position as i64)
            .bind(*question)
            .bind(answer_hash)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "UPDATE mail_accounts SET has_questions = 1 WHERE id = $1 \
             AND EXISTS (SELECT 1 FROM security_questions WHERE account_id = $1)",
        )
        .bind(&account_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await.context("commit demo data")?;
    Ok(true)
}
