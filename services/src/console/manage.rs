//! A domain's Manage page in the console, and scenario 3: the owner resets
//! the password of the domain's postmaster (Manage > Reset Password >
//! Submit).
//!
//! The new password is judged on the server with the postmaster's address
//! and the domain's keywords as they are now. Then `accounts::set_password`
//! stores it in one transaction with everything that goes with it: every
//! session of the postmaster revoked, the audit event (in the domain, so
//! the postmaster's Audit Log shows it too), the logon lockout lifted, the
//! SMS.

use proto::admin::AuditAction;
use proto::auth::PasswordContext;
use proto::console::ManagedDomain;
use proto::error::{Invalid, UserError};
use proto::report::Reportable;

use super::caller::{OwnedDomain, Owner};
use crate::accounts::{self, Holder, PasswordSet};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::audit;
use crate::infra::db::Flag;
use crate::phone::mask_phone;
use crate::policy_gate;
use crate::policy_gate::Candidate;

/// How many of the domain's latest events the Manage page shows.
const RECENT_EVENTS: i64 = 20;

#[derive(sqlx::FromRow)]
struct DomainRow {
    status: String,
    created_at: i64,
    #[sqlx(try_from = "i64")]
    allow_sms: Flag,
    #[sqlx(try_from = "i64")]
    allow_questions: Flag,
    accounts: i64,
}

pub async fn view(ctx: &Ctx, domain: &OwnedDomain) -> Result<ManagedDomain> {
    let pool = &ctx.db.pool;
    let row: DomainRow = sqlx::query_as(
        "SELECT status, created_at, allow_sms, allow_questions, \
                (SELECT COUNT(*) FROM mail_accounts a WHERE a.domain_id = d.id) AS accounts \
         FROM domains d WHERE d.id = $1",
    )
    .bind(&domain.id)
    .fetch_one(pool)
    .await?;
    let postmaster = domain.postmaster();
    let phone: Option<String> =
        sqlx::query_scalar("SELECT phone FROM mail_accounts WHERE address = $1 AND domain_id = $2")
            .bind(&postmaster)
            .bind(&domain.id)
            .fetch_optional(pool)
            .await?
            .flatten();
    Ok(ManagedDomain {
        id: domain.id.clone(),
        name: domain.name.clone(),
        postmaster,
        accounts: row.accounts,
        status: row.status,
        created_at: row.created_at,
        allow_sms: row.allow_sms.is_set(),
        allow_questions: row.allow_questions.is_set(),
        postmaster_phone: phone.as_deref().map(mask_phone),
        recent_events: audit::domain_events(&ctx.db, &domain.id, RECENT_EVENTS, 0).await?,
    })
}

pub async fn password_context(ctx: &Ctx, domain: &OwnedDomain) -> Result<PasswordContext> {
    Ok(PasswordContext {
        account: domain.postmaster(),
        rules: policy_gate::domain_rules(&ctx.db, &domain.id).await?.rules,
    })
}

pub async fn reset_postmaster_password(
    ctx: &Ctx,
    caller: &Owner,
    domain: &OwnedDomain,
    candidate: Candidate<'_>,
    must_change: bool,
) -> Result<i64> {
    let address = domain.postmaster();
    let postmaster_id: String =
        sqlx::query_scalar("SELECT id FROM mail_accounts WHERE address = $1 AND domain_id = $2")
            .bind(&address)
            .bind(&domain.id)
            .fetch_optional(&ctx.db.pool)
            .await?
            .ok_or(UserError::Invalid(Invalid::NoPostmaster))?;
    let password = accounts::prepare(
        ctx,
        &address,
        Some(&domain.id),
        Some(&postmaster_id),
        candidate,
    )
    .await?;
    let set = PasswordSet {
        holder: Holder::mail(&postmaster_id, &address, &domain.id, &caller.client),
        must_change,
        keep_session: None,
        keep_flow: None,
        event: caller
            .event(domain, AuditAction::PostmasterPasswordReset, &address)
            .maybe_detail(must_change.then_some(audit::MUST_CHANGE)),
        // The postmaster learns of it on their secure phone.
        notice: None,
        sms: Some(Reportable::ResetByOwner),
        // The owner's reset ends a report of the postmaster's account.
        ends_report: true,
    };
    // Gone since it was looked up: nothing is written.
    password.commit(ctx, set, UserError::NotAllowed).await
}
