//! A mail account holder changes their own password: from security
//! settings (proving the current one) or in the forced change after logon.

use app::admin::AuditAction;
use app::error::UserError;
use app::request::Request;
use app::secret::Secret;

use crate::accounts::{self, set_password, verify_current_password, PasswordSet};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::policy_gate;

pub async fn own_password(
    ctx: &Ctx,
    request: &Request,
    current: Option<&Secret>,
    new_password: &Secret,
    confirmation: &Secret,
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
    let new_password = policy_gate::check_new_password(
        &ctx.db,
        &account.address,
        Some(&account.domain_id),
        new_password,
        confirmation,
    )
    .await?;
    let hash = ctx.hasher.hash(new_password.expose()).await?;
    let now = ctx.now();
    let mut tx = ctx.db.pool.begin().await?;
    let holder = account.holder(client);
    set_password(
        &mut tx,
        PasswordSet {
            holder,
            hash: &hash,
            fingerprint: ctx.fingerprints.of(&account.address, new_password.expose()),
            must_change: false,
            keep_session: Some(&session.token),
            keep_flow: None,
            event: holder.event(AuditAction::PasswordChanged),
            notice: None,
            sms: None,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
