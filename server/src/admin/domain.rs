//! The domain's own settings and history: its weak-password keywords
//! (POLICY.md "Weak keywords"), the recovery methods it allows, and its
//! audit log. A changed keyword list applies to passwords set afterwards;
//! passwords already set are not judged again.

use app::admin::{AuditEntry, AuditPage, DomainPolicy, PAGE_SIZE};
use app::error::UserError;
use app::policy::parse_keywords;
use sqlx::Row;

use super::caller::Postmaster;
use super::{db_error, internal, DomainAdminImpl};
use crate::audit::{self, Event};
use crate::policy_gate;

pub async fn policy(
    service: &DomainAdminImpl,
    caller: &Postmaster,
) -> Result<DomainPolicy, UserError> {
    let db = &service.identity.db;
    let keywords = policy_gate::domain_keywords(db, &caller.domain_id)
        .await
        .map_err(internal)?;
    let row = sqlx::query("SELECT allow_sms, allow_questions FROM domains WHERE id = $1")
        .bind(&caller.domain_id)
        .fetch_one(&db.pool)
        .await
        .map_err(db_error)?;
    Ok(DomainPolicy {
        domain: caller.domain.clone(),
        keywords,
        allow_sms: row.get::<i64, _>(0) != 0,
        allow_questions: row.get::<i64, _>(1) != 0,
    })
}

/// Stores the cleaned list, one keyword a line as written, or refuses the
/// whole list with every problem in it (nothing is saved then).
pub async fn save_keywords(
    service: &DomainAdminImpl,
    caller: &Postmaster,
    text: &str,
) -> Result<(), UserError> {
    let keywords = parse_keywords(text).map_err(UserError::Keywords)?;
    let now = service.identity.now();
    let detail = format!("{} keywords", keywords.len());
    let mut tx = service.identity.db.pool.begin().await.map_err(db_error)?;
    sqlx::query("UPDATE domains SET weak_keywords = $1 WHERE id = $2")
        .bind(keywords.join("\n"))
        .bind(&caller.domain_id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    audit::record(
        &mut *tx,
        Event {
            at: now,
            domain_id: Some(&caller.domain_id),
            actor: &caller.address,
            action: "keywords_changed",
            target: Some(&caller.domain),
            client_addr: Some(&caller.client),
            detail: Some(&detail),
        },
    )
    .await
    .map_err(internal)?;
    tx.commit().await.map_err(db_error)
}

pub async fn save_recovery_methods(
    service: &DomainAdminImpl,
    caller: &Postmaster,
    sms: bool,
    questions: bool,
) -> Result<(), UserError> {
    let now = service.identity.now();
    let on = |flag: bool| if flag { "on" } else { "off" };
    let detail = format!("sms {}, questions {}", on(sms), on(questions));
    let mut tx = service.identity.db.pool.begin().await.map_err(db_error)?;
    sqlx::query("UPDATE domains SET allow_sms = $1, allow_questions = $2 WHERE id = $3")
        .bind(i64::from(sms))
        .bind(i64::from(questions))
        .bind(&caller.domain_id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    audit::record(
        &mut *tx,
        Event {
            at: now,
            domain_id: Some(&caller.domain_id),
            actor: &caller.address,
            action: "recovery_methods_changed",
            target: Some(&caller.domain),
            client_addr: Some(&caller.client),
            detail: Some(&detail),
        },
    )
    .await
    .map_err(internal)?;
    tx.commit().await.map_err(db_error)
}

/// The domain's events, newest first, a page at a time (read through the
/// `audit_events (domain_id, at)` index).
pub async fn audit_log(
    service: &DomainAdminImpl,
    caller: &Postmaster,
    page: u32,
) -> Result<AuditPage, UserError> {
    let pool = &service.identity.db.pool;
    let total: i64 = sqlx::query("SELECT COUNT(*) FROM audit_events WHERE domain_id = $1")
        .bind(&caller.domain_id)
        .fetch_one(pool)
        .await
        .map_err(db_error)?
        .get(0);
    let page = page.max(1);
    let entries = sqlx::query(
        "SELECT at, actor, action, target, client_addr FROM audit_events \
         WHERE domain_id = $1 ORDER BY at DESC, id DESC LIMIT $2 OFFSET $3",
    )
    .bind(&caller.domain_id)
    .bind(i64::from(PAGE_SIZE))
    .bind(i64::from(page - 1) * i64::from(PAGE_SIZE))
    .fetch_all(pool)
    .await
    .map_err(db_error)?
    .into_iter()
    .map(|row| AuditEntry {
        at: row.get(0),
        actor: row.get(1),
        action: row.get(2),
        target: row.get(3),
        client_addr: row.get(4),
    })
    .collect();
    Ok(AuditPage {
        entries,
        total,
        page,
        page_size: PAGE_SIZE,
    })
}
