//! The last step: the new password, with the reset grant. The policy is
//! judged again here (address and domain keywords as they are now); then
//! one transaction uses the grant and sets the password
//! (`accounts::set_password`: every session revoked, audit event, notice
//! and SMS): all of it or none.

use super::StepOutcome;
use crate::policy_gate::Candidate;
use crate::request::Request;
use proto::admin::AuditAction;
use proto::error::UserError;
use proto::messages::AccountNotice;
use proto::report::Reportable;

use super::finished_cookies;
use super::flow;
use crate::accounts::{self, PasswordSet};
use crate::ctx::Ctx;
use crate::error::Result;

pub async fn reset(
    ctx: &Ctx,
    request: &Request,
    candidate: Candidate<'_>,
) -> Result<StepOutcome<()>> {
    let (grant, target) = flow::granted_target(ctx, request).await?;
    let password = accounts::prepare(
        ctx,
        &target.address,
        Some(&target.domain_id),
        Some(&grant.account_id),
        candidate,
    )
    .await?;
    let now = password.now;
    let detail = target.verified_by();
    let holder = target.holder(&grant, &request.client.addr);
    let mut tx = ctx.db.pool.begin().await?;
    flow::use_grant(&mut tx, &grant, request, now).await?;
    let set = PasswordSet {
        holder,
        must_change: false,
        keep_session: None,
        keep_flow: Some(&grant.flow_id),
        event: holder.event(AuditAction::PasswordRecovered).detail(detail),
        notice: Some(AccountNotice::Recovered { at: now }),
        sms: Some(Reportable::Recovered),
        ends_report: false,
    };
    password
        .commit_in(ctx, tx, set, UserError::FlowExpired)
        .await?;
    Ok(StepOutcome {
        value: (),
        set_cookies: finished_cookies("1"),
    })
}
