//! Adding a domain in the console: its name parsed and checked, then one
//! transaction creates the domain (owned by the caller, with the default
//! weak keywords and both recovery methods) and its postmaster, who must
//! change the password the owner chose at the first logon.

use proto::admin::AuditAction;
use proto::auth::Role;
use proto::error::{Invalid, UserError};
use proto::policy::default_keywords;

use super::caller::{OwnedDomain, Owner};
use crate::accounts::Status;
use crate::ctx::Ctx;
use crate::error::{is_unique_violation, Result};
use crate::infra::sessions::Kind;
use crate::lockout::history;
use crate::policy_gate;
use crate::policy_gate::Candidate;

/// RFC 1035 2.3.4: a name has at most 253 characters as written, a label
/// at most 63.
pub const NAME_MAX: usize = 253;
pub const LABEL_MAX: usize = 63;

fn invalid(invalid: Invalid) -> UserError {
    UserError::Invalid(invalid)
}

/// A domain name as typed, trimmed and lowercased: at least two labels of
/// 1 to 63 of `a-z 0-9 -` (no hyphen first or last), at most 253 characters
/// in all, and a last label that is not all digits (that would be an IP
/// address). Each failure is one sentence the form shows.
pub fn domain_name(text: &str) -> Result<String, UserError> {
    let name = text.trim().to_lowercase();
    if name.is_empty() {
        return Err(invalid(Invalid::EnterDomainName));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '.'))
    {
        return Err(invalid(Invalid::DomainNameChars));
    }
    if name.len() > NAME_MAX {
        return Err(invalid(Invalid::DomainNameTooLong {
            max: NAME_MAX,
            actual: name.len(),
        }));
    }
    let labels: Vec<&str> = name.split('.').collect();
    if labels.iter().any(|label| label.is_empty()) {
        return Err(invalid(Invalid::DomainNameEmptyPart));
    }
    if labels.len() < 2 {
        return Err(invalid(Invalid::DomainNameOnePart));
    }
    if labels.iter().any(|label| label.len() > LABEL_MAX) {
        return Err(invalid(Invalid::DomainLabelTooLong { max: LABEL_MAX }));
    }
    if labels
        .iter()
        .any(|label| label.starts_with('-') || label.ends_with('-'))
    {
        return Err(invalid(Invalid::DomainLabelHyphen));
    }
    if labels
        .last()
        .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(invalid(Invalid::DomainLastPartDigits));
    }
    Ok(name)
}

fn in_use() -> UserError {
    invalid(Invalid::DomainTaken)
}

pub async fn add_domain(
    ctx: &Ctx,
    caller: &Owner,
    name: &str,
    candidate: Candidate<'_>,
) -> Result<String> {
    let name = domain_name(name)?;
    let taken: Option<String> = sqlx::query_scalar("SELECT id FROM domains WHERE name = $1")
        .bind(&name)
        .fetch_optional(&ctx.db.pool)
        .await?;
    if taken.is_some() {
        return Err(in_use().into());
    }
    let postmaster = format!("postmaster@{name}");
    let keywords = default_keywords(&name);
    // A new domain starts with the standard preset and its default list.
    let rules = proto::policy::PasswordRules {
        preset: proto::policy::Preset::Standard,
        keywords,
    };
    let password = policy_gate::judge(&postmaster, &rules, candidate)?;
    let hash = ctx.hasher.hash(password.expose()).await?;
    let now = ctx.now();
    let domain = OwnedDomain {
        id: uuid::Uuid::new_v4().to_string(),
        name,
    };

    let mut tx = ctx.db.pool.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO domains (id, name, owner_id, weak_keywords, allow_sms, allow_questions, \
                              status, created_at) \
         VALUES ($1, $2, $3, $4, 1, 1, 'active', $5)",
    )
    .bind(&domain.id)
    .bind(&domain.name)
    .bind(&caller.id)
    .bind(rules.keywords.join("\n"))
    .bind(now)
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => {}
        // Another request took the name since the check above.
        Err(err) if is_unique_violation(&err) => return Err(in_use().into()),
        Err(err) => return Err(err.into()),
    }
    let postmaster_id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO mail_accounts (id, domain_id, address, display_name, role, status, \
                                    password_hash, password_changed_at, must_change_password, \
                                    created_at, search_text) \
         VALUES ($1, $2, $3, 'Postmaster', $4, $5, $6, $7, 1, $7, $8)",
    )
    .bind(&postmaster_id)
    .bind(&domain.id)
    .bind(&postmaster)
    .bind(Role::Postmaster.key())
    .bind(Status::Enabled.key())
    .bind(hash.as_str())
    .bind(now)
    .bind(crate::accounts::search_text("Postmaster", &postmaster))
    .execute(&mut *tx)
    .await?;
    let fingerprint = ctx.fingerprints.of(&postmaster, password.expose());
    history::record_current(&mut *tx, Kind::Mail, &postmaster_id, fingerprint, now).await?;
    caller
        .event(&domain, AuditAction::DomainCreated, &domain.name)
        .record(&mut *tx, now)
        .await?;
    tx.commit().await?;
    Ok(domain.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(text: &str) -> String {
        match domain_name(text) {
            Err(UserError::Invalid(invalid)) => {
                proto::messages::invalid(proto::language::Language::en, &invalid)
            }
            other => panic!("{text:?}: expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn a_name_is_trimmed_and_lowercased() {
        assert_eq!(domain_name("  Example.COM ").unwrap(), "example.com");
        assert_eq!(
            domain_name("mail.xn--fiqs8s.cn").unwrap(),
            "mail.xn--fiqs8s.cn"
        );
        assert_eq!(domain_name("a-b.c9").unwrap(), "a-b.c9");
    }

    #[test]
    fn each_bad_shape_gets_its_own_sentence() {
        assert!(message("").starts_with("Enter a domain name"));
        assert!(message("bad_name").contains("only letters"));
        assert!(message("exa mple.com").contains("only letters"));
        assert!(message("例子.com").contains("only letters"));
        assert!(message("nodot").contains("at least two parts"));
        assert!(message("a..com").contains("two dots in a row"));
        assert!(message(".a.com").contains("start or end with a dot"));
        assert!(message("a.com.").contains("start or end with a dot"));
        assert!(message("-a.com").contains("hyphen"));
        assert!(message("a-.com").contains("hyphen"));
        assert!(message("10.0.0.1").contains("only digits"));
    }

    #[test]
    fn labels_and_names_have_a_maximum_length() {
        let label = "a".repeat(LABEL_MAX);
        assert!(domain_name(&format!("{label}.com")).is_ok());
        assert!(message(&format!("a{label}.com")).contains("at most 63"));
        // 4 labels of 63 and a 1-character one: 257 characters.
        let long = format!("{label}.{label}.{label}.{label}.a");
        assert!(message(&long).contains("at most 253"));
        let fits = format!("{label}.{label}.{label}.{}.a", "a".repeat(59));
        assert_eq!(fits.len(), 253);
        assert!(domain_name(&fits).is_ok());
    }
}
