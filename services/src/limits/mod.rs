//! Attempt counters, rate limits and lockouts, kept in the database so
//! several app instances count together. An attempt takes its slot with
//! one conditional `UPDATE ... RETURNING` *before* anything expensive is
//! judged ([`reserve`]): the statement refuses once the cap is reached, so
//! however many requests arrive at once, on however many instances, at most
//! `max` of them are ever judged in a window. Every counter is named by a
//! [`Counter`], which also knows its limit (docs/product.md lists them).

use anyhow::Context;

use crate::infra::clock::{HOUR, MINUTE, SECOND};
use crate::infra::db::Db;

mod counter;

pub use counter::Counter;

/// At most `max` events in a window of `window` ms; reaching it locks the
/// key for `lock` ms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub max: i64,
    pub window: i64,
    pub lock: i64,
}

impl Limit {
    /// `max` in `window`; reaching it locks for as long as the window.
    pub const fn new(max: i64, window: i64) -> Limit {
        Limit {
            max,
            window,
            lock: window,
        }
    }
}

/// 5 failed logons from strangers in 15 minutes lock the account for
/// strangers for 15 minutes (its familiar sources still log on).
pub const FAILED_LOGONS_PER_ACCOUNT: Limit = Limit::new(5, 15 * MINUTE);

/// At most 100 failed logons from strangers a day per account (NIST SP
/// 800-63B's ceiling): reaching it locks strangers out for a day.
pub const STRANGER_FAILURES_PER_DAY: Limit = Limit::new(100, 24 * HOUR);

/// A familiar source of an account (a browser with its device cookie, a
/// mail client address that logged on before) has a budget of its own:
/// 5 failures in 15 minutes lock that source for 15 minutes.
pub const FAILED_LOGONS_PER_FAMILIAR_SOURCE: Limit = Limit::new(5, 15 * MINUTE);

/// At most 100 failed logons an hour per client address.
pub const FAILED_LOGONS_PER_CLIENT: Limit = Limit::new(100, HOUR);

/// 5 wrong current passwords in 15 minutes lock the actions that need one
/// (changing the password, binding a phone, setting questions) for 15
/// minutes, like logons.
pub const WRONG_CURRENT_PASSWORDS: Limit = Limit::new(5, 15 * MINUTE);

/// Resend no sooner than 60 s (one SMS, then locked 60 s).
pub const RESEND_COOLDOWN: Limit = Limit::new(1, 60 * SECOND);

/// At most 5 SMS per account per hour.
pub const SMS_PER_ACCOUNT: Limit = Limit::new(5, HOUR);

/// At most 20 SMS per client address per hour.
pub const SMS_PER_CLIENT: Limit = Limit::new(20, HOUR);

/// At most 3 SMS codes to one number an hour...
pub const SMS_PER_NUMBER_HOUR: Limit = Limit::new(3, HOUR);

/// ...and 10 a day.
pub const SMS_PER_NUMBER_DAY: Limit = Limit::new(10, 24 * HOUR);

/// At most 50 SMS codes an hour from one domain to one calling code.
pub const SMS_PER_CALLING_CODE: Limit = Limit::new(50, HOUR);

/// A domain's SMS codes a day: the default ceiling (the domain's own,
/// `domains.sms_daily_ceiling`, replaces `max`).
pub const SMS_PER_DOMAIN_DAY: Limit = Limit::new(200, 24 * HOUR);

/// New Forgot Password images per client address and hour.
pub const IMAGES_PER_CLIENT: Limit = Limit::new(300, HOUR);

/// 5 failed question flows in 24 hours lock the method for the account.
pub const QUESTION_FAILURES: Limit = Limit::new(5, 24 * HOUR);

/// One SMS per account and lock period says that strangers locked it.
pub const LOCK_NOTICES: Limit = Limit::new(1, 15 * MINUTE);

/// Every limit a counter is kept for (the janitor's test finds any `Limit`
/// constant missing here).
pub const ALL: [Limit; 15] = [
    LOCK_NOTICES,
    FAILED_LOGONS_PER_ACCOUNT,
    STRANGER_FAILURES_PER_DAY,
    FAILED_LOGONS_PER_FAMILIAR_SOURCE,
    FAILED_LOGONS_PER_CLIENT,
    WRONG_CURRENT_PASSWORDS,
    RESEND_COOLDOWN,
    SMS_PER_ACCOUNT,
    SMS_PER_CLIENT,
    SMS_PER_NUMBER_HOUR,
    SMS_PER_NUMBER_DAY,
    SMS_PER_CALLING_CODE,
    SMS_PER_DOMAIN_DAY,
    IMAGES_PER_CLIENT,
    QUESTION_FAILURES,
];

/// The longest window of any limit: a counter whose window started this
/// long ago, and which no lock holds, counts afresh under every limit, so
/// the janitor may delete it.
pub const LONGEST_WINDOW: i64 = longest_window(&ALL);

const fn longest_window(limits: &[Limit]) -> i64 {
    let mut longest = 0;
    let mut i = 0;
    while i < limits.len() {
        if limits[i].window > longest {
            longest = limits[i].window;
        }
        i += 1;
    }
    longest
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct CounterState {
    pub window_start: i64,
    pub count: i64,
    pub locked_until: Option<i64>,
}

impl CounterState {
    pub fn is_locked(&self, now: i64) -> bool {
        self.locked_until.is_some_and(|until| now < until)
    }
}

/// A slot [`reserve`] took: which one of the window it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    /// 1 for the first attempt of the window, `limit.max` for the last.
    pub number: i64,
    pub window_start: i64,
    /// This slot was the last one: the key is locked from now on.
    pub locked_it: bool,
}

/// Takes one slot of `key`, or `None` when the key is locked (the cap is
/// reached). One statement decides and counts (an upsert), so the database
/// serialises concurrent callers: no two get the same slot and none gets
/// one past the cap. A window that has run out, or a lock that has
/// expired, starts counting afresh.
pub async fn reserve(db: &Db, counter: &Counter<'_>, now: i64) -> anyhow::Result<Option<Slot>> {
    let key = &counter.key();
    let limit = counter.limit();
    // `fresh`: the old window or lock is over. Every right-hand side reads
    // the row as it was before this statement (both engines).
    const FRESH: &str = "((counters.locked_until IS NOT NULL AND counters.locked_until <= $2) \
                          OR $2 - counters.window_start >= $3)";
    let sql = format!(
        "INSERT INTO counters (key, window_start, count, locked_until) \
         VALUES ($1, $2, 1, CASE WHEN 1 >= $4 THEN $2 + $5 ELSE NULL END) \
         ON CONFLICT (key) DO UPDATE SET \
           window_start = CASE WHEN {FRESH} THEN $2 ELSE counters.window_start END, \
           count = CASE WHEN {FRESH} THEN 1 ELSE counters.count + 1 END, \
           locked_until = CASE WHEN (CASE WHEN {FRESH} THEN 1 ELSE counters.count + 1 END) >= $4 \
                          THEN $2 + $5 ELSE NULL END \
         WHERE counters.locked_until IS NULL OR counters.locked_until <= $2 \
         RETURNING count, window_start, locked_until"
    );
    let row: Option<(i64, i64, Option<i64>)> = sqlx::query_as(&sql)
        .bind(key)
        .bind(now)
        .bind(limit.window)
        .bind(limit.max)
        .bind(limit.lock)
        .fetch_optional(&db.pool)
        .await
        .context("reserve a counter slot")?;
    Ok(row.map(|(number, window_start, locked_until)| Slot {
        number,
        window_start,
        locked_it: locked_until.is_some(),
    }))
}

/// Gives a slot back (the attempt turned out not to count, e.g. a right
/// password against a per-client cap of failures). Only within the window
/// the slot was taken in; a lock this slot set is lifted, one set since
/// by others stays, and so does a longer lock imposed on the key (the
/// strangers' daily ceiling).
pub async fn release(db: &Db, counter: &Counter<'_>, slot: Slot) -> anyhow::Result<()> {
    let key = &counter.key();
    sqlx::query(
        "UPDATE counters SET count = count - 1, \
           locked_until = CASE WHEN count = $3 AND $4 = 1 AND locked_until <= $2 + $5 \
                          THEN NULL ELSE locked_until END \
         WHERE key = $1 AND window_start = $2 AND count > 0",
    )
    .bind(key)
    .bind(slot.window_start)
    .bind(slot.number)
    .bind(i64::from(slot.locked_it))
    // A lock this slot set ends at most a window and a lock after the
    // window began; a later end is a longer lock imposed since.
    .bind(counter.limit().window + counter.limit().lock)
    .execute(&db.pool)
    .await
    .context("release a counter slot")?;
    // A counter back at nothing stays (the next reserve reuses it; the
    // janitor removes it once its window is over).
    Ok(())
}

/// Gives back one counted attempt of `counter` whose slot is not at hand
/// (the mail server reports the outcome apart from the check that took
/// it). A lock stays only while the count still reaches the cap: an
/// attempt that turned out not to count does not keep the key locked.
pub async fn release_one(db: &Db, counter: &Counter<'_>, now: i64) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE counters SET count = count - 1, \
           locked_until = CASE WHEN count - 1 < $3 AND locked_until <= $2 + $4 \
                          THEN NULL ELSE locked_until END \
         WHERE key = $1 AND count > 0 AND (locked_until IS NULL OR locked_until > $2)",
    )
    .bind(counter.key())
    .bind(now)
    .bind(counter.limit().max)
    .bind(counter.limit().lock)
    .execute(&db.pool)
    .await
    .context("release a counted attempt")?;
    Ok(())
}

/// Whether `key` is locked by attempts other than the caller's own `slot`:
/// checked after judging, since others may have filled the remaining slots
/// meanwhile. The slot that locked the key itself does not count against
/// its own holder (every other attempt was refused while it was judged).
pub async fn locked_by_others(
    db: &Db,
    counter: &Counter<'_>,
    slot: Slot,
    now: i64,
) -> anyhow::Result<bool> {
    Ok(load(db, counter).await?.is_some_and(|state| {
        state.is_locked(now) && !(slot.locked_it && state.window_start == slot.window_start)
    }))
}

pub async fn load(db: &Db, counter: &Counter<'_>) -> anyhow::Result<Option<CounterState>> {
    sqlx::query_as("SELECT window_start, count, locked_until FROM counters WHERE key = $1")
        .bind(counter.key())
        .fetch_optional(&db.pool)
        .await
        .context("load counter")
}

pub async fn is_locked(db: &Db, counter: &Counter<'_>, now: i64) -> anyhow::Result<bool> {
    Ok(load(db, counter)
        .await?
        .is_some_and(|state| state.is_locked(now)))
}

/// Admits one event unless the cap is reached: [`reserve`], for limits
/// where every admitted event counts (SMS sent, images made).
pub async fn try_consume(db: &Db, counter: &Counter<'_>, now: i64) -> anyhow::Result<bool> {
    Ok(reserve(db, counter, now).await?.is_some())
}

/// Milliseconds until the key unlocks (0 when it is not locked).
pub async fn locked_for(db: &Db, counter: &Counter<'_>, now: i64) -> anyhow::Result<i64> {
    Ok(locked_until(db, counter)
        .await?
        .map_or(0, |until| (until - now).max(0)))
}

/// When the counter's lock ends (ms), if it was ever locked.
pub async fn locked_until(db: &Db, counter: &Counter<'_>) -> anyhow::Result<Option<i64>> {
    Ok(load(db, counter)
        .await?
        .and_then(|state| state.locked_until))
}

/// Forgets the counter (a lockout that guarded a password just replaced,
/// or failures a right answer ends); part of the caller's transaction.
pub async fn clear<'e, E>(executor: E, counter: &Counter<'_>) -> anyhow::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query("DELETE FROM counters WHERE key = $1")
        .bind(counter.key())
        .execute(executor)
        .await
        .context("clear counter")?;
    Ok(())
}
