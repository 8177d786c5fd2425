//! The secure mobile phone: sending the binding code to a typed number,
//! and binding the number once its code comes back.

use crate::request::Request;
use proto::admin::AuditAction;
use proto::error::{Invalid, UserError};
use proto::messages::AccountNotice;
use proto::report::Reportable;
use proto::secret::Secret;

use super::bound_phone;
use crate::accounts::{end_open_flows, report_link, signed_in_account, verify_current_password};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::sms;
use crate::phone::{mask_phone, PhoneNumber};
use crate::sms_code::{self as code, SmsCode};

/// "Send code": a fresh code for `phone`, replacing any pending one.
pub async fn send_code(
    ctx: &Ctx,
    request: &Request,
    phone: &str,
    current_password: &Secret,
) -> Result<String> {
    let (account, _) = signed_in_account(ctx, request, false).await?;
    let phone = PhoneNumber::parse(phone)?;
    // A stolen session alone must not add or move a recovery phone.
    verify_current_password(ctx, account.holder(&request.client.addr), current_password).await?;
    if bound_phone(&ctx.db, &account.id).await?.as_deref() == Some(phone.as_ref()) {
        return Err(UserError::Invalid(Invalid::PhoneAlreadyBound).into());
    }
    let now = ctx.now();
    // The same counters as Forgot Password's codes: the caps are per
    // account and per client, whichever flow sends.
    code::admit(ctx, &request.client, &account.id, phone.as_ref()).await?;
    let code = SmsCode::generate();
    let hash = ctx.hasher.hash(code.expose()).await?;
    let text = proto::messages::sms_bind_code(request.language(), code.expose());
    let mut tx = ctx.db.pool.begin().await?;
    sqlx::query(
        "INSERT INTO phone_bindings \
             (account_id, phone, code_hash, expires_at, attempts, created_at) \
         VALUES ($1, $2, $3, $4, 0, $5) \
         ON CONFLICT (account_id) DO UPDATE SET phone = excluded.phone, \
             code_hash = excluded.code_hash, expires_at = excluded.expires_at, \
             attempts = 0, created_at = excluded.created_at",
    )
    .bind(&account.id)
    .bind(phone.as_ref())
    .bind(hash.as_str())
    .bind(now + code::CODE_TTL)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sms::enqueue_code(&mut *tx, phone.as_ref(), &text, now, now + code::CODE_TTL).await?;
    tx.commit().await?;
    ctx.sms.wake();
    Ok(mask_phone(phone.as_ref()))
}

#[derive(sqlx::FromRow)]
struct Pending {
    phone: String,
    code_hash: String,
    expires_at: i64,
    attempts: i64,
}

/// "Bind phone": the code sent to the pending number makes it the secure
/// mobile phone.
pub async fn bind(ctx: &Ctx, request: &Request, code: &Secret) -> Result<String> {
    let code = SmsCode::parse(code)?;
    let (account, _) = signed_in_account(ctx, request, false).await?;
    let db = &ctx.db;
    let now = ctx.now();
    let pending: Pending = sqlx::query_as(
        "SELECT phone, code_hash, expires_at, attempts FROM phone_bindings WHERE account_id = $1",
    )
    .bind(&account.id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(UserError::Invalid(Invalid::SendCodeFirst))?;
    if now >= pending.expires_at || pending.attempts >= code::CODE_TRIES {
        return Err(UserError::CodeDead.into());
    }
    // Count the try before judging it, atomically: five tries in total,
    // even when they arrive at once on several instances.
    let tries_used: Option<i64> = sqlx::query_scalar(
        "UPDATE phone_bindings SET attempts = attempts + 1 \
         WHERE account_id = $1 AND code_hash = $2 AND attempts < $3 AND expires_at > $4 \
         RETURNING attempts",
    )
    .bind(&account.id)
    .bind(&pending.code_hash)
    .bind(code::CODE_TRIES)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    code::judge(ctx, &pending.code_hash, &code, tries_used).await?;

    let phone = pending.phone;
    let masked = mask_phone(&phone);
    let mut tx = db.pool.begin().await?;
    // Consuming the pending row is the compare-and-swap: a code binds
    // once, even when submitted twice at the same moment.
    let taken = sqlx::query("DELETE FROM phone_bindings WHERE account_id = $1 AND code_hash = $2")
        .bind(&account.id)
        .bind(&pending.code_hash)
        .execute(&mut *tx)
        .await?;
    if taken.rows_affected() != 1 {
        return Err(UserError::CodeDead.into());
    }
    let old: Option<String> = sqlx::query_scalar(
        "SELECT phone FROM mail_accounts WHERE id = $1 AND phone_verified_at IS NOT NULL",
    )
    .bind(&account.id)
    .fetch_optional(&mut *tx)
    .await?
    .flatten();
    // Codes already on their way to the old number stop counting.
    end_open_flows(&mut *tx, &account.id, None, now).await?;
    // A number that replaces another waits out the domain's cooldown before
    // Forgot Password offers it (a first binding has nobody to warn).
    let replaced = old.as_deref().is_some_and(|old| old != phone);
    sqlx::query(
        "UPDATE mail_accounts SET phone = $1, phone_verified_at = $2, \
         phone_changed_at = CASE WHEN $4 <> 0 THEN $2 ELSE phone_changed_at END WHERE id = $3",
    )
    .bind(&phone)
    .bind(now)
    .bind(&account.id)
    .bind(i64::from(replaced))
    .execute(&mut *tx)
    .await?;
    super::prompt::confirmed(&mut *tx, &account.id, now).await?;
    let (action, detail) = match &old {
        Some(old) => (
            AuditAction::PhoneChanged,
            format!("{} to {masked}", mask_phone(old)),
        ),
        None => (AuditAction::PhoneBound, masked.clone()),
    };
    account
        .holder(&request.client.addr)
        .event(action)
        .detail(&detail)
        .record(&mut *tx, now)
        .await?;
    // The number that stops receiving codes hears about it, with a "This
    // wasn't me" link: if this was not the owner, they can still act.
    if let Some(old) = old.filter(|_| replaced) {
        let what = Reportable::PhoneChanged;
        let origin = &ctx.settings.origin;
        let link =
            report_link::issue(&mut tx, origin, &account.id, what, Some(&phone), now).await?;
        let notice = AccountNotice::Report { what, link };
        let text = proto::messages::notice_sms(request.language(), &notice);
        sms::enqueue(&mut *tx, &old, &text, now).await?;
    }
    tx.commit().await?;
    ctx.sms.wake();
    Ok(masked)
}
