//! What a mail account is asked about its recovery methods after a web
//! logon: to set one up when it has none the domain allows ("Skip for now"
//! at most [`MAX_SKIPS`] times, never when the domain requires the setup),
//! or to reconfirm them once the domain's period has passed.

use proto::admin::AuditAction;
use proto::auth::{landing_path, Role};
use proto::error::UserError;
use proto::report::{RecoveryPrompt, MAX_SKIPS};

use crate::accounts::{signed_in_account, MailAccount};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::db::Flag;
use crate::phone::mask_phone;
use crate::request::Request;

/// Where the two prompts live.
pub const SETUP_PATH: &str = "/settings/recovery";
pub const RECONFIRM_PATH: &str = "/settings/confirm-recovery";

const DAY_MS: i64 = 86_400_000;

/// An account's methods and its domain's settings, as the prompts need them.
#[derive(sqlx::FromRow)]
struct State {
    #[sqlx(try_from = "i64")]
    allow_sms: Flag,
    #[sqlx(try_from = "i64")]
    allow_questions: Flag,
    #[sqlx(try_from = "i64")]
    setup_required: Flag,
    reconfirm_days: i64,
    phone: Option<String>,
    questions: i64,
    skips: i64,
    confirmed_at: Option<i64>,
}

impl State {
    /// The bound phone, when the domain allows SMS.
    fn phone(&self) -> Option<&str> {
        self.phone.as_deref().filter(|_| self.allow_sms.is_set())
    }

    fn has_questions(&self) -> bool {
        self.allow_questions.is_set() && self.questions > 0
    }

    fn needs_setup(&self) -> bool {
        (self.allow_sms.is_set() || self.allow_questions.is_set())
            && self.phone().is_none()
            && !self.has_questions()
    }

    fn skips_left(&self) -> u32 {
        if self.setup_required.is_set() {
            return 0;
        }
        let used = u32::try_from(self.skips.max(0)).unwrap_or(u32::MAX);
        MAX_SKIPS.saturating_sub(used)
    }
}

async fn state(ctx: &Ctx, account_id: &str) -> Result<Option<State>> {
    Ok(sqlx::query_as(
        "SELECT d.allow_sms, d.allow_questions, d.recovery_setup_required AS setup_required, \
                d.reconfirm_days, \
                CASE WHEN a.phone_verified_at IS NOT NULL THEN a.phone END AS phone, \
                (SELECT COUNT(*) FROM security_questions q WHERE q.account_id = a.id) \
                    AS questions, \
                a.recovery_skips AS skips, a.recovery_confirmed_at AS confirmed_at \
         FROM mail_accounts a JOIN domains d ON d.id = a.domain_id WHERE a.id = $1",
    )
    .bind(account_id)
    .fetch_optional(&ctx.db.pool)
    .await?)
}

/// What the account is asked now, if anything. An account whose methods
/// were never confirmed (they were set before confirmations were kept)
/// starts its period now instead of being asked.
pub async fn due(ctx: &Ctx, account_id: &str) -> Result<Option<RecoveryPrompt>> {
    let Some(state) = state(ctx, account_id).await? else {
        return Ok(None);
    };
    if state.needs_setup() {
        return Ok(Some(RecoveryPrompt::Setup {
            skips_left: state.skips_left(),
        }));
    }
    let has_any = state.phone().is_some() || state.has_questions();
    if !has_any || state.reconfirm_days <= 0 {
        return Ok(None);
    }
    let now = ctx.now();
    let Some(confirmed_at) = state.confirmed_at else {
        confirmed(&ctx.db.pool, account_id, now).await?;
        return Ok(None);
    };
    if now - confirmed_at < state.reconfirm_days.saturating_mul(DAY_MS) {
        return Ok(None);
    }
    let questions = if state.has_questions() {
        super::question_texts(&ctx.db, account_id).await?
    } else {
        Vec::new()
    };
    Ok(Some(RecoveryPrompt::Reconfirm {
        phone: state.phone().map(mask_phone),
        questions,
    }))
}

/// Where a mail account goes after its web logon (or its forced password
/// change): Change Password first, then a recovery prompt that is due,
/// else its home.
pub async fn landing(ctx: &Ctx, account_id: &str, role: Role, must_change: bool) -> Result<String> {
    if must_change {
        return Ok(landing_path(role, true).to_owned());
    }
    Ok(match due(ctx, account_id).await? {
        Some(RecoveryPrompt::Setup { .. }) => SETUP_PATH.to_owned(),
        Some(RecoveryPrompt::Reconfirm { .. }) => RECONFIRM_PATH.to_owned(),
        None => landing_path(role, false).to_owned(),
    })
}

/// The signed-in account's prompt, for its page.
pub async fn prompt(ctx: &Ctx, request: &Request) -> Result<Option<RecoveryPrompt>> {
    let (account, _) = signed_in_account(ctx, request, false).await?;
    due(ctx, &account.id).await
}

/// "Skip for now": counted, and refused when no skip is left. Answers
/// where the account goes next.
pub async fn skip(ctx: &Ctx, request: &Request) -> Result<String> {
    let (account, _) = signed_in_account(ctx, request, false).await?;
    let now = ctx.now();
    match due(ctx, &account.id).await? {
        Some(RecoveryPrompt::Setup { skips_left: 0 }) => {
            return Err(UserError::RecoverySetupRequired.into())
        }
        Some(RecoveryPrompt::Setup { .. }) => {}
        // Set up meanwhile (another tab): nothing to skip.
        _ => return landing(ctx, &account.id, account.role, false).await,
    }
    let mut tx = ctx.db.pool.begin().await?;
    // Counted under its cap, so two skips sent at once use two.
    let counted = sqlx::query(
        "UPDATE mail_accounts SET recovery_skips = recovery_skips + 1 \
         WHERE id = $1 AND recovery_skips < $2",
    )
    .bind(&account.id)
    .bind(i64::from(MAX_SKIPS))
    .execute(&mut *tx)
    .await?;
    if counted.rows_affected() != 1 {
        return Err(UserError::RecoverySetupRequired.into());
    }
    record(&account, request, AuditAction::RecoverySetupSkipped)
        .record(&mut *tx, now)
        .await?;
    tx.commit().await?;
    Ok(landing_path(account.role, false).to_owned())
}

/// "These are correct": the period starts again.
pub async fn confirm(ctx: &Ctx, request: &Request) -> Result<String> {
    let (account, _) = signed_in_account(ctx, request, false).await?;
    let now = ctx.now();
    let mut tx = ctx.db.pool.begin().await?;
    confirmed(&mut *tx, &account.id, now).await?;
    record(&account, request, AuditAction::RecoveryConfirmed)
        .record(&mut *tx, now)
        .await?;
    tx.commit().await?;
    Ok(landing_path(account.role, false).to_owned())
}

fn record<'a>(
    account: &'a MailAccount,
    request: &'a Request,
    action: AuditAction,
) -> crate::infra::audit::Event<'a> {
    account.holder(&request.client.addr).event(action)
}

/// The account's recovery methods were set or confirmed at `now`; part of
/// the caller's transaction.
pub async fn confirmed<'e, E>(executor: E, account_id: &str, now: i64) -> Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query("UPDATE mail_accounts SET recovery_confirmed_at = $1 WHERE id = $2")
        .bind(now)
        .bind(account_id)
        .execute(executor)
        .await?;
    Ok(())
}
