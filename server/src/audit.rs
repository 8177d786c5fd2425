//! The audit trail: who did what to whom, from where. Events name accounts
//! and actions, never a password, code, answer or token.

use anyhow::Context;

pub struct Event<'a> {
    pub at: i64,
    pub domain_id: Option<&'a str>,
    pub actor: &'a str,
    pub action: &'a str,
    pub target: Option<&'a str>,
    pub client_addr: Option<&'a str>,
    pub detail: Option<&'a str>,
}

pub async fn record<'e, E>(executor: E, event: Event<'_>) -> anyhow::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO audit_events (id, at, domain_id, actor, action, target, client_addr, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(event.at)
    .bind(event.domain_id)
    .bind(event.actor)
    .bind(event.action)
    .bind(event.target)
    .bind(event.client_addr)
    .bind(event.detail)
    .execute(executor)
    .await
    .context("record audit event")?;
    Ok(())
}
