//! Who may manage a domain, and what they may touch. Every method of the
//! service starts with `postmaster`, which reads the caller from the
//! request's session (never from anything the browser claims), and then
//! reaches accounts and departments only through the lookups here, which
//! are scoped to the caller's domain. An id from another domain and an id
//! that does not exist both answer `NotAllowed`, so a forged id learns
//! nothing about what exists elsewhere.

use app::auth::Role;
use app::error::UserError;
use http::request::Parts;
use sqlx::Row;

use super::{db_error, DomainAdminImpl};

/// The signed-in postmaster and the domain they manage.
pub struct Postmaster {
    pub id: String,
    pub address: String,
    pub domain_id: String,
    pub domain: String,
    /// The client's address, for the audit trail.
    pub client: String,
}

pub fn role_of(text: &str) -> Role {
    if text == "postmaster" {
        Role::Postmaster
    } else {
        Role::Employee
    }
}

/// The caller, when they hold a live mail session of an enabled postmaster
/// account that needs no forced password change.
pub async fn postmaster(
    service: &DomainAdminImpl,
    request: &Parts,
) -> Result<Postmaster, UserError> {
    let identity = &service.identity;
    let (id, _token) = identity.mail_session(request).await?;
    let row = sqlx::query(
        "SELECT a.address, a.domain_id, d.name, a.role, a.status, a.must_change_password \
         FROM mail_accounts a JOIN domains d ON d.id = a.domain_id WHERE a.id = $1",
    )
    .bind(&id)
    .fetch_optional(&identity.db.pool)
    .await
    .map_err(db_error)?
    .ok_or(UserError::NotSignedIn)?;
    // Disabling revokes the sessions; this is the second lock on the door.
    if row.get::<String, _>(4) != "enabled" {
        return Err(UserError::NotSignedIn);
    }
    if row.get::<i64, _>(5) != 0 {
        return Err(UserError::MustChangePassword);
    }
    if role_of(&row.get::<String, _>(3)) != Role::Postmaster {
        return Err(UserError::NotAllowed);
    }
    Ok(Postmaster {
        id,
        address: row.get(0),
        domain_id: row.get(1),
        domain: row.get(2),
        client: identity.client_addr(request),
    })
}

/// An account of the caller's domain, as the checks need it.
pub struct Target {
    pub id: String,
    pub address: String,
    pub enabled: bool,
}

impl Postmaster {
    /// The account `id` names, if it is in this postmaster's domain.
    pub async fn account(&self, service: &DomainAdminImpl, id: &str) -> Result<Target, UserError> {
        let row = sqlx::query(
            "SELECT id, address, status FROM mail_accounts WHERE id = $1 AND domain_id = $2",
        )
        .bind(id)
        .bind(&self.domain_id)
        .fetch_optional(&service.identity.db.pool)
        .await
        .map_err(db_error)?
        .ok_or(UserError::NotAllowed)?;
        Ok(Target {
            id: row.get(0),
            address: row.get(1),
            enabled: row.get::<String, _>(2) == "enabled",
        })
    }

    /// Checks that department `id` is in this postmaster's domain.
    pub async fn department(&self, service: &DomainAdminImpl, id: &str) -> Result<(), UserError> {
        sqlx::query("SELECT id FROM departments WHERE id = $1 AND domain_id = $2")
            .bind(id)
            .bind(&self.domain_id)
            .fetch_optional(&service.identity.db.pool)
            .await
            .map_err(db_error)?
            .map(|_| ())
            .ok_or(UserError::NotAllowed)
    }

    /// `Some(id)` for a department of this domain, `None` for an empty id.
    pub async fn optional_department(
        &self,
        service: &DomainAdminImpl,
        id: &str,
    ) -> Result<Option<String>, UserError> {
        let id = id.trim();
        if id.is_empty() {
            return Ok(None);
        }
        self.department(service, id).await?;
        Ok(Some(id.to_owned()))
    }
}
