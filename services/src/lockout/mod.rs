//! The logon lockout, the one owner of how a failed password is counted,
//! for the web and the mail server alike (docs/product.md, "Logon
//! lockout"):
//!
//! - Every attempt has a [`Source`]: a familiar browser of the account
//!   (its device cookie), a mail client address that logged the mailbox on
//!   before, or a stranger. A familiar source has a failure budget of its
//!   own; strangers share the account's. When strangers lock the account,
//!   its familiar sources still log on.
//! - A success clears only its own familiar source's count, never the
//!   strangers': the owner's logons do not refresh a guesser's budget.
//! - The same wrong password from the same source counts once
//!   ([`count_failure`], by fingerprint).
//! - A previous password of the account is refused without counting
//!   (the callers find it with [`history::previous_with`]).
//!
//! Slots are taken before the password is judged ([`reserve`]), as every
//! limit in `limits` is, so a burst gets no more attempts judged than the
//! caps allow.

pub mod devices;
pub mod fingerprint;
pub mod history;

use anyhow::Context;

use crate::infra::db::Db;
use crate::infra::sessions::Kind;
use crate::limits::{self, Counter, Slot};

mod locked;
pub use locked::locked_sql;

pub use fingerprint::{Fingerprint, FingerprintKey};

/// A mail client address is familiar this long after its last success.
pub const ADDRESS_LIFETIME: i64 = devices::DEVICE_LIFETIME;

/// The id an unknown login is looked up by, so that the same queries run
/// whether or not an account has it: no account has this id.
pub const NO_ACCOUNT: &str = "no-such-account";

/// How many wrong passwords per source are remembered by fingerprint.
const REMEMBERED_FAILURES: i64 = 5;

/// Where a logon attempt comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A browser carrying the account's device cookie (the device's id).
    Device(String),
    /// A mail client address (its limit key) that logged the mailbox on
    /// within [`ADDRESS_LIFETIME`].
    Address(String),
    Stranger,
}

impl Source {
    pub fn is_familiar(&self) -> bool {
        *self != Source::Stranger
    }

    /// How metrics and the audit log name it.
    pub fn label(&self) -> &'static str {
        match self {
            Source::Device(_) | Source::Address(_) => "familiar",
            Source::Stranger => "stranger",
        }
    }
}

/// One logon attempt: of which login, from which client and source.
pub struct Attempt<'a> {
    pub kind: Kind,
    /// The login as submitted, normalised (whether or not an account has it).
    pub login: &'a str,
    /// The client's limit key.
    pub client: &'a str,
    pub source: Source,
}

impl Attempt<'_> {
    /// The counters the attempt's source is judged by: a familiar source's
    /// own, or the strangers' (whose daily ceiling, once reached, holds
    /// this counter's lock: see [`count_daily`]).
    pub fn counters(&self) -> Vec<Counter<'_>> {
        match &self.source {
            Source::Device(id) => vec![Counter::LogonDevice(id)],
            Source::Address(address) => vec![Counter::LogonAddress(self.login, address)],
            Source::Stranger => vec![Counter::Logon(self.kind, self.login)],
        }
    }

    fn client_counter(&self) -> Counter<'_> {
        Counter::LogonClient(self.client)
    }
}

/// The slots one attempt holds while it is judged.
pub struct Reserved {
    client: Slot,
    source: Vec<Slot>,
}

impl Reserved {
    /// The attempt's own slot was the one that locked its source.
    pub fn locked_it(&self) -> bool {
        self.source.iter().any(|slot| slot.locked_it)
    }
}

/// Why an attempt was refused before it was judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// The client address reached its cap.
    Client,
    /// The source is locked.
    Locked,
}

/// Takes the client's slot and the source's, or none of them.
pub async fn reserve(
    db: &Db,
    attempt: &Attempt<'_>,
    now: i64,
) -> anyhow::Result<Result<Reserved, Refused>> {
    let Some(client) = limits::reserve(db, &attempt.client_counter(), now).await? else {
        return Ok(Err(Refused::Client));
    };
    let mut source = Vec::new();
    for counter in attempt.counters() {
        match limits::reserve(db, &counter, now).await? {
            Some(slot) => source.push(slot),
            None => {
                // Refused unjudged: no failure of the client, nor of the
                // counters already taken.
                let taken = Reserved { client, source };
                release(db, attempt, taken).await?;
                return Ok(Err(Refused::Locked));
            }
        }
    }
    Ok(Ok(Reserved { client, source }))
}

/// Gives every slot back: the attempt was not judged, or does not count
/// (a previous password).
pub async fn release(db: &Db, attempt: &Attempt<'_>, reserved: Reserved) -> anyhow::Result<()> {
    release_source(db, attempt, &reserved).await?;
    limits::release(db, &attempt.client_counter(), reserved.client).await
}

async fn release_source(db: &Db, attempt: &Attempt<'_>, reserved: &Reserved) -> anyhow::Result<()> {
    for (counter, slot) in attempt.counters().iter().zip(&reserved.source) {
        limits::release(db, counter, *slot).await?;
    }
    Ok(())
}

/// A right password: the client's slot goes back, the source's too
/// (a success is no failure). A familiar source's count is cleared; the
/// strangers' count is never cleared by a success. False when others
/// locked the source while this attempt was judged: a right password
/// does not open a locked source.
pub async fn succeeded(
    db: &Db,
    attempt: &Attempt<'_>,
    reserved: Reserved,
    now: i64,
) -> anyhow::Result<bool> {
    limits::release(db, &attempt.client_counter(), reserved.client).await?;
    for (counter, slot) in attempt.counters().iter().zip(&reserved.source) {
        if limits::locked_by_others(db, counter, *slot, now).await? {
            release_source(db, attempt, &reserved).await?;
            return Ok(false);
        }
    }
    if attempt.source.is_familiar() {
        for counter in attempt.counters() {
            clear_now(db, &counter).await?;
        }
    } else {
        release_source(db, attempt, &reserved).await?;
    }
    Ok(true)
}

/// A wrong password: counted, unless the same source presented the same
/// wrong password before in the counter's window (a phone retrying, a typo
/// repeated), which costs nothing more. The client's slot stays either
/// way (it bounds the work one address causes). True when it counted.
pub async fn count_failure(
    db: &Db,
    attempt: &Attempt<'_>,
    reserved: &Reserved,
    fingerprint: Option<Fingerprint>,
    now: i64,
) -> anyhow::Result<bool> {
    let Some(fingerprint) = fingerprint else {
        return Ok(true);
    };
    let counters = attempt.counters();
    if remember_failure(db, &counters[0], fingerprint, now).await? {
        count_daily(db, attempt, now).await?;
        Ok(true)
    } else {
        release_source(db, attempt, reserved).await?;
        Ok(false)
    }
}

/// A stranger's counted failure also counts toward the account's daily
/// ceiling (NIST SP 800-63B: at most 100). Reaching it locks strangers
/// out for the rest of the day: the strangers' 15-minute counter takes the
/// ceiling's lock, so the one reservation made before each attempt is
/// judged refuses them until then. (That counter lets at most 5 attempts
/// be judged at once, so a burst at the ceiling may have up to 4 more
/// judged.)
pub async fn count_daily(db: &Db, attempt: &Attempt<'_>, now: i64) -> anyhow::Result<()> {
    if attempt.source.is_familiar() {
        return Ok(());
    }
    let daily = Counter::LogonStrangersDaily(attempt.kind, attempt.login);
    let reached = match limits::reserve(db, &daily, now).await? {
        Some(slot) => slot.locked_it,
        None => true,
    };
    if reached {
        let until = limits::locked_until(db, &daily).await?.unwrap_or(now);
        sqlx::query("UPDATE counters SET locked_until = $1 WHERE key = $2")
            .bind(until)
            .bind(Counter::Logon(attempt.kind, attempt.login).key())
            .execute(&db.pool)
            .await
            .context("lock strangers out for the day")?;
    }
    Ok(())
}

/// Records a wrong password's fingerprint for `counter`; false when it
/// was there already (within the counter's window).
pub async fn remember_failure(
    db: &Db,
    counter: &Counter<'_>,
    fingerprint: Fingerprint,
    now: i64,
) -> anyhow::Result<bool> {
    let key = counter.key();
    sqlx::query("DELETE FROM failed_fingerprints WHERE counter_key = $1 AND at <= $2")
        .bind(&key)
        .bind(now - counter.limit().window)
        .execute(&db.pool)
        .await
        .context("forget old failed fingerprints")?;
    let new = sqlx::query(
        "INSERT INTO failed_fingerprints (counter_key, fingerprint, at) VALUES ($1, $2, $3) \
         ON CONFLICT (counter_key, fingerprint) DO NOTHING",
    )
    .bind(&key)
    .bind(fingerprint.0)
    .bind(now)
    .execute(&db.pool)
    .await
    .context("remember a failed fingerprint")?
    .rows_affected()
        == 1;
    if new {
        sqlx::query(
            "DELETE FROM failed_fingerprints WHERE counter_key = $1 AND fingerprint NOT IN \
             (SELECT fingerprint FROM failed_fingerprints WHERE counter_key = $1 \
              ORDER BY at DESC, fingerprint LIMIT $2)",
        )
        .bind(&key)
        .bind(REMEMBERED_FAILURES)
        .execute(&db.pool)
        .await
        .context("keep the last failed fingerprints")?;
    }
    Ok(new)
}

/// Forgets a counter and the failures it remembers; part of the caller's
/// transaction.
pub async fn clear(conn: &mut sqlx::AnyConnection, counter: &Counter<'_>) -> anyhow::Result<()> {
    limits::clear(&mut *conn, counter).await?;
    sqlx::query("DELETE FROM failed_fingerprints WHERE counter_key = $1")
        .bind(counter.key())
        .execute(&mut *conn)
        .await
        .context("forget failed fingerprints")?;
    Ok(())
}

/// [`clear`] on a connection of its own.
pub async fn clear_now(db: &Db, counter: &Counter<'_>) -> anyhow::Result<()> {
    let mut conn = db.pool.acquire().await.context("a connection")?;
    clear(&mut conn, counter).await
}

/// Lifts the strangers' lock of an account and forgets their failures
/// (the password was set, or its holder unlocked it).
pub async fn clear_strangers(
    conn: &mut sqlx::AnyConnection,
    kind: Kind,
    login: &str,
) -> anyhow::Result<()> {
    clear(&mut *conn, &Counter::Logon(kind, login)).await?;
    clear(&mut *conn, &Counter::LogonStrangersDaily(kind, login)).await
}

/// Whether strangers are locked out of the login now.
pub async fn strangers_locked(db: &Db, kind: Kind, login: &str, now: i64) -> anyhow::Result<bool> {
    let locked: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM counters WHERE key IN ($1, $2) AND locked_until > $3",
    )
    .bind(Counter::Logon(kind, login).key())
    .bind(Counter::LogonStrangersDaily(kind, login).key())
    .bind(now)
    .fetch_one(&db.pool)
    .await
    .context("are strangers locked out")?;
    Ok(locked > 0)
}

/// The source of a mail server logon: the client address is familiar
/// when it logged this mailbox on within [`ADDRESS_LIFETIME`]. (An unknown
/// login asks about an id no account has: the same query.)
pub async fn mail_client_source(
    db: &Db,
    account_id: &str,
    client: &str,
    now: i64,
) -> anyhow::Result<Source> {
    let familiar: Option<i64> = sqlx::query_scalar(
        "SELECT last_success_at FROM familiar_addresses \
         WHERE account_id = $1 AND address = $2 AND last_success_at > $3",
    )
    .bind(account_id)
    .bind(client)
    .bind(now - ADDRESS_LIFETIME)
    .fetch_optional(&db.pool)
    .await
    .context("look up a familiar mail client")?;
    Ok(match familiar {
        Some(_) => Source::Address(client.to_owned()),
        None => Source::Stranger,
    })
}

/// A mail client logged the mailbox on: its address is familiar from now.
pub async fn remember_mail_client(
    db: &Db,
    account_id: &str,
    client: &str,
    now: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO familiar_addresses (account_id, address, last_success_at) \
         VALUES ($1, $2, $3) ON CONFLICT (account_id, address) \
         DO UPDATE SET last_success_at = $3",
    )
    .bind(account_id)
    .bind(client)
    .bind(now)
    .execute(&db.pool)
    .await
    .context("remember a familiar mail client")?;
    Ok(())
}
