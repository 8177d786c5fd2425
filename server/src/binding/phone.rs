//! The secure mobile phone: parsing a typed number into E.164, sending the
//! binding code, and binding the number once its code comes back.

use app::error::{Invalid, UserError};
use app::secret::Secret;
use http::request::Parts;
use rand::Rng;
use sqlx::Row;

use super::{bound_phone, db_error, BindingImpl};
use crate::audit::{self, Event};
use crate::identity::views::signed_in_account;
use crate::identity::{internal, mail_holder, verify_current_password};
use crate::passwords::{PasswordHashString, Verified};
use crate::phone::{mask_phone, PhoneNumber};
use crate::recovery::{admit_sms, CODE_TRIES, CODE_TTL};
use crate::sms;

/// "Send code": a fresh code for `phone`, replacing any pending one.
pub async fn send_code(
    service: &BindingImpl,
    request: &Parts,
    phone: &str,
    current_password: &Secret,
) -> Result<String, UserError> {
    let identity = &service.identity;
    let (account, _) = signed_in_account(identity, request, false).await?;
    let phone = PhoneNumber::parse(phone)?;
    // A stolen session alone must not add or move a recovery phone.
    let client = identity.client_addr(request);
    verify_current_password(identity, mail_holder(&account, &client), current_password).await?;
    let db = &identity.db;
    if bound_phone(db, &account.id).await?.as_deref() == Some(phone.as_ref()) {
        return Err(UserError::Invalid(Invalid::PhoneAlreadyBound));
    }
    let now = identity.now();
    // The same counters as Forgot Password's codes: the caps are per
    // account and per client, whichever flow sends.
    admit_sms(identity, request, &account.id).await?;
    let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32));
    let hash = identity.hasher.hash(&code).await?;
    let text = format!(
        "Your code to bind this phone to your mail account is {code}. It expires in 10 minutes."
    );
    let store = async {
        let mut tx = db.pool.begin().await?;
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
        // ASVS 6.6.2 / PRODUCT.md: codes live 10 minutes.
        .bind(now + CODE_TTL)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sms::enqueue_code(&mut *tx, phone.as_ref(), &text, now, now + CODE_TTL).await?;
        tx.commit().await?;
        anyhow::Ok(())
    };
    store.await.map_err(internal)?;
    service.identity.sms.wake();
    Ok(mask_phone(phone.as_ref()))
}

/// "Bind phone": the code sent to the pending number makes it the secure
/// mobile phone.
pub async fn bind(
    service: &BindingImpl,
    request: &Parts,
    code: &Secret,
) -> Result<String, UserError> {
    let code = code.expose().trim();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(UserError::Invalid(Invalid::EnterSmsCode));
    }
    let identity = &service.identity;
    let (account, _) = signed_in_account(identity, request, false).await?;
    let db = &identity.db;
    let now = identity.now();
    let pending = sqlx::query(
        "SELECT phone, code_hash, expires_at, attempts FROM phone_bindings WHERE account_id = $1",
    )
    .bind(&account.id)
    .fetch_optional(&db.pool)
    .await
    .map_err(db_error)?
    .ok_or(UserError::Invalid(Invalid::SendCodeFirst))?;
    let phone: String = pending.get(0);
    let hash: String = pending.get(1);
    let expires_at: i64 = pending.get(2);
    let attempts: i64 = pending.get(3);
    if now >= expires_at || attempts >= CODE_TRIES {
        return Err(UserError::CodeDead);
    }
    // Count the try before judging it, atomically: five tries in total,
    // even when they arrive at once on several instances.
    let counted = sqlx::query(
        "UPDATE phone_bindings SET attempts = attempts + 1 \
         WHERE account_id = $1 AND code_hash = $2 AND attempts < $3 AND expires_at > $4 \
         RETURNING attempts",
    )
    .bind(&account.id)
    .bind(&hash)
    .bind(CODE_TRIES)
    .bind(now)
    .fetch_optional(&db.pool)
    .await
    .map_err(db_error)?;
    let Some(row) = counted else {
        return Err(UserError::CodeDead);
    };
    let attempts: i64 = row.get(0);
    let verified = identity
        .hasher
        .verify(Some(&PasswordHashString::from_stored(hash.clone())), code)
        .await?;
    if verified == Verified::No {
        let tries_left = CODE_TRIES - attempts;
        return Err(if tries_left > 0 {
            UserError::CodeWrong { tries_left }
        } else {
            UserError::CodeDead
        });
    }

    let client = identity.client_addr(request);
    let masked = mask_phone(&phone);
    let store = async {
        let mut tx = db.pool.begin().await?;
        // Consuming the pending row is the compare-and-swap: a code binds
        // once, even when submitted twice at the same moment.
        let taken =
            sqlx::query("DELETE FROM phone_bindings WHERE account_id = $1 AND code_hash = $2")
                .bind(&account.id)
                .bind(&hash)
                .execute(&mut *tx)
                .await?;
        if taken.rows_affected() != 1 {
            return Ok(false);
        }
        let old: Option<String> = sqlx::query_scalar(
            "SELECT phone FROM mail_accounts WHERE id = $1 AND phone_verified_at IS NOT NULL",
        )
        .bind(&account.id)
        .fetch_optional(&mut *tx)
        .await?
        .flatten();
        // Codes already on their way to the old number stop counting.
        crate::recovery::end_open_flows(&mut *tx, &account.id, None, now).await?;
        sqlx::query("UPDATE mail_accounts SET phone = $1, phone_verified_at = $2 WHERE id = $3")
            .bind(&phone)
            .bind(now)
            .bind(&account.id)
            .execute(&mut *tx)
            .await?;
        let (action, detail) = match &old {
            Some(old) => ("phone_changed", format!("{} to {masked}", mask_phone(old))),
            None => ("phone_bound", masked.clone()),
        };
        audit::record(
            &mut *tx,
            Event {
                at: now,
                domain_id: Some(&account.domain_id),
                actor: &account.address,
                action,
                target: Some(&account.address),
                client_addr: Some(&client),
                detail: Some(&detail),
            },
        )
        .await?;
        // The number that stops receiving codes hears about it: if this
        // was not the owner, they learn while they can still act.
        if let Some(old) = old.filter(|old| *old != phone) {
            let notice = format!(
                "The secure mobile phone of your mail account {} was changed to {masked}. \
                 If this wasn't you, contact your administrator.",
                account.address
            );
            sms::enqueue(&mut *tx, &old, &notice, now).await?;
        }
        tx.commit().await?;
        anyhow::Ok(true)
    };
    if !store.await.map_err(internal)? {
        return Err(UserError::CodeDead);
    }
    service.identity.sms.wake();
    Ok(masked)
}
