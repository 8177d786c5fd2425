//! What the signed-in pages show: the mail account with its notices, the
//! console owner with their domains, the checklist's context.

use app::auth::{DomainSummary, MailUser, Notice, Owner, PasswordContext, Role};
use app::error::UserError;
use http::request::Parts;
use sqlx::Row;

use super::{internal, IdentityServiceImpl};
use crate::policy_gate;
use crate::sessions::Kind;

pub struct AccountRow {
    pub id: String,
    pub domain_id: String,
    pub domain: String,
    pub address: String,
    pub display_name: String,
    pub role: Role,
    pub must_change: bool,
}

pub async fn account_by_id(
    service: &IdentityServiceImpl,
    id: &str,
) -> Result<Option<AccountRow>, UserError> {
    let row = sqlx::query(
        "SELECT a.id, a.domain_id, d.name, a.address, a.display_name, a.role, \
                a.must_change_password, a.status \
         FROM mail_accounts a JOIN domains d ON d.id = a.domain_id WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(&service.db.pool)
    .await
    .map_err(|e| internal(e.into()))?;
    // A disabled account's sessions are revoked when it is disabled; this
    // is the second lock on the same door.
    Ok(row
        .filter(|row| row.get::<String, _>(7) == "enabled")
        .map(|row| AccountRow {
            id: row.get(0),
            domain_id: row.get(1),
            domain: row.get(2),
            address: row.get(3),
            display_name: row.get(4),
            role: if row.get::<String, _>(5) == "postmaster" {
                Role::Postmaster
            } else {
                Role::Employee
            },
            must_change: row.get::<i64, _>(6) != 0,
        }))
}

/// The signed-in mail account, enforcing the forced password change.
pub async fn signed_in_account(
    service: &IdentityServiceImpl,
    request: &Parts,
    allow_must_change: bool,
) -> Result<(AccountRow, String), UserError> {
    let (id, token) = service.mail_session(request).await?;
    let account = account_by_id(service, &id)
        .await?
        .ok_or(UserError::NotSignedIn)?;
    if account.must_change && !allow_must_change {
        return Err(UserError::MustChangePassword);
    }
    Ok((account, token))
}

pub async fn mail_user(
    service: &IdentityServiceImpl,
    request: &Parts,
    allow_must_change: bool,
) -> Result<MailUser, UserError> {
    let (account, _) = signed_in_account(service, request, allow_must_change).await?;
    let notices = sqlx::query(
        "SELECT text, created_at FROM notices WHERE account_id = $1 \
         ORDER BY created_at DESC LIMIT 20",
    )
    .bind(&account.id)
    .fetch_all(&service.db.pool)
    .await
    .map_err(|e| internal(e.into()))?
    .into_iter()
    .map(|row| Notice {
        text: row.get(0),
        at: row.get(1),
    })
    .collect();
    Ok(MailUser {
        address: account.address,
        display_name: account.display_name,
        role: account.role,
        domain: account.domain,
        must_change_password: account.must_change,
        notices,
    })
}

pub async fn owner(service: &IdentityServiceImpl, request: &Parts) -> Result<Owner, UserError> {
    let (id, _) = service.session(request, Kind::Console).await?;
    let login_name: String = sqlx::query("SELECT login_name FROM cloud_accounts WHERE id = $1")
        .bind(&id)
        .fetch_optional(&service.db.pool)
        .await
        .map_err(|e| internal(e.into()))?
        .map(|row| row.get(0))
        .ok_or(UserError::NotSignedIn)?;
    let domains = sqlx::query(
        "SELECT d.id, d.name, d.status, \
                (SELECT COUNT(*) FROM mail_accounts a WHERE a.domain_id = d.id) \
         FROM domains d WHERE d.owner_id = $1 ORDER BY d.name",
    )
    .bind(&id)
    .fetch_all(&service.db.pool)
    .await
    .map_err(|e| internal(e.into()))?
    .into_iter()
    .map(|row| {
        let name: String = row.get(1);
        DomainSummary {
            id: row.get(0),
            postmaster: format!("postmaster@{name}"),
            name,
            status: row.get(2),
            accounts: row.get(3),
        }
    })
    .collect();
    Ok(Owner {
        login_name,
        domains,
    })
}

pub async fn password_context(
    service: &IdentityServiceImpl,
    request: &Parts,
) -> Result<PasswordContext, UserError> {
    let (account, _) = signed_in_account(service, request, true).await?;
    let keywords = policy_gate::domain_keywords(&service.db, &account.domain_id)
        .await
        .map_err(internal)?;
    Ok(PasswordContext {
        account: account.address,
        keywords,
    })
}
