//! Who is using the console, and what they may touch. Every method of the
//! service starts with `owner`, which reads the caller from the request's
//! console session (never from anything the browser claims), and reaches a
//! domain only through `Owner::domain`, which is scoped to the caller. A
//! domain of another owner and one that does not exist both answer
//! `NotAllowed`, so a forged id learns nothing.

use app::error::UserError;
use http::request::Parts;
use sqlx::Row;

use super::{db_error, ConsoleImpl};
use crate::sessions::Kind;

/// The signed-in cloud account owner.
pub struct Owner {
    pub id: String,
    pub login_name: String,
    /// The session token, kept alive when the owner changes their password.
    pub token: String,
    /// The client's address, for the audit trail.
    pub client: String,
}

/// One of the caller's domains.
pub struct OwnedDomain {
    pub id: String,
    pub name: String,
}

impl OwnedDomain {
    pub fn postmaster(&self) -> String {
        format!("postmaster@{}", self.name)
    }
}

/// The caller, when they hold a live console session of an existing owner.
pub async fn owner(service: &ConsoleImpl, request: &Parts) -> Result<Owner, UserError> {
    let identity = &service.identity;
    let (id, token) = identity.session(request, Kind::Console).await?;
    let login_name: String = sqlx::query("SELECT login_name FROM cloud_accounts WHERE id = $1")
        .bind(&id)
        .fetch_optional(&identity.db.pool)
        .await
        .map_err(db_error)?
        .map(|row| row.get(0))
        .ok_or(UserError::NotSignedIn)?;
    Ok(Owner {
        id,
        login_name,
        token,
        client: identity.client_addr(request),
    })
}

impl Owner {
    /// The domain `id` names, if this owner owns it.
    pub async fn domain(&self, service: &ConsoleImpl, id: &str) -> Result<OwnedDomain, UserError> {
        let row = sqlx::query("SELECT id, name FROM domains WHERE id = $1 AND owner_id = $2")
            .bind(id)
            .bind(&self.id)
            .fetch_optional(&service.identity.db.pool)
            .await
            .map_err(db_error)?
            .ok_or(UserError::NotAllowed)?;
        Ok(OwnedDomain {
            id: row.get(0),
            name: row.get(1),
        })
    }
}
