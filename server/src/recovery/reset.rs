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
use super::flow;
use crate::accounts::{set_password, PasswordSet};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::policy_gate;

pub async fn reset(
    ctx: &Ctx,
    request: &Request,
    new_password: &Secret,
    confirmation: &Secret,
) -> Result<StepOutcome<()>> {
    let (grant, target) = flow::granted_target(ctx, request).await?;
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
    let detail = target.verified_by();
    let holder = target.holder(&grant, &request.client.addr);
    let mut tx = ctx.db.pool.begin().await?;
    flow::use_grant(&mut tx, &grant, request, now).await?;
    let set = PasswordSet {
        holder,
        hash: &hash,
        fingerprint: ctx.fingerprints.of(&target.address, password.expose()),
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
        set_cookies: finished_cookies("1"),
    })
}
