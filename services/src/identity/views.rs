//! What the signed-in pages show: the mail account with its notices, the
//! console owner with their domains, the checklist's context.

use crate::request::Request;
use proto::auth::{DomainSummary, MailUser, Notice, Owner, PasswordContext};
use proto::messages::{self, AccountNotice};

use crate::accounts::{self, signed_in_account};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::policy_gate;

pub async fn mail_user(ctx: &Ctx, request: &Request, allow_must_change: bool) -> Result<MailUser> {
    let (account, _) = signed_in_account(ctx, request, allow_must_change).await?;
    let language = request.language();
    accounts::remember_language(&ctx.db.pool, &account.id, language).await?;
    let notices: Vec<(String, Option<String>, i64, Option<String>)> = sqlx::query_as(
        "SELECT text, kind, created_at, detail FROM notices WHERE account_id = $1 \
         ORDER BY created_at DESC LIMIT 20",
    )
    .bind(&account.id)
    .fetch_all(&ctx.db.pool)
    .await?;
    Ok(MailUser {
        must_change_password: account.must_change(),
        recovery_setup_required: account.recovery_setup_blocked.is_set(),
        address: account.address,
        display_name: account.display_name,
        role: account.role,
        domain: account.domain,
        notices: notices
            .into_iter()
            .map(|(text, kind, at, detail)| Notice {
                // Worded for the reader when its kind is known; an older
                // notice keeps its English text.
                text: kind
                    .as_deref()
                    .and_then(|kind| AccountNotice::from_kind(kind, at, detail.clone()))
                    .map_or(text, |notice| messages::notice_text(language, &notice)),
                at,
            })
            .collect(),
    })
}

#[derive(sqlx::FromRow)]
struct DomainRow {
    id: String,
    name: String,
    status: String,
    accounts: i64,
}

pub async fn owner(ctx: &Ctx, request: &Request) -> Result<Owner> {
    let (login_name, session) = accounts::signed_in_owner(ctx, request).await?;
    let domains: Vec<DomainRow> = sqlx::query_as(
        "SELECT d.id, d.name, d.status, \
                (SELECT COUNT(*) FROM mail_accounts a WHERE a.domain_id = d.id) AS accounts \
         FROM domains d WHERE d.owner_id = $1 ORDER BY d.name",
    )
    .bind(&session.subject_id)
    .fetch_all(&ctx.db.pool)
    .await?;
    Ok(Owner {
        login_name,
        domains: domains
            .into_iter()
            .map(|row| DomainSummary {
                postmaster: format!("postmaster@{}", row.name),
                id: row.id,
                name: row.name,
                status: row.status,
                accounts: row.accounts,
            })
            .collect(),
    })
}

pub async fn password_context(ctx: &Ctx, request: &Request) -> Result<PasswordContext> {
    let (account, _) = signed_in_account(ctx, request, true).await?;
    Ok(PasswordContext {
        rules: policy_gate::domain_rules(&ctx.db, &account.domain_id)
            .await?
            .rules,
        account: account.address,
    })
}

/// Where the signed-in mail account goes now: a recovery prompt that is
/// due, else its home.
pub async fn landing(ctx: &Ctx, request: &Request) -> Result<String> {
    let (account, _) = signed_in_account(ctx, request, false).await?;
    crate::binding::prompt::landing(ctx, &account.id, account.role, false).await
}
