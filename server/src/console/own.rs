//! The owner changes their own console password (Settings), proving the
//! current one. Their login name plays the account in policy rule 4 and no
//! domain's keywords apply. Stored by `accounts::set_password`: every other
//! console session of the owner revoked (this one keeps working), audit
//! event.

use app::admin::AuditAction;
use app::secret::Secret;

use super::caller::Owner;
use crate::accounts::{set_password, verify_current_password, PasswordSet};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::policy_gate;

pub async fn change_password(
    ctx: &Ctx,
    caller: &Owner,
    current: &Secret,
    password: &Secret,
    confirmation: &Secret,
) -> Result<()> {
    let holder = caller.holder();
    verify_current_password(ctx, holder, current).await?;
    let password =
        policy_gate::check_new_password(&ctx.db, &caller.login_name, None, password, confirmation)
            .await?;
    let hash = ctx.hasher.hash(password.expose()).await?;
    let now = ctx.now();
    let mut tx = ctx.db.pool.begin().await?;
    set_password(
        &mut tx,
        PasswordSet {
            holder,
            hash: &hash,
            fingerprint: ctx.fingerprints.of(&caller.login_name, password.expose()),
            must_change: false,
            keep_session: Some(&caller.token),
            keep_flow: None,
            event: holder.event(AuditAction::ConsolePasswordChanged),
            notice: None,
            sms: None,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
