//! A domain's Manage page in the console, and scenario 3: the owner resets
//! the password of the domain's postmaster (Manage > Reset Password >
//! Submit).
//!
//! The new password is judged on the server with the postmaster's address
//! and the domain's keywords as they are now. Then one transaction stores
//! the hash and the must-change flag, revokes every session of the
//! postmaster, records the audit event (in the domain, so the postmaster's
//! Audit Log shows it too) and lifts the logon lockout: all of it or none.

use app::admin::AuditEntry;
use app::auth::PasswordContext;
use app::console::ManagedDomain;
use app::error::{Invalid, UserError};
use app::secret::Secret;
use app::time::format_time;
use sqlx::Row;

use super::caller::{OwnedDomain, Owner};
use super::{db_error, internal, ConsoleImpl};
use crate::audit::{self, Event};
use crate::phone::mask_phone;
use crate::policy_gate;
use crate::sessions::{self, Kind};
use crate::sms;

/// How many of the domain's latest events the Manage page shows.
const RECENT_EVENTS: i64 = 20;

pub async fn view(service: &ConsoleImpl, domain: &OwnedDomain) -> Result<ManagedDomain, UserError> {
    let pool = &service.identity.db.pool;
    let row = sqlx::query(
        "SELECT status, created_at, allow_sms, allow_questions, \
                (SELECT COUNT(*) FROM mail_accounts a WHERE a.domain_id = d.id) \
         FROM domains d WHERE d.id = $1",
    )
    .bind(&domain.id)
    .fetch_one(pool)
    .await
    .map_err(db_error)?;
    let postmaster = domain.postmaster();
    let phone: Option<String> =
        sqlx::query("SELECT phone FROM mail_accounts WHERE address = $1 AND domain_id = $2")
            .bind(&postmaster)
            .bind(&domain.id)
            .fetch_optional(pool)
            .await
            .map_err(db_error)?
            .and_then(|row| row.get::<Option<String>, _>(0));
    let recent_events = sqlx::query(
        "SELECT at, actor, action, target, client_addr FROM audit_events \
         WHERE domain_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
    )
    .bind(&domain.id)
    .bind(RECENT_EVENTS)
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
    Ok(ManagedDomain {
        id: domain.id.clone(),
        name: domain.name.clone(),
        postmaster,
        accounts: row.get(4),
        status: row.get(0),
        created_at: row.get(1),
        allow_sms: row.get::<i64, _>(2) != 0,
        allow_questions: row.get::<i64, _>(3) != 0,
        postmaster_phone: phone.as_deref().map(mask_phone),
        recent_events,
    })
}

pub async fn password_context(
    service: &ConsoleImpl,
    domain: &OwnedDomain,
) -> Result<PasswordContext, UserError> {
    let keywords = policy_gate::domain_keywords(&service.identity.db, &domain.id)
        .await
        .map_err(internal)?;
    Ok(PasswordContext {
        account: domain.postmaster(),
        keywords,
    })
}

pub async fn reset_postmaster_password(
    service: &ConsoleImpl,
    caller: &Owner,
    domain: &OwnedDomain,
    password: &Secret,
    confirmation: &Secret,
    must_change: bool,
) -> Result<i64, UserError> {
    let identity = &service.identity;
    let address = domain.postmaster();
    let postmaster_id: String =
        sqlx::query("SELECT id FROM mail_accounts WHERE address = $1 AND domain_id = $2")
            .bind(&address)
            .bind(&domain.id)
            .fetch_optional(&identity.db.pool)
            .await
            .map_err(db_error)?
            .map(|row| row.get(0))
            .ok_or(UserError::Invalid(Invalid::NoPostmaster))?;
    let password = policy_gate::check_new_password(
        &identity.db,
        &address,
        Some(&domain.id),
        password,
        confirmation,
    )
    .await?;
    let hash = identity.hasher.hash(password.expose()).await?;
    let now = identity.now();

    let mut tx = identity.db.pool.begin().await.map_err(db_error)?;
    let updated = sqlx::query(
        "UPDATE mail_accounts SET password_hash = $1, password_changed_at = $2, \
         must_change_password = $3 WHERE id = $4 AND domain_id = $5",
    )
    .bind(hash.as_str())
    .bind(now)
    .bind(i64::from(must_change))
    .bind(&postmaster_id)
    .bind(&domain.id)
    .execute(&mut *tx)
    .await
    .map_err(db_error)?;
    if updated.rows_affected() != 1 {
        // Gone since it was looked up; nothing is written.
        return Err(UserError::NotAllowed);
    }
    // Whoever holds a session as the postmaster (perhaps whoever made them
    // forget the password) is signed out everywhere.
    sessions::revoke_all(&mut *tx, Kind::Mail, &postmaster_id, None, now)
        .await
        .map_err(internal)?;
    crate::recovery::end_open_flows(&mut *tx, &postmaster_id, None, now)
        .await
        .map_err(internal)?;
    audit::record(
        &mut *tx,
        Event {
            at: now,
            domain_id: Some(&domain.id),
            actor: &caller.login_name,
            action: "postmaster_password_reset",
            target: Some(&address),
            client_addr: Some(&caller.client),
            detail: must_change.then_some("must change password at next logon"),
        },
    )
    .await
    .map_err(internal)?;
    // The postmaster learns of it on their secure phone (queued in this
    // transaction: all or none).
    let notice = format!(
        "Your postmaster password was reset by the domain's cloud account owner at {}. \
         If you did not ask for this, contact them.",
        format_time(now)
    );
    sms::enqueue_for_account(&mut tx, &postmaster_id, &notice, now)
        .await
        .map_err(internal)?;
    //
    // A logon lockout guarded the old password; the postmaster should not
    // wait 15 minutes to use the new one.
    sqlx::query("DELETE FROM counters WHERE key = $1")
        .bind(format!("logon:mail:{address}"))
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    tx.commit().await.map_err(db_error)?;
    identity.sms.wake();
    Ok(now)
}
