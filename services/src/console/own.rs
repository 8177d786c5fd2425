//! The owner changes their own console password (Settings), proving the
//! current one. Their login name plays the account in policy rule 4 and no
//! domain's keywords apply. Stored by `accounts::set_password`: every other
//! console session of the owner revoked (this one keeps working), audit
//! event.

use proto::admin::AuditAction;
use proto::error::UserError;
use proto::secret::Secret;

use super::caller::Owner;
use crate::accounts::{self, verify_current_password, PasswordSet};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::policy_gate::Candidate;

pub async fn change_password(
    ctx: &Ctx,
    caller: &Owner,
    current: &Secret,
    candidate: Candidate<'_>,
) -> Result<()> {
    let holder = caller.holder();
    verify_current_password(ctx, holder, current).await?;
    let password = accounts::prepare(ctx, &caller.login_name, None, None, candidate).await?;
    let event = holder.event(AuditAction::ConsolePasswordChanged);
    let set = PasswordSet::own_change(holder, &caller.token, event);
    // Gone meanwhile (deleted): whoever asked is no longer signed in.
    password.commit(ctx, set, UserError::NotSignedIn).await?;
    Ok(())
}
