//! "Unlock account", beside resetting: the holder proved the account
//! theirs (SMS code or questions, under the same limits as a reset) and
//! keeps the password. One transaction uses the grant, lifts the
//! strangers' logon lock, records `account_unlocked` and queues an SMS
//! that says so.

use super::StepOutcome;
use crate::request::Request;
use proto::admin::AuditAction;
use proto::messages::AccountNotice;
use proto::recovery::UNLOCKED;

use super::finished_cookies;
use super::flow;
use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::sessions::Kind;
use crate::infra::sms;
use crate::lockout;

pub async fn unlock(ctx: &Ctx, request: &Request) -> Result<StepOutcome<()>> {
    let (grant, target) = flow::granted_target(ctx, request).await?;
    let now = ctx.now();
    let holder = target.holder(&grant, &request.client.addr);
    let mut tx = ctx.db.pool.begin().await?;
    flow::use_grant(&mut tx, &grant, request, now).await?;
    lockout::clear_strangers(&mut tx, Kind::Mail, &target.address).await?;
    holder
        .event(AuditAction::AccountUnlocked)
        .detail(target.verified_by())
        .record(&mut *tx, now)
        .await?;
    let notice = AccountNotice::Unlocked { at: now };
    sms::enqueue_for_account(&mut tx, &grant.account_id, &notice, None, now).await?;
    tx.commit().await?;
    crate::infra::metrics::unlocked();
    ctx.sms.wake();
    Ok(StepOutcome {
        value: (),
        set_cookies: finished_cookies(UNLOCKED),
    })
}
