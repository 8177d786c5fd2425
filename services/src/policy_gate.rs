//! The authoritative password check. Every server function that sets a
//! password goes through `check_new_password`, which judges the candidate
//! with the same `proto::policy::check` the browser ran, but with the
//! account's address and its domain's keywords as the database has them
//! now. Only a `NewPassword` can be hashed and stored.

use anyhow::Context;
use proto::error::UserError;
use proto::policy::{self, PolicyInput};
use proto::secret::Secret;

use crate::infra::db::Db;

/// A password that passed the policy for one account.
pub struct NewPassword(Secret);

impl NewPassword {
    pub fn expose(&self) -> &str {
        self.0.expose()
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

/// The weak keywords of a domain, as its postmaster wrote them.
pub async fn domain_keywords(db: &Db, domain_id: &str) -> anyhow::Result<Vec<String>> {
    let text: String = sqlx::query_scalar("SELECT weak_keywords FROM domains WHERE id = $1")
        .bind(domain_id)
        .fetch_optional(&db.pool)
        .await
        .context("load weak keywords")?
        .unwrap_or_default();
    Ok(proto::policy::keyword_lines(&text))
}

/// Judges `password` for `account` (an address, or a console login name)
/// against the keywords of `domain_id` (none for console owners).
pub async fn check_new_password(
    db: &Db,
    account: &str,
    domain_id: Option<&str>,
    password: &Secret,
    confirmation: &Secret,
) -> crate::error::Result<NewPassword> {
    let keywords = match domain_id {
        Some(id) => domain_keywords(db, id).await?,
        None => Vec::new(),
    };
    Ok(check_with_keywords(
        account,
        &keywords,
        password,
        confirmation,
    )?)
}

/// Judges `password` for `account` against an explicit keyword list: for a
/// domain that does not exist yet (its default list), where the database has
/// nothing to read. The same `proto::policy::check` as above.
pub fn check_with_keywords(
    account: &str,
    keywords: &[String],
    password: &Secret,
    confirmation: &Secret,
) -> Result<NewPassword, UserError> {
    let failures = policy::check(&PolicyInput {
        password: password.expose(),
        account,
        keywords,
        confirmation: Some(confirmation.expose()),
    });
    if failures.is_empty() {
        Ok(NewPassword(password.clone()))
    } else {
        Err(UserError::Policy(failures))
    }
}
