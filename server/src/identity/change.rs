//! An account holder changes their own password: from security settings
//! (proving the current one) or in the forced change after logon. One
//! transaction: new hash, flag cleared, other sessions revoked, audit.

use app::error::UserError;
use app::secret::Secret;
use http::request::Parts;

use super::views::{signed_in_account, AccountRow};
use super::{internal, IdentityServiceImpl};
use crate::audit::{self, Event};
use crate::limits::{self, WRONG_CURRENT_PASSWORDS};
use crate::passwords::{PasswordHashString, Verified};
use crate::policy_gate;
use crate::sessions::{self, Kind};

/// Whose current password is being checked: a mail account or a console
/// owner, with the names the audit trail shows.
pub struct Holder<'a> {
    pub kind: Kind,
    pub id: &'a str,
    /// The address or login name.
    pub name: &'a str,
    pub domain_id: Option<&'a str>,
    pub client: &'a str,
}

/// The account holder proves they are present, not just their session:
/// changing the password or a recovery method needs the current password.
/// Limited like logons (5 wrong in 15 minutes lock these actions for the
/// account), with the slot reserved before the hash runs, so a stolen
/// session cannot be used to guess the password faster than the logon
/// form allows. Every wrong password is an audit event.
pub async fn verify_current_password(
    service: &IdentityServiceImpl,
    holder: Holder<'_>,
    current: &Secret,
) -> Result<(), UserError> {
    let db = &service.db;
    let now = service.now();
    let (table, prefix) = match holder.kind {
        Kind::Mail => ("mail_accounts", "mail"),
        Kind::Console => ("cloud_accounts", "console"),
    };
    let key = format!("current-password:{prefix}:{}", holder.id);
    let Some(slot) = limits::reserve(db, &key, WRONG_CURRENT_PASSWORDS, now)
        .await
        .map_err(internal)?
    else {
        return Err(UserError::CurrentPasswordLocked);
    };
    let stored: String =
        sqlx::query_scalar(&format!("SELECT password_hash FROM {table} WHERE id = $1"))
            .bind(holder.id)
            .fetch_one(&db.pool)
            .await
            .map_err(|e| internal(e.into()))?;
    let stored = PasswordHashString::from_stored(stored);
    let verified = match service.hasher.verify(Some(&stored), current.expose()).await {
        Ok(verified) => verified,
        Err(err) => {
            limits::release(db, &key, slot).await.map_err(internal)?;
            return Err(err.into());
        }
    };
    if verified == Verified::No {
        audit::record(
            &db.pool,
            Event {
                at: now,
                domain_id: holder.domain_id,
                actor: holder.name,
                action: if slot.locked_it {
                    "current_password_locked"
                } else {
                    "current_password_failed"
                },
                target: Some(holder.name),
                client_addr: Some(holder.client),
                detail: None,
            },
        )
        .await
        .map_err(internal)?;
        return Err(if slot.locked_it {
            UserError::CurrentPasswordLocked
        } else {
            UserError::WrongCurrentPassword
        });
    }
    if limits::locked_by_others(db, &key, slot, now)
        .await
        .map_err(internal)?
    {
        return Err(UserError::CurrentPasswordLocked);
    }
    limits::clear(db, &key).await.map_err(internal)?;
    Ok(())
}

/// The holder of a signed-in mail account.
pub fn mail_holder<'a>(account: &'a AccountRow, client: &'a str) -> Holder<'a> {
    Holder {
        kind: Kind::Mail,
        id: &account.id,
        name: &account.address,
        domain_id: Some(&account.domain_id),
        client,
    }
}

pub async fn own_password(
    service: &IdentityServiceImpl,
    request: &Parts,
    current: Option<&Secret>,
    new_password: &Secret,
    confirmation: &Secret,
) -> Result<(), UserError> {
    let (account, token) = signed_in_account(service, request, true).await?;
    let client = service.client_addr(request);
    match current {
        Some(current) => {
            verify_current_password(service, mail_holder(&account, &client), current).await?
        }
        // Without the current password only the forced change is allowed:
        // the session was authenticated moments ago by that password.
        None if account.must_change => {}
        None => return Err(UserError::NotAllowed),
    }
    let new_password = policy_gate::check_new_password(
        &service.db,
        &account.address,
        Some(&account.domain_id),
        new_password,
        confirmation,
    )
    .await?;
    let hash = service.hasher.hash(new_password.expose()).await?;
    let now = service.now();

    let store = async {
        let mut tx = service.db.pool.begin().await?;
        sqlx::query(
            "UPDATE mail_accounts SET password_hash = $1, password_changed_at = $2, \
             must_change_password = 0 WHERE id = $3",
        )
        .bind(hash.as_str())
        .bind(now)
        .bind(&account.id)
        .execute(&mut *tx)
        .await?;
        sessions::revoke_all(&mut *tx, Kind::Mail, &account.id, Some(&token), now).await?;
        crate::recovery::end_open_flows(&mut *tx, &account.id, None, now).await?;
        audit::record(
            &mut *tx,
            Event {
                at: now,
                domain_id: Some(&account.domain_id),
                actor: &account.address,
                action: "password_changed",
                target: Some(&account.address),
                client_addr: Some(&client),
                detail: None,
            },
        )
        .await?;
        tx.commit().await?;
        anyhow::Ok(())
    };
    store.await.map_err(internal)
}
