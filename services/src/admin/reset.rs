//! Scenario 1: the postmaster resets an employee's password (Edit Account >
//! Reset Password > Save), and the checklist context that page needs.
//!
//! The new password is judged on the server with the employee's address and
//! the domain's keywords as they are now (a keyword added since the page
//! loaded still counts). Then `accounts::set_password` stores it in one
//! transaction with everything that goes with it: every session of the
//! employee revoked, the audit event, the notice and the SMS.

use proto::admin::AuditAction;
use proto::auth::PasswordContext;
use proto::error::UserError;
use proto::messages::AccountNotice;
use proto::report::Reportable;

use super::caller::Postmaster;
use crate::accounts::{self, Holder, PasswordSet};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::audit;
use crate::policy_gate;
use crate::policy_gate::Candidate;

pub async fn reset_password(
    ctx: &Ctx,
    caller: &Postmaster,
    id: &str,
    candidate: Candidate<'_>,
    must_change: bool,
) -> Result<i64> {
    let target = caller.account(ctx, id).await?;
    // A postmaster changes their own password in security settings (proving
    // the current one), or the cloud account owner resets it (scenario 3).
    if target.id == caller.id {
        return Err(UserError::NotAllowed.into());
    }
    let password = accounts::prepare(
        ctx,
        &target.address,
        Some(&caller.domain_id),
        Some(&target.id),
        candidate,
    )
    .await?;
    let now = password.now;
    let set = PasswordSet {
        holder: Holder::mail(
            &target.id,
            &target.address,
            &caller.domain_id,
            &caller.client,
        ),
        must_change,
        keep_session: None,
        keep_flow: None,
        event: caller
            .event(AuditAction::PasswordReset, &target.address)
            .maybe_detail(must_change.then_some(audit::MUST_CHANGE)),
        // The employee reads this on their mailbox home page and, when a
        // secure phone is bound, by SMS.
        notice: Some(AccountNotice::ResetByAdmin { at: now }),
        sms: Some(Reportable::ResetByAdmin),
        // The postmaster's reset is what ends a report's lockdown.
        ends_report: true,
    };
    // Gone since it was looked up: nothing is written.
    password.commit(ctx, set, UserError::NotAllowed).await
}

pub async fn password_context(ctx: &Ctx, caller: &Postmaster, id: &str) -> Result<PasswordContext> {
    let target = caller.account(ctx, id).await?;
    Ok(PasswordContext {
        account: target.address,
        rules: policy_gate::domain_rules(&ctx.db, &caller.domain_id)
            .await?
            .rules,
    })
}
