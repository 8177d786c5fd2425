//! Scenario 1: the postmaster resets an employee's password (Edit Account >
//! Reset Password > Save), and the checklist context that page needs.
//!
//! The new password is judged on the server with the employee's address and
//! the domain's keywords as they are now (a keyword added since the page
//! loaded still counts). Then one transaction stores the hash and the
//! must-change flag, revokes every session of the employee, records the
//! audit event and leaves the employee a notice: all of it or none.

use app::auth::PasswordContext;
use app::error::UserError;
use app::secret::Secret;
use app::time::format_time;

use super::caller::Postmaster;
use super::{db_error, internal, DomainAdminImpl};
use crate::audit::{self, Event};
use crate::policy_gate;
use crate::sessions::{self, Kind};
use crate::sms;

fn sms_notice(now: i64) -> String {
    format!(
        "Your mail password was reset by your administrator at {}. \
         If you did not ask for this, contact your administrator.",
        format_time(now)
    )
}

pub async fn reset_password(
    service: &DomainAdminImpl,
    caller: &Postmaster,
    id: &str,
    password: &Secret,
    confirmation: &Secret,
    must_change: bool,
) -> Result<i64, UserError> {
    let target = caller.account(service, id).await?;
    // A postmaster changes their own password in security settings (proving
    // the current one), or the cloud account owner resets it (scenario 3).
    if target.id == caller.id {
        return Err(UserError::NotAllowed);
    }
    let identity = &service.identity;
    let password = policy_gate::check_new_password(
        &identity.db,
        &target.address,
        Some(&caller.domain_id),
        password,
        confirmation,
    )
    .await?;
    let hash = identity.hasher.hash(password.expose()).await?;
    let now = identity.now();
    let notice = format!(
        "Your password was reset by your administrator on {}.",
        format_time(now)
    );

    let mut tx = identity.db.pool.begin().await.map_err(db_error)?;
    let updated = sqlx::query(
        "UPDATE mail_accounts SET password_hash = $1, password_changed_at = $2, \
         must_change_password = $3 WHERE id = $4 AND domain_id = $5",
    )
    .bind(hash.as_str())
    .bind(now)
    .bind(i64::from(must_change))
    .bind(&target.id)
    .bind(&caller.domain_id)
    .execute(&mut *tx)
    .await
    .map_err(db_error)?;
    if updated.rows_affected() != 1 {
        // Gone from the domain since it was looked up; nothing is written.
        return Err(UserError::NotAllowed);
    }
    // Whoever was signed in as the employee (perhaps not the employee) is
    // signed out everywhere.
    sessions::revoke_all(&mut *tx, Kind::Mail, &target.id, None, now)
        .await
        .map_err(internal)?;
    // A recovery someone began before this reset ends with it.
    crate::recovery::end_open_flows(&mut *tx, &target.id, None, now)
        .await
        .map_err(internal)?;
    audit::record(
        &mut *tx,
        Event {
            at: now,
            domain_id: Some(&caller.domain_id),
            actor: &caller.address,
            action: "password_reset",
            target: Some(&target.address),
            client_addr: Some(&caller.client),
            detail: must_change.then_some("must change password at next logon"),
        },
    )
    .await
    .map_err(internal)?;
    // The employee reads this on their mailbox home page and, when a secure
    // phone is bound, by SMS (queued in this transaction: all or none).
    sms::enqueue_for_account(&mut tx, &target.id, &sms_notice(now), now)
        .await
        .map_err(internal)?;
    sqlx::query("INSERT INTO notices (id, account_id, text, created_at) VALUES ($1, $2, $3, $4)")
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(&target.id)
        .bind(&notice)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    // A logon lockout guarded the old password; the employee gets the new
    // one from their administrator and should not wait 15 minutes to use it.
    sqlx::query("DELETE FROM counters WHERE key = $1")
        .bind(format!("logon:mail:{}", target.address))
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    tx.commit().await.map_err(db_error)?;
    identity.sms.wake();
    Ok(now)
}

pub async fn password_context(
    service: &DomainAdminImpl,
    caller: &Postmaster,
    id: &str,
) -> Result<PasswordContext, UserError> {
    let target = caller.account(service, id).await?;
    let keywords = policy_gate::domain_keywords(&service.identity.db, &caller.domain_id)
        .await
        .map_err(internal)?;
    Ok(PasswordContext {
        account: target.address,
        keywords,
    })
}
