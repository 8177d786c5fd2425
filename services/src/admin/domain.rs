//! The domain's own settings and history: its weak-password keywords
//! (docs/policy.md, "Weak keywords"), the recovery methods it allows, and its
//! SMS limits. A changed keyword list applies to passwords set afterwards;
//! passwords already set are not judged again.

use proto::admin::{parse_calling_codes, parse_sms_ceiling, AuditAction, DomainPolicy};
use proto::error::UserError;
use proto::policy::parse_keywords;

use super::caller::Postmaster;
use crate::ctx::Ctx;
use crate::error::Result;
use crate::limits::{self, Counter};
use crate::policy_gate;

pub async fn policy(ctx: &Ctx, caller: &Postmaster) -> Result<DomainPolicy> {
    let db = &ctx.db;
    let rules = policy_gate::domain_rules(db, &caller.domain_id).await?;
    let (allow_sms, allow_questions, codes, ceiling): (i64, i64, String, i64) = sqlx::query_as(
        "SELECT allow_sms, allow_questions, sms_calling_codes, sms_daily_ceiling \
         FROM domains WHERE id = $1",
    )
    .bind(&caller.domain_id)
    .fetch_one(&db.pool)
    .await?;
    let now = ctx.now();
    let day = Counter::SmsDomainDay(&caller.domain_id, ceiling);
    let sent = limits::load(db, &day)
        .await?
        .filter(|state| now - state.window_start < day.limit().window)
        .map_or(0, |state| state.count);
    Ok(DomainPolicy {
        domain: caller.domain.clone(),
        keywords: rules.rules.keywords,
        preset: rules.rules.preset,
        history: rules.history,
        allow_sms: allow_sms != 0,
        allow_questions: allow_questions != 0,
        sms_calling_codes: shown_codes(&crate::sms_code::caps::stored_codes(&codes)),
        sms_daily_ceiling: ceiling,
        sms_sent_today: sent,
        recovery: super::recovery_settings::load(db, &caller.domain_id).await?,
    })
}

/// Stores the cleaned list, one keyword a line as written, or refuses the
/// whole list with every problem in it (nothing is saved then).
pub async fn save_keywords(ctx: &Ctx, caller: &Postmaster, text: &str) -> Result<()> {
    let keywords = parse_keywords(text).map_err(UserError::Keywords)?;
    let now = ctx.now();
    let detail = format!("{} keywords", keywords.len());
    let mut tx = ctx.db.pool.begin().await?;
    sqlx::query("UPDATE domains SET weak_keywords = $1 WHERE id = $2")
        .bind(keywords.join("\n"))
        .bind(&caller.domain_id)
        .execute(&mut *tx)
        .await?;
    caller
        .event(AuditAction::KeywordsChanged, &caller.domain)
        .detail(&detail)
        .record(&mut *tx, now)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn save_recovery_methods(
    ctx: &Ctx,
    caller: &Postmaster,
    sms: bool,
    questions: bool,
) -> Result<()> {
    let now = ctx.now();
    let on = |flag: bool| if flag { "on" } else { "off" };
    let detail = format!("sms {}, questions {}", on(sms), on(questions));
    let mut tx = ctx.db.pool.begin().await?;
    sqlx::query("UPDATE domains SET allow_sms = $1, allow_questions = $2 WHERE id = $3")
        .bind(i64::from(sms))
        .bind(i64::from(questions))
        .bind(&caller.domain_id)
        .execute(&mut *tx)
        .await?;
    // Recoveries of the domain's accounts that use a method now switched
    // off end, grants they won included.
    sqlx::query(
        "UPDATE recovery_flows SET expires_at = $1, grant_expires_at = NULL, code_hash = NULL \
         WHERE expires_at > $1 AND step <> 'done' \
         AND ((method = 'sms' AND $2 = 0) OR (method = 'questions' AND $3 = 0)) \
         AND account_id IN (SELECT id FROM mail_accounts WHERE domain_id = $4)",
    )
    .bind(now)
    .bind(i64::from(sms))
    .bind(i64::from(questions))
    .bind(&caller.domain_id)
    .execute(&mut *tx)
    .await?;
    caller
        .event(AuditAction::RecoveryMethodsChanged, &caller.domain)
        .detail(&detail)
        .record(&mut *tx, now)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// `+86, +852`.
fn shown_codes(codes: &[u16]) -> String {
    codes
        .iter()
        .map(|code| format!("+{code}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Stores the domain's SMS limits, or refuses them (nothing saved). A
/// ceiling raised above what was sent today lifts the day's lock at once.
pub async fn save_sms_limits(
    ctx: &Ctx,
    caller: &Postmaster,
    calling_codes: &str,
    daily_ceiling: &str,
) -> Result<()> {
    let codes = parse_calling_codes(calling_codes).map_err(UserError::Invalid)?;
    let ceiling = parse_sms_ceiling(daily_ceiling).map_err(UserError::Invalid)?;
    let stored: Vec<String> = codes.iter().map(u16::to_string).collect();
    let detail = format!(
        "calling codes {}, daily ceiling {ceiling}",
        shown_codes(&codes)
    );
    let now = ctx.now();
    let mut tx = ctx.db.pool.begin().await?;
    sqlx::query("UPDATE domains SET sms_calling_codes = $1, sms_daily_ceiling = $2 WHERE id = $3")
        .bind(stored.join(","))
        .bind(ceiling)
        .bind(&caller.domain_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE counters SET locked_until = NULL WHERE key = $1 AND count < $2")
        .bind(Counter::SmsDomainDay(&caller.domain_id, ceiling).key())
        .bind(ceiling)
        .execute(&mut *tx)
        .await?;
    caller
        .event(AuditAction::SmsLimitsChanged, &caller.domain)
        .detail(&detail)
        .record(&mut *tx, now)
        .await?;
    tx.commit().await?;
    Ok(())
}
