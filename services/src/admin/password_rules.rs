//! The domain's preset and password history (docs/policy.md "Presets" and
//! "Password history"): checked together, because a preset may require a
//! longer history (`pci-dss-4`: at least 4), and saved with the previous
//! passwords the new setting no longer needs dropped at once.

use proto::admin::AuditAction;
use proto::error::{Invalid, UserError};
use proto::policy::{Preset, MAX_HISTORY};

use super::caller::Postmaster;
use crate::ctx::Ctx;
use crate::error::Result;

/// The preset key and the history count as a form sends them.
pub fn parse(preset: &str, history: &str) -> std::result::Result<(Preset, u32), Invalid> {
    let preset = Preset::from_key(preset.trim()).ok_or(Invalid::UnknownPreset)?;
    let range = Invalid::HistoryRange {
        min: preset.min_history(),
        max: MAX_HISTORY,
    };
    let history: u32 = history.trim().parse().map_err(|_| range.clone())?;
    if !(preset.min_history()..=MAX_HISTORY).contains(&history) {
        return Err(range);
    }
    Ok((preset, history))
}

/// Stores the preset and history, or refuses them (nothing saved).
pub async fn save(ctx: &Ctx, caller: &Postmaster, preset: &str, history: &str) -> Result<()> {
    let (preset, history) = parse(preset, history).map_err(UserError::Invalid)?;
    let now = ctx.now();
    let detail = format!("preset {}, history {history}", preset.key());
    let mut tx = ctx.db.pool.begin().await?;
    sqlx::query("UPDATE domains SET policy_preset = $1, password_history = $2 WHERE id = $3")
        .bind(preset.key())
        .bind(i64::from(history))
        .bind(&caller.domain_id)
        .execute(&mut *tx)
        .await?;
    crate::accounts::history::trim_domain(&mut tx, &caller.domain_id, history).await?;
    caller
        .event(AuditAction::PasswordRulesChanged, &caller.domain)
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
    fn a_preset_and_a_history_in_range_are_read() {
        assert_eq!(parse("standard", "5"), Ok((Preset::Standard, 5)));
        assert_eq!(parse(" pci-dss-4 ", "4"), Ok((Preset::PciDss4, 4)));
        assert_eq!(parse("nist-800-63b-4", "0"), Ok((Preset::Nist80063b4, 0)));
        assert_eq!(parse("standard", "24"), Ok((Preset::Standard, 24)));
    }

    #[test]
    fn what_is_out_of_range_or_unknown_is_refused_with_its_range() {
        assert_eq!(parse("fips", "5"), Err(Invalid::UnknownPreset));
        let pci = Invalid::HistoryRange { min: 4, max: 24 };
        assert_eq!(parse("pci-dss-4", "3"), Err(pci.clone()));
        assert_eq!(parse("pci-dss-4", "x"), Err(pci));
        let standard = Invalid::HistoryRange { min: 0, max: 24 };
        assert_eq!(parse("standard", "25"), Err(standard.clone()));
        assert_eq!(parse("standard", "-1"), Err(standard.clone()));
        assert_eq!(parse("standard", ""), Err(standard));
    }
}
