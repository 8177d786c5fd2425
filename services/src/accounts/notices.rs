//! What an account's holder is told about its logons, on the mailbox home
//! page and by SMS to the secure phone: strangers locked the account, a
//! mail app still presents a previous password. Each is told once per
//! occasion, however many attempts caused it.

use proto::language::Language;
use proto::messages::{self, AccountNotice};

use crate::ctx::Ctx;
use crate::infra::sms;
use crate::limits::{self, Counter, FAILED_LOGONS_PER_ACCOUNT};
use crate::lockout::history;

/// Leaves `notice` on the account's mailbox home page; part of the
/// caller's transaction.
pub async fn leave<'e, E>(
    executor: E,
    account_id: &str,
    notice: &AccountNotice,
    now: i64,
) -> anyhow::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO notices (id, account_id, text, kind, detail, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(account_id)
    .bind(messages::notice_text(Language::en, notice))
    .bind(notice.kind())
    .bind(notice.detail())
    .bind(now)
    .execute(executor)
    .await?;
    Ok(())
}

/// The holder logged on from a familiar browser while strangers are
/// locked out: told on the home page, once per lock period.
pub async fn strangers_tried(
    conn: &mut sqlx::AnyConnection,
    account_id: &str,
    now: i64,
) -> anyhow::Result<()> {
    let notice = AccountNotice::StrangersTried { at: now };
    let told: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM notices WHERE account_id = $1 AND kind = $2 AND created_at > $3",
    )
    .bind(account_id)
    .bind(notice.kind())
    .bind(now - FAILED_LOGONS_PER_ACCOUNT.lock)
    .fetch_one(&mut *conn)
    .await?;
    if told == 0 {
        leave(&mut *conn, account_id, &notice, now).await?;
    }
    Ok(())
}

/// Strangers have just locked the account: an SMS to the secure phone,
/// in the account's language, says how to unlock; at most one per lock
/// period, however many attempts met the lock.
pub async fn locked_by_strangers(ctx: &Ctx, account_id: &str, now: i64) -> anyhow::Result<()> {
    if !limits::try_consume(&ctx.db, &Counter::LockNotice(account_id), now).await? {
        return Ok(());
    }
    let notice = AccountNotice::LockedByStrangers {
        url: format!("{}/forgot", ctx.settings.origin),
    };
    // One statement that writes: no transaction needed (and none that
    // would start with a read and then wait to write).
    let mut conn = ctx.db.pool.acquire().await?;
    if sms::enqueue_for_account(&mut conn, account_id, &notice, None, now).await? {
        ctx.sms.wake();
    }
    Ok(())
}

/// A mail app presented a previous password of the account: its holder
/// is told once for that password, on the home page and by SMS.
pub async fn stale_password(
    ctx: &Ctx,
    account_id: &str,
    previous_id: &str,
    client: &str,
    now: i64,
) -> anyhow::Result<()> {
    let mut tx = ctx.db.pool.begin().await?;
    if !history::mark_noticed(&mut *tx, previous_id, now).await? {
        return Ok(());
    }
    let notice = AccountNotice::StalePassword {
        client: client.to_owned(),
    };
    leave(&mut *tx, account_id, &notice, now).await?;
    let queued = sms::enqueue_for_account(&mut tx, account_id, &notice, None, now).await?;
    tx.commit().await?;
    if queued {
        ctx.sms.wake();
    }
    Ok(())
}
