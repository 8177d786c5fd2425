//! The authoritative password check. Every way of setting a password goes
//! through `check_new_password`, which judges the candidate with the same
//! `proto::policy::check` the browser ran, but with the account's address
//! and its domain's rules (preset and keywords) as the database has them
//! now, and the whole common-password list. Only a `NewPassword` can be
//! hashed and stored.

use anyhow::Context;
use proto::error::UserError;
use proto::policy::{self, common, PasswordRules, PolicyInput, Preset};
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

/// A new password as a form sends it: the two entries, and the policy
/// version the page was rendered with (`None` from a caller that shows no
/// checklist).
#[derive(Clone, Copy)]
pub struct Candidate<'a> {
    pub password: &'a Secret,
    pub confirmation: &'a Secret,
    pub page_version: Option<&'a str>,
}

impl<'a> Candidate<'a> {
    pub fn new(
        password: &'a Secret,
        confirmation: &'a Secret,
        page_version: Option<&'a str>,
    ) -> Self {
        Candidate {
            password,
            confirmation,
            page_version,
        }
    }
}

impl std::fmt::Debug for Candidate<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Candidate")
            .field("page_version", &self.page_version)
            .finish_non_exhaustive()
    }
}

/// A domain's password settings as the database has them now.
#[derive(Clone, Debug)]
pub struct DomainRules {
    pub rules: PasswordRules,
    /// How many passwords (the current one included) may not be reused.
    pub history: u32,
}

/// The rules and history setting of a domain. A preset key this build does
/// not know (written by a newer one) reads as `standard`.
pub async fn domain_rules(db: &Db, domain_id: &str) -> anyhow::Result<DomainRules> {
    let row: Option<(String, String, i64)> = sqlx::query_as(
        "SELECT weak_keywords, policy_preset, password_history FROM domains WHERE id = $1",
    )
    .bind(domain_id)
    .fetch_optional(&db.pool)
    .await
    .context("load the domain's password rules")?;
    let (keywords, preset, history) = row.unwrap_or_default();
    Ok(DomainRules {
        rules: PasswordRules {
            preset: Preset::from_key(&preset).unwrap_or_default(),
            keywords: policy::keyword_lines(&keywords),
        },
        history: u32::try_from(history).unwrap_or(0).min(policy::MAX_HISTORY),
    })
}

/// The settings a password is set by: its domain's, or for a console
/// owner (no domain) the standard preset, no keywords and no history.
pub async fn rules_for(db: &Db, domain_id: Option<&str>) -> anyhow::Result<DomainRules> {
    match domain_id {
        Some(id) => domain_rules(db, id).await,
        None => Ok(DomainRules {
            rules: PasswordRules::default(),
            history: 0,
        }),
    }
}

/// Judges `candidate` for `account` (an address, or a console login name)
/// against the rules of `domain_id` (see [`rules_for`]).
pub async fn check_new_password(
    db: &Db,
    account: &str,
    domain_id: Option<&str>,
    candidate: Candidate<'_>,
) -> crate::error::Result<NewPassword> {
    let rules = rules_for(db, domain_id).await?.rules;
    Ok(judge(account, &rules, candidate)?)
}

/// Judges `candidate` for `account` by explicit rules: also for a domain
/// that does not exist yet (its default list), where the database has
/// nothing to read. A refusal by rules other than those the page showed
/// (its version differs) says so, so the page can explain why the
/// checklist it showed was not enough.
pub fn judge(
    account: &str,
    rules: &PasswordRules,
    candidate: Candidate<'_>,
) -> Result<NewPassword, UserError> {
    let failures = policy::check(&PolicyInput {
        password: candidate.password.expose(),
        account,
        keywords: &rules.keywords,
        confirmation: Some(candidate.confirmation.expose()),
        preset: rules.preset,
        common: Some(common::embedded()),
    });
    if failures.is_empty() {
        return Ok(NewPassword(candidate.password.clone()));
    }
    let stale = candidate
        .page_version
        .is_some_and(|shown| shown != rules.version());
    Err(if stale {
        UserError::PolicyChanged(failures)
    } else {
        UserError::Policy(failures)
    })
}
