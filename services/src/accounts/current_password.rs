//! The account holder proves they are present, not just their session:
//! changing the password or a recovery method needs the current password.
//! Limited like logons (5 wrong in 15 minutes lock these actions for the
//! account), with the slot reserved before the hash runs, so a stolen
//! session cannot be used to guess the password faster than the logon form
//! allows. Every wrong password is an audit event.

use proto::admin::AuditAction;
use proto::error::UserError;
use proto::secret::Secret;

use super::Holder;
use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::passwords::{PasswordHashString, Verified};
use crate::infra::sessions::Kind;
use crate::limits::{self, Counter};

pub async fn verify_current_password(
    ctx: &Ctx,
    holder: Holder<'_>,
    current: &Secret,
) -> Result<()> {
    let db = &ctx.db;
    let now = ctx.now();
    let counter = Counter::CurrentPassword(holder.kind, holder.id);
    let Some(slot) = limits::reserve(db, &counter, now).await? else {
        return Err(UserError::CurrentPasswordLocked.into());
    };
    let table = match holder.kind {
        Kind::Mail => "mail_accounts",
        Kind::Console => "cloud_accounts",
    };
    let stored: String =
        sqlx::query_scalar(&format!("SELECT password_hash FROM {table} WHERE id = $1"))
            .bind(holder.id)
            .fetch_one(&db.pool)
            .await?;
    let stored = PasswordHashString::from_stored(stored);
    let verified = match ctx.hasher.verify(Some(&stored), current.expose()).await {
        Ok(verified) => verified,
        Err(err) => {
            limits::release(db, &counter, slot).await?;
            return Err(err.into());
        }
    };
    if verified == Verified::No {
        let action = if slot.locked_it {
            AuditAction::CurrentPasswordLocked
        } else {
            AuditAction::CurrentPasswordFailed
        };
        holder.event(action).record(&db.pool, now).await?;
        return Err(if slot.locked_it {
            UserError::CurrentPasswordLocked
        } else {
            UserError::WrongCurrentPassword
        }
        .into());
    }
    if limits::locked_by_others(db, &counter, slot, now).await? {
        return Err(UserError::CurrentPasswordLocked.into());
    }
    limits::clear(&db.pool, &counter).await?;
    Ok(())
}
