//! The audit trail: who did what to whom, from where. Events name accounts
//! and actions, never a password, code, answer or token. Each kind of
//! actor makes its events with its own constructor (the signed-in account
//! holder, a postmaster, a console owner, someone at the logon form), so
//! the actor, domain and client are always filled the same way.

use anyhow::Context;
use proto::admin::AuditAction;

/// The detail of an event that set "Require a password change at next logon".
pub const MUST_CHANGE: &str = "must change password at next logon";

/// The detail of a failed logon that presented one of the account's
/// previous passwords (not counted toward any lockout).
pub const PREVIOUS_PASSWORD: &str = "a previous password";

/// The detail of a failed logon that repeated the source's last wrong
/// password (counted once).
pub const REPEATED_PASSWORD: &str = "the same wrong password again";

/// The detail of a logon from a familiar browser (its device cookie).
pub const FAMILIAR_DEVICE: &str = "familiar device";

pub struct Event<'a> {
    pub domain_id: Option<&'a str>,
    pub actor: &'a str,
    pub action: AuditAction,
    pub target: Option<&'a str>,
    pub client_addr: Option<&'a str>,
    pub detail: Option<&'a str>,
}

impl<'a> Event<'a> {
    /// Someone acting as `login` (the address or console name as
    /// submitted), on it, from `client`: logon and logout.
    pub fn at_logon(
        login: &'a str,
        domain_id: Option<&'a str>,
        client: &'a str,
        action: AuditAction,
    ) -> Self {
        Event {
            domain_id,
            actor: login,
            action,
            target: Some(login),
            client_addr: Some(client),
            detail: None,
        }
    }

    /// An actor acting on `target` in `domain_id`: a postmaster in their
    /// domain, a console owner on one of theirs (or on their own account).
    pub fn by(
        actor: &'a str,
        domain_id: Option<&'a str>,
        client: &'a str,
        action: AuditAction,
        target: &'a str,
    ) -> Self {
        Event {
            domain_id,
            actor,
            action,
            target: Some(target),
            client_addr: Some(client),
            detail: None,
        }
    }

    pub fn detail(self, detail: &'a str) -> Self {
        Event {
            detail: Some(detail),
            ..self
        }
    }

    pub fn maybe_detail(self, detail: Option<&'a str>) -> Self {
        Event { detail, ..self }
    }

    /// Stores the event as of `at`; part of the caller's transaction when
    /// given one.
    pub async fn record<'e, E>(self, executor: E, at: i64) -> anyhow::Result<()>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        sqlx::query(
            "INSERT INTO audit_events \
                 (id, at, domain_id, actor, action, target, client_addr, detail) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(at)
        .bind(self.domain_id)
        .bind(self.actor)
        .bind(self.action.key())
        .bind(self.target)
        .bind(self.client_addr)
        .bind(self.detail)
        .execute(executor)
        .await
        .context("record audit event")?;
        Ok(())
    }
}

/// A domain's events, newest first: `limit` of them after skipping
/// `offset` (read through the `audit_events (domain_id, at)` index).
pub async fn domain_events(
    db: &crate::infra::db::Db,
    domain_id: &str,
    limit: i64,
    offset: i64,
) -> anyhow::Result<Vec<proto::admin::AuditEntry>> {
    type Row = (i64, String, String, Option<String>, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT at, actor, action, target, client_addr FROM audit_events \
         WHERE domain_id = $1 ORDER BY at DESC, id DESC LIMIT $2 OFFSET $3",
    )
    .bind(domain_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(&db.pool)
    .await
    .context("read the audit log")?;
    Ok(rows
        .into_iter()
        .map(
            |(at, actor, action, target, client_addr)| proto::admin::AuditEntry {
                at,
                actor,
                action,
                target,
                client_addr,
            },
        )
        .collect())
}
