//! The last step: the new password, with the reset grant. The policy is
//! judged again here (address and domain keywords as they are now); then
//! one transaction uses the grant, stores the hash, clears the must-change
//! flag, revokes every session, records the audit event and queues the SMS
//! notice: all of it or none.

use app::error::UserError;
use app::recovery::ports::StepOutcome;
use app::secret::Secret;
use app::time::format_time;
use http::request::Parts;
use sqlx::Row;

use super::flow;
use super::{db_error, RecoveryImpl};
use crate::audit::{self, Event};
use crate::identity::internal;
use crate::policy_gate;
use crate::sessions::{self, Kind};
use crate::sms;

pub async fn reset(
    service: &RecoveryImpl,
    request: &Parts,
    new_password: &Secret,
    confirmation: &Secret,
) -> Result<StepOutcome<()>, UserError> {
    let (flow_id, account_id) = flow::granted(service, request).await?;
    let identity = &service.identity;
    let db = &identity.db;
    let account = sqlx::query(
        "SELECT a.address, a.domain_id, f.method, a.status \
         FROM mail_accounts a JOIN recovery_flows f ON f.account_id = a.id \
         WHERE a.id = $1 AND f.id = $2",
    )
    .bind(&account_id)
    .bind(&flow_id)
    .fetch_optional(&db.pool)
    .await
    .map_err(db_error)?
    .ok_or(UserError::FlowExpired)?;
    let address: String = account.get(0);
    let domain_id: String = account.get(1);
    let method: Option<String> = account.get(2);
    if account.get::<String, _>(3) != "enabled" {
        // Disabled by the postmaster since the flow began.
        return Err(UserError::AccountDisabled);
    }
    let password =
        policy_gate::check_new_password(db, &address, Some(&domain_id), new_password, confirmation)
            .await?;
    let hash = identity.hasher.hash(password.expose()).await?;
    let now = identity.now();
    let client = identity.client_addr(request);
    let notice = format!(
        "Your mail password was reset at {}. If this wasn't you, contact your administrator.",
        format_time(now)
    );
    let detail = match method.as_deref() {
        Some("sms") => "verified by SMS code",
        _ => "verified by security questions",
    };

    let store = async {
        let mut tx = db.pool.begin().await?;
        let used = sqlx::query(
            "UPDATE recovery_flows SET step = 'done', grant_used_at = $1 \
             WHERE id = $2 AND step = 'granted' AND grant_used_at IS NULL \
             AND grant_expires_at > $1 AND expires_at > $1",
        )
        .bind(now)
        .bind(&flow_id)
        .execute(&mut *tx)
        .await?;
        if used.rows_affected() != 1 {
            return Ok(false); // used or expired meanwhile; nothing is written
        }
        sqlx::query(
            "UPDATE mail_accounts SET password_hash = $1, password_changed_at = $2, \
             must_change_password = 0 WHERE id = $3",
        )
        .bind(hash.as_str())
        .bind(now)
        .bind(&account_id)
        .execute(&mut *tx)
        .await?;
        sessions::revoke_all(&mut *tx, Kind::Mail, &account_id, None, now).await?;
        super::end_open_flows(&mut *tx, &account_id, Some(&flow_id), now).await?;
        audit::record(
            &mut *tx,
            Event {
                at: now,
                domain_id: Some(&domain_id),
                actor: &address,
                action: "password_recovered",
                target: Some(&address),
                client_addr: Some(&client),
                detail: Some(detail),
            },
        )
        .await?;
        // The lockout guarded the old password; the new one may be used now.
        sqlx::query("DELETE FROM counters WHERE key = $1")
            .bind(format!("logon:mail:{address}"))
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO notices (id, account_id, text, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(&account_id)
        .bind(&notice)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sms::enqueue_for_account(&mut tx, &account_id, &notice, now).await?;
        tx.commit().await?;
        anyhow::Ok(true)
    };
    if !store.await.map_err(internal)? {
        return Err(UserError::FlowExpired);
    }
    service.identity.sms.wake();
    Ok(StepOutcome {
        value: (),
        set_cookies: service.finished_cookies(),
    })
}
