//! A mail account holder changes their own password: from security
//! settings (proving the current one) or in the forced change after logon.

use crate::policy_gate::Candidate;
use crate::request::Request;
use proto::admin::AuditAction;
use proto::error::UserError;
use proto::secret::Secret;

use crate::accounts::{self, verify_current_password, PasswordSet};
use crate::ctx::Ctx;
use crate::error::Result;

pub async fn own_password(
    ctx: &Ctx,
    request: &Request,
    current: Option<&Secret>,
    candidate: Candidate<'_>,
) -> Result<()> {
    let (account, session) = accounts::signed_in_account(ctx, request, true).await?;
    let client = &request.client.addr;
    match current {
        Some(current) => verify_current_password(ctx, account.holder(client), current).await?,
        // Without the current password only the forced change is allowed:
        // the session was authenticated moments ago by that password.
        None if account.must_change() => {}
        None => return Err(UserError::NotAllowed.into()),
    }
    let password = accounts::prepare(
        ctx,
        &account.address,
        Some(&account.domain_id),
        Some(&account.id),
        candidate,
    )
    .await?;
    let holder = account.holder(client);
    let event = holder.event(AuditAction::PasswordChanged);
    let set = PasswordSet::own_change(holder, &session.token, event);
    // Gone meanwhile (deleted): whoever asked is no longer signed in.
    password.commit(ctx, set, UserError::NotSignedIn).await?;
    Ok(())
}
