//! Accounts as every service meets them: who is signed in (read from the
//! request's session cookie, never from anything the browser claims),
//! proving the current password, and the one way a password is set.
//!
//! - `caller`: who holds the request's session, looked up once a request.
//! - `current_password`: the holder proves they are present.
//! - `password`: storing a new password and all that goes with it.

mod caller;
mod current_password;
pub mod history;
pub mod notices;
mod password;
pub mod report_link;

pub use caller::{session, signed_in_account, signed_in_owner, Callers, Session};
pub use current_password::verify_current_password;
pub use password::{end_open_flows, prepare, PasswordSet, Prepared};

use proto::admin::AuditAction;
use proto::auth::{Role, UnknownKey};
use proto::language::Language;

use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::audit::Event;
use crate::infra::db::Flag;
use crate::infra::sessions::Kind;

/// The id of a Forgot Password flow (`recovery_flows.id`).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::Type)]
#[sqlx(transparent)]
pub struct FlowId(String);

impl FlowId {
    /// A new, random id.
    pub fn generate() -> Self {
        FlowId(uuid::Uuid::new_v4().to_string())
    }
}

impl std::ops::Deref for FlowId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

/// The id of a mail account (`mail_accounts.id`).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::Type)]
#[sqlx(transparent)]
pub struct AccountId(String);

impl std::ops::Deref for AccountId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

/// A mail account's `status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Enabled,
    Disabled,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Enabled => "enabled",
            Status::Disabled => "disabled",
        }
    }

    pub fn is_enabled(self) -> bool {
        self == Status::Enabled
    }
}

impl TryFrom<String> for Status {
    type Error = UnknownKey;

    fn try_from(key: String) -> Result<Self, UnknownKey> {
        match key.as_str() {
            "enabled" => Ok(Status::Enabled),
            "disabled" => Ok(Status::Disabled),
            _ => Err(UnknownKey(key)),
        }
    }
}

/// A mail account with its domain, as the signed-in pages and checks need it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MailAccount {
    pub id: AccountId,
    pub domain_id: String,
    pub domain: String,
    pub address: String,
    pub display_name: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    #[sqlx(try_from = "i64")]
    pub must_change_password: Flag,
    #[sqlx(try_from = "String")]
    pub status: Status,
    /// It has no recovery method the domain allows and may not skip
    /// setting one up (the domain requires it, or the skips are used):
    /// only Security settings, Change Password and logging out serve it.
    #[sqlx(try_from = "i64")]
    pub recovery_setup_blocked: Flag,
}

impl MailAccount {
    pub fn must_change(&self) -> bool {
        self.must_change_password.is_set()
    }

    /// The holder of this account, acting from `client`.
    pub fn holder<'a>(&'a self, client: &'a str) -> Holder<'a> {
        Holder::mail(&self.id, &self.address, &self.domain_id, client)
    }
}

impl<'a> Holder<'a> {
    /// A mail account, whose password is being set from `client` (by its
    /// holder or by someone resetting it).
    pub fn mail(id: &'a str, address: &'a str, domain_id: &'a str, client: &'a str) -> Self {
        Holder {
            kind: Kind::Mail,
            id,
            name: address,
            domain_id: Some(domain_id),
            client,
        }
    }

    /// An event the holder caused on their own account.
    pub fn event(&self, action: AuditAction) -> Event<'a> {
        Event::by(self.name, self.domain_id, self.client, action, self.name)
    }
}

/// Whose password it is: a mail account or a console owner, with the
/// names the audit trail shows.
#[derive(Clone, Copy, Debug)]
pub struct Holder<'a> {
    pub kind: Kind,
    pub id: &'a str,
    /// The address or login name.
    pub name: &'a str,
    pub domain_id: Option<&'a str>,
    /// The client acting, for the audit trail.
    pub client: &'a str,
}

/// The skips count is `proto::report::MAX_SKIPS` (checked by a test).
const MAIL_ACCOUNT: &str =
    "SELECT a.id, a.domain_id, d.name AS domain, a.address, a.display_name, \
     a.role, a.must_change_password, a.status, \
     CASE WHEN (d.recovery_setup_required <> 0 OR a.recovery_skips >= 3) \
       AND (d.allow_sms <> 0 OR d.allow_questions <> 0) \
       AND NOT (d.allow_sms <> 0 AND a.phone_verified_at IS NOT NULL) \
       AND NOT (d.allow_questions <> 0 AND EXISTS \
         (SELECT 1 FROM security_questions q WHERE q.account_id = a.id)) \
     THEN 1 ELSE 0 END AS recovery_setup_blocked \
     FROM mail_accounts a JOIN domains d ON d.id = a.domain_id";

/// Whether a report ("This wasn't me") holds the account locked down at
/// `now`: no web or IMAP logon, no Forgot Password.
/// What Employee Accounts' search matches for an account (its
/// `search_text`, written with the name and the address): the name in
/// lower case, a line break no search box can send, and the address.
pub fn search_text(display_name: &str, address: &str) -> String {
    format!(
        "{}\n{}",
        display_name.to_lowercase(),
        address.to_lowercase()
    )
}

pub fn locked_down(lockdown_until: Option<i64>, now: i64) -> bool {
    lockdown_until.is_some_and(|until| until > now)
}

pub async fn mail_account(ctx: &Ctx, id: &str) -> Result<Option<MailAccount>> {
    Ok(
        sqlx::query_as::<_, MailAccount>(&format!("{MAIL_ACCOUNT} WHERE a.id = $1"))
            .bind(id)
            .fetch_optional(&ctx.db.pool)
            .await?,
    )
}

/// Keeps `language` as the one the mail account last used on the web (its
/// notices are worded in it); writes only when it changed.
pub async fn remember_language<'e, E>(
    executor: E,
    account_id: &str,
    language: Language,
) -> Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "UPDATE mail_accounts SET language = $1 \
         WHERE id = $2 AND (language IS NULL OR language <> $1)",
    )
    .bind(proto::language::tag(language))
    .bind(account_id)
    .execute(executor)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_blocked_setup_counts_the_skips_the_prompt_offers() {
        let cap = format!("recovery_skips >= {}", proto::report::MAX_SKIPS);
        assert!(
            super::MAIL_ACCOUNT.contains(&cap),
            "{}",
            super::MAIL_ACCOUNT
        );
    }
}
