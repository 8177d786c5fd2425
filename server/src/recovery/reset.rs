//! The last step: the new password, with the reset grant. The policy is
//! judged again here (address and domain keywords as they are now); then
//! one transaction uses the grant and sets the password
//! (`accounts::set_password`: every session revoked, audit event, notice
//! and SMS): all of it or none.

use app::admin::AuditAction;
use app::error::UserError;
use app::messages::AccountNotice;
use app::recovery::ports::StepOutcome;
use app::request::Request;
use app::secret::Secret;

use super::finished_cookies;
use super::flow::{self, Step};
use crate::accounts::{self, set_password, Holder, PasswordSet, Status};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::policy_gate;

#[derive(sqlx::FromRow)]
struct Target {
    address: String,
    domain_id: String,
    method: Option<String>,
    #[sqlx(try_from = "String")]
    status: Status,
}

pub async fn reset(
    ctx: &Ctx,
    request: &Request,
    new_password: &Secret,
    confirmation: &Secret,
) -> Result<StepOutcome<()>> {
    let grant = flow::granted(ctx, request).await?;
    let target: Target = sqlx::query_as(
        "SELECT a.address, a.domain_id, f.method, a.status \
         FROM mail_accounts a JOIN recovery_flows f ON f.account_id = a.id \
         WHERE a.id = $1 AND f.id = $2",
    )
    .bind(&grant.account_id)
    .bind(&grant.flow_id)
    .fetch_optional(&ctx.db.pool)
    .await?
    .ok_or(UserError::FlowExpired)?;
    if !target.status.is_enabled() {
        // Disabled by the postmaster since the flow began.
        return Err(UserError::AccountDisabled.into());
    }
    let password = policy_gate::check_new_password(
        &ctx.db,
        &target.address,
        Some(&target.domain_id),
        new_password,
        confirmation,
    )
    .await?;
    let hash = ctx.hasher.hash(password.expose()).await?;
    let now = ctx.now();
    let detail = match target.method.as_deref() {
        Some("sms") => "verified by SMS code",
        _ => "verified by security questions",
    };
    let holder = Holder::mail(
        &grant.account_id,
        &target.address,
        &target.domain_id,
        &request.client.addr,
    );

    let mut tx = ctx.db.pool.begin().await?;
    let used = sqlx::query(
        "UPDATE recovery_flows SET step = $1, grant_used_at = $2 \
         WHERE id = $3 AND step = $4 AND grant_used_at IS NULL \
         AND grant_expires_at > $2 AND expires_at > $2",
    )
    .bind(Step::Done.key())
    .bind(now)
    .bind(&grant.flow_id)
    .bind(Step::Granted.key())
    .execute(&mut *tx)
    .await?;
    // Used or expired meanwhile: nothing is written (the transaction is
    // dropped, so rolled back).
    if used.rows_affected() != 1 {
        return Err(UserError::FlowExpired.into());
    }
    // The holder proved the account theirs in this language: its notices
    // are worded in it from now on (this one included).
    accounts::remember_language(&mut *tx, &grant.account_id, request.language()).await?;
    let set = PasswordSet {
        holder,
        hash: &hash,
        must_change: false,
        keep_session: None,
        keep_flow: Some(&grant.flow_id),
        event: holder.event(AuditAction::PasswordRecovered).detail(detail),
        notice: Some(AccountNotice::Recovered { at: now }),
        sms: Some(AccountNotice::Recovered { at: now }),
    };
    if !set_password(&mut tx, set, now).await? {
        return Err(UserError::FlowExpired.into());
    }
    tx.commit().await?;
    ctx.sms.wake();
    Ok(StepOutcome {
        value: (),
        set_cookies: finished_cookies(),
    })
}
