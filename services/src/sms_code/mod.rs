//! SMS verification codes, for Forgot Password and for binding a phone
//! alike: made, read back from a form, admitted under the SMS limits the
//! two share, and judged with the try counted first.

pub mod caps;

use crate::request::Client;
use proto::error::{Invalid, UserError};
use proto::secret::Secret;
use rand::Rng;

use self::caps::SmsDomain;
use crate::accounts::AccountId;
use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::clock::MINUTE;
use crate::infra::passwords::{PasswordHashString, Verified};
use crate::limits::{self, Counter};

/// A code lives 10 minutes.
pub const CODE_TTL: i64 = 10 * MINUTE;
/// Five tries a code, in total, however they arrive.
pub const CODE_TRIES: i64 = 5;

/// Six digits; never printed.
pub struct SmsCode(String);

impl SmsCode {
    pub fn generate() -> Self {
        SmsCode(format!(
            "{:06}",
            rand::rngs::OsRng.gen_range(0..1_000_000u32)
        ))
    }

    /// The code as typed: six digits, spaces around ignored.
    pub fn parse(input: &Secret) -> Result<Self, UserError> {
        let code = input.expose().trim();
        if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
            return Err(UserError::Invalid(Invalid::EnterSmsCode));
        }
        Ok(SmsCode(code.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SmsCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SmsCode(***)")
    }
}

/// Admits one more SMS code to `phone` for the account: no sooner than
/// 60 s after the last, at most 5 an hour per account and 20 per client
/// address, whichever flow sends; and within the domain's caps
/// ([`caps`]: its calling codes, per number, per calling code, its daily
/// ceiling).
pub async fn admit(ctx: &Ctx, client: &Client, account_id: &AccountId, phone: &str) -> Result<()> {
    let db = &ctx.db;
    let now = ctx.now();
    let domain = SmsDomain::of_account(ctx, account_id).await?;
    let Some(calling) = caps::calling_code(phone).filter(|code| domain.allows(*code)) else {
        // Counted for the client, so refusals (and their audit rows) stay
        // within its hourly SMS cap.
        if !limits::try_consume(db, &Counter::SmsClient(&client.limit_key), now).await? {
            return Err(UserError::SmsLimit.into());
        }
        let code = caps::calling_code(phone).unwrap_or_default();
        let why = format!("calling code +{code} is not allowed");
        domain.audit_refusal(ctx, client, phone, &why).await?;
        return Err(UserError::SmsCountryNotAllowed.into());
    };
    let [number_hour, number_day, country, domain_day] = domain.counters(phone, calling);
    let counters = [
        Counter::SmsCooldown(account_id),
        Counter::SmsAccount(account_id),
        Counter::SmsClient(&client.limit_key),
        number_hour,
        number_day,
        country,
        domain_day,
    ];
    // First look (so a refusal uses up nothing), then count each one with a
    // compare-and-swap (so concurrent requests cannot slip past a cap).
    for counter in &counters {
        let wait = limits::locked_for(db, counter, now).await?;
        if wait > 0 {
            return Err(refusal(counter, wait).into());
        }
    }
    for counter in &counters {
        let Some(slot) = limits::reserve(db, counter, now).await? else {
            let wait = limits::locked_for(db, counter, now).await?;
            return Err(refusal(counter, wait).into());
        };
        // The code that reaches one of the domain's caps is sent, and
        // audited: from it on, the cap refuses (once a cap and window in
        // the log, however many are refused).
        if slot.locked_it {
            if let Some((why, _)) = caps::refusal(counter) {
                domain
                    .audit_refusal(ctx, client, phone, &format!("cap reached: {why}"))
                    .await?;
            }
        }
    }
    Ok(())
}

fn refusal(counter: &Counter<'_>, wait_ms: i64) -> UserError {
    match counter {
        Counter::SmsCooldown(_) => UserError::ResendTooSoon((wait_ms + 999) / 1000),
        other => caps::refusal(other).map_or(UserError::SmsLimit, |(_, error)| error),
    }
}

/// Seconds until the account may be sent another code.
pub async fn resend_in(ctx: &Ctx, account_id: &AccountId) -> Result<ResendWait> {
    let now = ctx.now();
    let until = limits::locked_until(&ctx.db, &Counter::SmsCooldown(account_id)).await?;
    let wait = until.map_or(0, |until| (until - now).max(0));
    Ok(ResendWait {
        seconds: (wait + 999) / 1000,
        until: until.unwrap_or(0),
    })
}

/// How long until a new code may be sent, and the moment (ms) the last
/// code's cooldown ends, which names that code (0: none is cooling down).
pub struct ResendWait {
    pub seconds: i64,
    pub until: i64,
}

/// Judges `code` against the stored hash, once its try has been counted:
/// `tries_used` is what the counting statement returned (this try
/// included), or `None` when it refused to count (the code is dead).
pub async fn judge(ctx: &Ctx, hash: &str, code: &SmsCode, tries_used: Option<i64>) -> Result<()> {
    let Some(tries_used) = tries_used else {
        return Err(UserError::CodeDead.into());
    };
    let stored = PasswordHashString::from_stored(hash.to_owned());
    if ctx.hasher.verify(Some(&stored), code.expose()).await? == Verified::No {
        let tries_left = CODE_TRIES - tries_used;
        return Err(if tries_left > 0 {
            UserError::CodeWrong { tries_left }
        } else {
            UserError::CodeDead
        }
        .into());
    }
    Ok(())
}
