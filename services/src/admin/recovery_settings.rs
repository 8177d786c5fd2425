//! The domain's recovery lifecycle settings (docs/product.md, "Recovery
//! lifecycle"): whether setting up a recovery method at logon may be
//! skipped, how often employees reconfirm their methods, and how long a
//! phone that replaced another waits before Forgot Password offers it.

use proto::admin::AuditAction;
use proto::error::{Invalid, UserError};
use proto::report::{RecoverySettings, MAX_PHONE_COOLDOWN_HOURS, MAX_RECONFIRM_DAYS};

use super::caller::Postmaster;
use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::db::Db;

/// The settings as the form sends them: the checkbox (present when
/// ticked), the days and the hours.
pub fn parse(
    required: bool,
    reconfirm_days: &str,
    cooldown_hours: &str,
) -> std::result::Result<RecoverySettings, Invalid> {
    let in_range = |text: &str, max: u32| {
        text.trim()
            .parse::<u32>()
            .ok()
            .filter(|value| *value <= max)
    };
    Ok(RecoverySettings {
        setup_required: required,
        reconfirm_days: in_range(reconfirm_days, MAX_RECONFIRM_DAYS).ok_or(
            Invalid::ReconfirmDaysRange {
                max: MAX_RECONFIRM_DAYS,
            },
        )?,
        phone_cooldown_hours: in_range(cooldown_hours, MAX_PHONE_COOLDOWN_HOURS).ok_or(
            Invalid::CooldownRange {
                max: MAX_PHONE_COOLDOWN_HOURS,
            },
        )?,
    })
}

pub async fn load(db: &Db, domain_id: &str) -> Result<RecoverySettings> {
    let (required, days, hours): (i64, i64, i64) = sqlx::query_as(
        "SELECT recovery_setup_required, reconfirm_days, phone_cooldown_hours \
         FROM domains WHERE id = $1",
    )
    .bind(domain_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(RecoverySettings {
        setup_required: required != 0,
        reconfirm_days: u32::try_from(days).unwrap_or_default(),
        phone_cooldown_hours: u32::try_from(hours).unwrap_or_default(),
    })
}

/// Stores the settings, or refuses them (nothing saved).
pub async fn save(
    ctx: &Ctx,
    caller: &Postmaster,
    required: bool,
    reconfirm_days: &str,
    cooldown_hours: &str,
) -> Result<()> {
    let settings = parse(required, reconfirm_days, cooldown_hours).map_err(UserError::Invalid)?;
    let now = ctx.now();
    let detail = format!(
        "setup {}, reconfirm {} days, cooldown {} hours",
        if settings.setup_required {
            "required"
        } else {
            "skippable"
        },
        settings.reconfirm_days,
        settings.phone_cooldown_hours
    );
    let mut tx = ctx.db.pool.begin().await?;
    sqlx::query(
        "UPDATE domains SET recovery_setup_required = $1, reconfirm_days = $2, \
         phone_cooldown_hours = $3 WHERE id = $4",
    )
    .bind(i64::from(settings.setup_required))
    .bind(i64::from(settings.reconfirm_days))
    .bind(i64::from(settings.phone_cooldown_hours))
    .bind(&caller.domain_id)
    .execute(&mut *tx)
    .await?;
    caller
        .event(AuditAction::RecoverySettingsChanged, &caller.domain)
        .detail(&detail)
        .record(&mut *tx, now)
        .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_in_range_are_read_and_others_refused_with_their_range() {
        let read = parse(true, " 180 ", "72").unwrap();
        assert!(read.setup_required);
        assert_eq!((read.reconfirm_days, read.phone_cooldown_hours), (180, 72));
        assert_eq!(parse(false, "0", "0").unwrap().reconfirm_days, 0);
        let days = Invalid::ReconfirmDaysRange { max: 3650 };
        let hours = Invalid::CooldownRange { max: 720 };
        for bad in ["-1", "3651", "", "1e3", "ninety"] {
            assert_eq!(parse(false, bad, "72"), Err(days.clone()), "{bad}");
            assert_eq!(parse(false, "180", bad), Err(hours.clone()), "{bad}");
        }
    }
}
