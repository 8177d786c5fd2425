//! The owner changes their own console password (Settings), proving the
//! current one. Their login name plays the account in policy rule 4 and no
//! domain's keywords apply. One transaction: new hash, every other console
//! session of the owner revoked (this one keeps working), audit event.

use app::error::UserError;
use app::secret::Secret;

use super::caller::Owner;
use super::{db_error, internal, ConsoleImpl};
use crate::audit::{self, Event};
use crate::identity::{verify_current_password, Holder};
use crate::policy_gate;
use crate::sessions::{self, Kind};

pub async fn change_password(
    service: &ConsoleImpl,
    caller: &Owner,
    current: &Secret,
    password: &Secret,
    confirmation: &Secret,
) -> Result<(), UserError> {
    let identity = &service.identity;
    verify_current_password(
        identity,
        Holder {
            kind: Kind::Console,
            id: &caller.id,
            name: &caller.login_name,
            domain_id: None,
            client: &caller.client,
        },
        current,
    )
    .await?;
    let password = policy_gate::check_new_password(
        &identity.db,
        &caller.login_name,
        None,
        password,
        confirmation,
    )
    .await?;
    let hash = identity.hasher.hash(password.expose()).await?;
    let now = identity.now();

    let mut tx = identity.db.pool.begin().await.map_err(db_error)?;
    sqlx::query(
        "UPDATE cloud_accounts SET password_hash = $1, password_changed_at = $2 WHERE id = $3",
    )
    .bind(hash.as_str())
    .bind(now)
    .bind(&caller.id)
    .execute(&mut *tx)
    .await
    .map_err(db_error)?;
    sessions::revoke_all(
        &mut *tx,
        Kind::Console,
        &caller.id,
        Some(&caller.token),
        now,
    )
    .await
    .map_err(internal)?;
    audit::record(
        &mut *tx,
        Event {
            at: now,
            domain_id: None,
            actor: &caller.login_name,
            action: "console_password_changed",
            target: Some(&caller.login_name),
            client_addr: Some(&caller.client),
            detail: None,
        },
    )
    .await
    .map_err(internal)?;
    tx.commit().await.map_err(db_error)
}
