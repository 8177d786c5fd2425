//! The caps that keep SMS from being pumped (sent in bulk to numbers an
//! attacker profits from): a domain sends codes only to the calling codes
//! its postmaster allows (+86 by default), at most 3 an hour and 10 a day
//! to one number, 50 an hour to one calling code, and at most its daily
//! ceiling in all (200 by default; the postmaster sees the count and may
//! raise it). The domain's audit log records each refusal of a calling
//! code, and each cap reached (once a cap and window: the code that
//! reaches it is the last sent, the ones after it are refused).

use crate::request::Client;
use proto::admin::AuditAction;
use proto::error::UserError;

use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::audit::Event;
use crate::limits::Counter;

/// The domain an account's SMS are sent for, with its settings.
pub struct SmsDomain {
    pub id: String,
    /// The account the code is for (the audit event's actor).
    pub address: String,
    pub calling_codes: Vec<u16>,
    pub daily_ceiling: i64,
}

impl SmsDomain {
    pub async fn of_account(ctx: &Ctx, account_id: &str) -> Result<SmsDomain> {
        let (id, address, codes, ceiling): (String, String, String, i64) = sqlx::query_as(
            "SELECT d.id, a.address, d.sms_calling_codes, d.sms_daily_ceiling \
             FROM mail_accounts a JOIN domains d ON d.id = a.domain_id WHERE a.id = $1",
        )
        .bind(account_id)
        .fetch_one(&ctx.db.pool)
        .await?;
        Ok(SmsDomain {
            id,
            address,
            calling_codes: stored_codes(&codes),
            daily_ceiling: ceiling,
        })
    }

    pub fn allows(&self, calling_code: u16) -> bool {
        self.calling_codes.contains(&calling_code)
    }

    /// The caps one more code to `phone` (of `calling_code`) must pass.
    pub fn counters<'a>(&'a self, phone: &'a str, calling_code: u16) -> [Counter<'a>; 4] {
        [
            Counter::SmsNumberHour(phone),
            Counter::SmsNumberDay(phone),
            Counter::SmsCountry(&self.id, calling_code),
            Counter::SmsDomainDay(&self.id, self.daily_ceiling),
        ]
    }

    /// Records that a code to `phone` was refused, and why.
    pub async fn audit_refusal(
        &self,
        ctx: &Ctx,
        client: &Client,
        phone: &str,
        why: &str,
    ) -> Result<()> {
        let masked = crate::phone::mask_phone(phone);
        Event::by(
            &self.address,
            Some(&self.id),
            &client.addr,
            AuditAction::SmsRefused,
            &masked,
        )
        .detail(why)
        .record(&ctx.db.pool, ctx.now())
        .await?;
        Ok(())
    }
}

/// The calling codes as stored: digits separated by commas.
pub fn stored_codes(text: &str) -> Vec<u16> {
    text.split(',')
        .filter_map(|code| code.trim().parse().ok())
        .collect()
}

/// The country calling code of an E.164 number (`+8613800138000` → 86).
pub fn calling_code(e164: &str) -> Option<u16> {
    let parsed = phonenumber::parse(None, e164).ok()?;
    Some(parsed.code().value())
}

/// Why a cap refused, for the audit event, and what the person is told.
pub fn refusal(counter: &Counter<'_>) -> Option<(&'static str, UserError)> {
    Some(match counter {
        Counter::SmsNumberHour(_) => (
            "3 codes to this number in an hour",
            UserError::SmsNumberLimit,
        ),
        Counter::SmsNumberDay(_) => (
            "10 codes to this number in a day",
            UserError::SmsNumberLimit,
        ),
        Counter::SmsCountry(..) => (
            "50 codes to this calling code in an hour",
            UserError::SmsDomainLimit,
        ),
        Counter::SmsDomainDay(..) => ("the domain's daily SMS ceiling", UserError::SmsDomainLimit),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::{calling_code, stored_codes};

    #[test]
    fn calling_codes_come_from_the_numbering_plan() {
        assert_eq!(calling_code("+8613800138000"), Some(86));
        assert_eq!(calling_code("+85251234567"), Some(852));
        assert_eq!(calling_code("+447700900123"), Some(44));
        assert_eq!(stored_codes("86, 852,x,"), [86, 852]);
    }
}
