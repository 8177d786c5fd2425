//! SMS verification codes, for Forgot Password and for binding a phone
//! alike: made, read back from a form, admitted under the SMS limits the
//! two share, and judged with the try counted first.

use app::error::{Invalid, UserError};
use app::request::Client;
use app::secret::Secret;
use rand::Rng;

use crate::accounts::AccountId;
use crate::clock::MINUTE;
use crate::ctx::Ctx;
use crate::error::Result;
use crate::limits::{self, Counter};
use crate::passwords::{PasswordHashString, Verified};

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

/// Admits one more SMS code to the account: no sooner than 60 s after the
/// last, at most 5 an hour per account and 20 per client address, whichever
/// flow sends.
pub async fn admit(ctx: &Ctx, client: &Client, account_id: &AccountId) -> Result<()> {
    let db = &ctx.db;
    let now = ctx.now();
    let counters = [
        Counter::SmsCooldown(account_id),
        Counter::SmsAccount(account_id),
        Counter::SmsClient(&client.limit_key),
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
        if !limits::try_consume(db, counter, now).await? {
            let wait = limits::locked_for(db, counter, now).await?;
            return Err(refusal(counter, wait).into());
        }
    }
    Ok(())
}

fn refusal(counter: &Counter<'_>, wait_ms: i64) -> UserError {
    match counter {
        Counter::SmsCooldown(_) => UserError::ResendTooSoon((wait_ms + 999) / 1000),
        _ => UserError::SmsLimit,
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
