//! Who is using the console, and what they may touch. Every method of the
//! service starts with `owner`, which reads the caller from the request's
//! console session (never from anything the browser claims), and reaches a
//! domain only through `Owner::domain`, which is scoped to the caller. A
//! domain of another owner and one that does not exist both answer
//! `NotAllowed`, so a forged id learns nothing.

use crate::request::Request;
use proto::admin::AuditAction;
use proto::error::UserError;

use crate::accounts::{self, Holder};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::audit::Event;
use crate::infra::sessions::Kind;

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
#[derive(sqlx::FromRow)]
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
pub async fn owner(ctx: &Ctx, request: &Request) -> Result<Owner> {
    let (login_name, session) = accounts::signed_in_owner(ctx, request).await?;
    Ok(Owner {
        id: session.subject_id,
        login_name,
        token: session.token,
        client: request.client.addr.clone(),
    })
}

impl Owner {
    /// The owner as the holder of their own console password.
    pub fn holder(&self) -> Holder<'_> {
        Holder {
            kind: Kind::Console,
            id: &self.id,
            name: &self.login_name,
            domain_id: None,
            client: &self.client,
        }
    }

    /// An event the owner caused on `target` in one of their domains.
    pub fn event<'a>(
        &'a self,
        domain: &'a OwnedDomain,
        action: AuditAction,
        target: &'a str,
    ) -> Event<'a> {
        Event::by(
            &self.login_name,
            Some(&domain.id),
            &self.client,
            action,
            target,
        )
    }

    /// The domain `id` names, if this owner owns it.
    pub async fn domain(&self, ctx: &Ctx, id: &str) -> Result<OwnedDomain> {
        let domain: Option<OwnedDomain> =
            sqlx::query_as("SELECT id, name FROM domains WHERE id = $1 AND owner_id = $2")
                .bind(id)
                .bind(&self.id)
                .fetch_optional(&ctx.db.pool)
                .await?;
        Ok(domain.ok_or(UserError::NotAllowed)?)
    }
}
