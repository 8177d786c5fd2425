//! Attempt counters, rate limits and lockouts. The decision is a small pure
//! state machine (`CounterState`); the database keeps the state, updated
//! with a compare-and-swap so several app instances count together and no
//! increment is lost.

use anyhow::Context;
use sqlx::Row;

use crate::clock::{HOUR, MINUTE};
use crate::db::Db;

/// At most `max` events in a window of `window` ms; reaching it locks the
/// key for `lock` ms.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub max: i64,
    pub window: i64,
    pub lock: i64,
}

/// PRODUCT.md: 5 failed logons in 15 minutes lock the account for 15 minutes.
pub const FAILED_LOGONS_PER_ACCOUNT: Limit = Limit {
    max: 5,
    window: 15 * MINUTE,
    lock: 15 * MINUTE,
};

/// PRODUCT.md: at most 100 failed logons an hour per client address.
pub const FAILED_LOGONS_PER_CLIENT: Limit = Limit {
    max: 100,
    window: HOUR,
    lock: HOUR,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CounterState {
    pub window_start: i64,
    pub count: i64,
    pub locked_until: Option<i64>,
}

impl CounterState {
    pub fn is_locked(&self, now: i64) -> bool {
        self.locked_until.is_some_and(|until| now < until)
    }

    /// The state after one more event at `now`. A window that has run out,
    /// or a lock that has expired, starts counting afresh.
    pub fn after_event(previous: Option<CounterState>, limit: Limit, now: i64) -> CounterState {
        let fresh = CounterState {
            window_start: now,
            count: 0,
            locked_until: None,
        };
        let base = match previous {
            Some(state) if state.is_locked(now) => return state,
            Some(state) if state.locked_until.is_some() => fresh,
            Some(state) if now - state.window_start < limit.window => state,
            _ => fresh,
        };
        let count = base.count + 1;
        CounterState {
            window_start: base.window_start,
            count,
            locked_until: (count >= limit.max).then_some(now + limit.lock),
        }
    }
}

pub async fn load(db: &Db, key: &str) -> anyhow::Result<Option<CounterState>> {
    let row = sqlx::query("SELECT window_start, count, locked_until FROM counters WHERE key = $1")
        .bind(key)
        .fetch_optional(&db.pool)
        .await
        .context("load counter")?;
    Ok(row.map(|row| CounterState {
        window_start: row.get(0),
        count: row.get(1),
        locked_until: row.get(2),
    }))
}

pub async fn is_locked(db: &Db, key: &str, now: i64) -> anyhow::Result<bool> {
    Ok(load(db, key)
        .await?
        .is_some_and(|state| state.is_locked(now)))
}

/// Counts one event and returns the new state.
pub async fn record(db: &Db, key: &str, limit: Limit, now: i64) -> anyhow::Result<CounterState> {
    // Compare-and-swap: retry when another instance changed the row between
    // our read and our write.
    for _ in 0..50 {
        let previous = load(db, key).await?;
        let next = CounterState::after_event(previous, limit, now);
        if Some(next) == previous {
            return Ok(next);
        }
        let written = swap(db, key, previous, next).await?;
        if written {
            return Ok(next);
        }
    }
    anyhow::bail!("counter {key} stayed contended")
}

/// Admits one event unless the key is locked: the check and the count are
/// one compare-and-swap, so concurrent requests on any instance never get
/// more than `limit.max` events through.
pub async fn try_consume(db: &Db, key: &str, limit: Limit, now: i64) -> anyhow::Result<bool> {
    for _ in 0..50 {
        let previous = load(db, key).await?;
        if previous.is_some_and(|state| state.is_locked(now)) {
            return Ok(false);
        }
        let next = CounterState::after_event(previous, limit, now);
        let written = swap(db, key, previous, next).await?;
        if written {
            return Ok(true);
        }
    }
    anyhow::bail!("counter {key} stayed contended")
}

/// Milliseconds until the key unlocks (0 when it is not locked).
pub async fn locked_for(db: &Db, key: &str, now: i64) -> anyhow::Result<i64> {
    Ok(load(db, key)
        .await?
        .and_then(|state| state.locked_until)
        .map_or(0, |until| (until - now).max(0)))
}

/// Writes `next` if the row still holds `previous`; false when another
/// writer got there first.
async fn swap(
    db: &Db,
    key: &str,
    previous: Option<CounterState>,
    next: CounterState,
) -> anyhow::Result<bool> {
    let written = match previous {
        None => sqlx::query(
            "INSERT INTO counters (key, window_start, count, locked_until) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING",
        )
        .bind(key)
        .bind(next.window_start)
        .bind(next.count)
        .bind(next.locked_until)
        .execute(&db.pool)
        .await
        .context("insert counter")?,
        Some(previous) => sqlx::query(
            "UPDATE counters SET window_start = $1, count = $2, locked_until = $3 \
             WHERE key = $4 AND window_start = $5 AND count = $6",
        )
        .bind(next.window_start)
        .bind(next.count)
        .bind(next.locked_until)
        .bind(key)
        .bind(previous.window_start)
        .bind(previous.count)
        .execute(&db.pool)
        .await
        .context("update counter")?,
    };
    Ok(written.rows_affected() == 1)
}

pub async fn clear(db: &Db, key: &str) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM counters WHERE key = $1")
        .bind(key)
        .execute(&db.pool)
        .await
        .context("clear counter")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: Limit = FAILED_LOGONS_PER_ACCOUNT;

    fn after(n: usize, start: i64, step: i64) -> CounterState {
        let mut state = None;
        for i in 0..n {
            state = Some(CounterState::after_event(
                state,
                LIMIT,
                start + i as i64 * step,
            ));
        }
        state.unwrap()
    }

    #[test]
    fn four_failures_do_not_lock_and_the_fifth_does() {
        assert!(!after(4, 0, MINUTE).is_locked(4 * MINUTE));
        let state = after(5, 0, MINUTE);
        assert!(state.is_locked(4 * MINUTE));
        assert_eq!(state.locked_until, Some(4 * MINUTE + 15 * MINUTE));
    }

    #[test]
    fn the_lock_ends_after_fifteen_minutes_and_counting_starts_afresh() {
        let locked = after(5, 0, 0);
        assert!(locked.is_locked(15 * MINUTE - 1));
        assert!(!locked.is_locked(15 * MINUTE));
        let next = CounterState::after_event(Some(locked), LIMIT, 15 * MINUTE);
        assert_eq!(next.count, 1);
        assert!(!next.is_locked(15 * MINUTE));
    }

    #[test]
    fn failures_spread_over_more_than_the_window_do_not_lock() {
        let state = after(5, 0, 4 * MINUTE);
        assert!(!state.is_locked(16 * MINUTE));
    }

    #[test]
    fn events_while_locked_change_nothing() {
        let locked = after(5, 0, 0);
        assert_eq!(
            CounterState::after_event(Some(locked), LIMIT, MINUTE),
            locked
        );
    }
}
