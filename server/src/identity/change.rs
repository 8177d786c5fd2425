//! An account holder changes their own password: from security settings
//! (proving the current one) or in the forced change after logon. One
//! transaction: new hash, flag cleared, other sessions revoked, audit.

use app::error::UserError;
use app::secret::Secret;
use http::request::Parts;

use super::views::signed_in_account;
use super::{internal, IdentityServiceImpl};
use crate::audit::{self, Event};
use crate::passwords::{PasswordHashString, Verified};
use crate::policy_gate;
use crate::sessions::{self, Kind};

/// The account holder proves they are present, not just their session:
/// changing the password or a recovery method needs the current password.
pub async fn verify_current_password(
    service: &IdentityServiceImpl,
    account_id: &str,
    current: &Secret,
) -> Result<(), UserError> {
    let stored: String =
        sqlx::query_scalar("SELECT password_hash FROM mail_accounts WHERE id = $1")
            .bind(account_id)
            .fetch_one(&service.db.pool)
            .await
            .map_err(|e| internal(e.into()))?;
    let stored = PasswordHashString::from_stored(stored);
    if service
        .hasher
        .verify(Some(&stored), current.expose())
        .await?
        == Verified::No
    {
        return Err(UserError::WrongCurrentPassword);
    }
    Ok(())
}

pub async fn own_password(
    service: &IdentityServiceImpl,
    request: &Parts,
    current: Option<&Secret>,
    new_password: &Secret,
    confirmation: &Secret,
) -> Result<(), UserError> {
    let (account, token) = signed_in_account(service, request, true).await?;
    match current {
        Some(current) => verify_current_password(service, &account.id, current).await?,
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
    let client = service.client_addr(request);

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
