//! Who may manage a domain, and what they may touch. Every method of the
//! service starts with `postmaster`, which reads the caller from the
//! request's session (never from anything the browser claims), and then
//! reaches accounts and departments only through the lookups here, which
//! are scoped to the caller's domain. An id from another domain and an id
//! that does not exist both answer `NotAllowed`, so a forged id learns
//! nothing about what exists elsewhere.

use crate::request::Request;
use proto::admin::AuditAction;
use proto::auth::Role;
use proto::error::UserError;

use crate::accounts::{self, AccountId, Status};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::audit::Event;

/// The signed-in postmaster and the domain they manage.
pub struct Postmaster {
    pub id: AccountId,
    pub address: String,
    pub domain_id: String,
    pub domain: String,
    /// The client's address, for the audit trail.
    pub client: String,
}

/// The caller, when they hold a live mail session of an enabled postmaster
/// account that needs no forced password change.
pub async fn postmaster(ctx: &Ctx, request: &Request) -> Result<Postmaster> {
    let (account, _) = accounts::signed_in_account(ctx, request, false).await?;
    if account.role != Role::Postmaster {
        return Err(UserError::NotAllowed.into());
    }
    if account.recovery_setup_blocked.is_set() {
        return Err(UserError::RecoverySetupRequired.into());
    }
    Ok(Postmaster {
        id: account.id,
        address: account.address,
        domain_id: account.domain_id,
        domain: account.domain,
        client: request.client.addr.clone(),
    })
}

/// An account of the caller's domain, as the checks need it.
#[derive(sqlx::FromRow)]
pub struct Target {
    pub id: AccountId,
    pub address: String,
    #[sqlx(try_from = "String")]
    pub status: Status,
}

impl Postmaster {
    /// An event the postmaster caused in their domain, on `target`.
    pub fn event<'a>(&'a self, action: AuditAction, target: &'a str) -> Event<'a> {
        Event::by(
            &self.address,
            Some(&self.domain_id),
            &self.client,
            action,
            target,
        )
    }

    /// The account `id` names, if it is in this postmaster's domain.
    pub async fn account(&self, ctx: &Ctx, id: &str) -> Result<Target> {
        let target: Option<Target> = sqlx::query_as(
            "SELECT id, address, status FROM mail_accounts WHERE id = $1 AND domain_id = $2",
        )
        .bind(id)
        .bind(&self.domain_id)
        .fetch_optional(&ctx.db.pool)
        .await?;
        Ok(target.ok_or(UserError::NotAllowed)?)
    }

    /// Checks that department `id` is in this postmaster's domain.
    pub async fn department(&self, ctx: &Ctx, id: &str) -> Result<()> {
        let found: Option<String> =
            sqlx::query_scalar("SELECT id FROM departments WHERE id = $1 AND domain_id = $2")
                .bind(id)
                .bind(&self.domain_id)
                .fetch_optional(&ctx.db.pool)
                .await?;
        found.map(|_| ()).ok_or(UserError::NotAllowed.into())
    }

    /// `Some(id)` for a department of this domain, `None` for an empty id.
    pub async fn optional_department(&self, ctx: &Ctx, id: &str) -> Result<Option<String>> {
        let id = id.trim();
        if id.is_empty() {
            return Ok(None);
        }
        self.department(ctx, id).await?;
        Ok(Some(id.to_owned()))
    }
}
