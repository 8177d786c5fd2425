//! The Overview: what a postmaster should see first. Every figure is one
//! indexed query: readiness reads the name-order index of Employee
//! Accounts (it holds the phone and the questions flag), the days read
//! the audit trail's `(domain_id, action, at)` index, and the two counts
//! are the list's own filters, so each figure equals the list it links to.

use proto::admin::{AuditAction, DayCounts, Overview, Readiness, StatusFilter, OVERVIEW_DAYS};
use proto::time::{day_of, DAY_MS};

use super::caller::Postmaster;
use super::employees::{bind_all, Bind, Conditions, Methods};
use crate::ctx::Ctx;
use crate::error::Result;

/// What the chart's four series count.
const SERIES: [AuditAction; 4] = [
    AuditAction::PasswordRecovered,
    AuditAction::PasswordReset,
    AuditAction::LogonLocked,
    AuditAction::AccountUnlocked,
];

pub async fn overview(ctx: &Ctx, caller: &Postmaster) -> Result<Overview> {
    let now = ctx.now();
    // Four reads on their own connections at once: the page waits for the
    // longest, not for the sum.
    let (readiness, days, locked_now, must_change) = tokio::try_join!(
        readiness(ctx, caller),
        days(ctx, caller, now),
        count(ctx, caller, StatusFilter::Locked, now),
        count(ctx, caller, StatusFilter::MustChange, now),
    )?;
    Ok(Overview {
        readiness,
        days,
        locked_now,
        must_change,
    })
}

async fn readiness(ctx: &Ctx, caller: &Postmaster) -> Result<Readiness> {
    let methods = Methods::of(ctx, caller).await?;
    let sql = format!(
        "SELECT CAST(CASE WHEN {} THEN 1 ELSE 0 END AS BIGINT) AS sms, \
                CAST(CASE WHEN {} THEN 1 ELSE 0 END AS BIGINT) AS questions, COUNT(*) \
         FROM mail_accounts a WHERE a.domain_id = $1 GROUP BY 1, 2",
        methods.sms, methods.questions
    );
    let groups: Vec<(i64, i64, i64)> = sqlx::query_as(&sql)
        .bind(&caller.domain_id)
        .fetch_all(&ctx.db.pool)
        .await?;
    let mut readiness = Readiness::default();
    for (sms, questions, count) in groups {
        let slot = match (sms != 0, questions != 0) {
            (true, true) => &mut readiness.both,
            (true, false) => &mut readiness.sms_only,
            (false, true) => &mut readiness.questions_only,
            (false, false) => &mut readiness.none,
        };
        *slot += count;
    }
    Ok(readiness)
}

async fn days(ctx: &Ctx, caller: &Postmaster, now: i64) -> Result<Vec<DayCounts>> {
    let first = day_of(now) - (OVERVIEW_DAYS as i64 - 1) * DAY_MS;
    let mut days: Vec<DayCounts> = (0..OVERVIEW_DAYS as i64)
        .map(|n| DayCounts {
            day: first + n * DAY_MS,
            ..DayCounts::default()
        })
        .collect();
    let keys: Vec<String> = SERIES.iter().map(|a| format!("'{}'", a.key())).collect();
    let sql = format!(
        "SELECT action, (at - $2) / {DAY_MS} AS day, COUNT(*) FROM audit_events \
         WHERE domain_id = $1 AND action IN ({}) AND at >= $2 \
         GROUP BY action, (at - $2) / {DAY_MS}",
        keys.join(", ")
    );
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(&sql)
        .bind(&caller.domain_id)
        .bind(first)
        .fetch_all(&ctx.db.pool)
        .await?;
    for (action, day, count) in rows {
        let Some(day) = usize::try_from(day).ok().and_then(|d| days.get_mut(d)) else {
            // An event stamped after now (a clock stepped back).
            continue;
        };
        let slot = match AuditAction::from_key(&action) {
            Some(AuditAction::PasswordRecovered) => &mut day.self_service,
            Some(AuditAction::PasswordReset) => &mut day.postmaster,
            Some(AuditAction::LogonLocked) => &mut day.lockouts,
            Some(AuditAction::AccountUnlocked) => &mut day.unlocks,
            _ => continue,
        };
        *slot += count;
    }
    Ok(days)
}

/// The total of Employee Accounts filtered by `status`.
async fn count(ctx: &Ctx, caller: &Postmaster, status: StatusFilter, now: i64) -> Result<i64> {
    let mut conditions = Conditions::of_domain(caller);
    conditions.status(status, now);
    let sql = format!(
        "SELECT COUNT(*) FROM mail_accounts a WHERE {}",
        conditions.where_clause()
    );
    Ok(bind_all!(sqlx::query_scalar(&sql), &conditions.binds)
        .fetch_one(&ctx.db.pool)
        .await?)
}
