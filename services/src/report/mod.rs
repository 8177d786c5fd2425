//! "This wasn't me" (docs/product.md, "Recovery lifecycle"): what a
//! notice's link shows, and **the one owner of the lockdown** its button
//! starts. Opening the link changes nothing; pressing the button, in one
//! transaction, spends the link, revokes every web session and familiar
//! device of the account, queues the mail server's kick, suspends web and
//! IMAP logon and Forgot Password for [`LOCKDOWN_MS`], removes a reported
//! new phone, records `reported` and tells the domain's postmasters by
//! SMS. The postmaster's Reset Password ends it (`accounts::PasswordSet`'s
//! `ends_report`).

use proto::admin::AuditAction;
use proto::error::UserError;
use proto::messages::AccountNotice;
use proto::report::{ReportView, Reportable, LOCKDOWN_MS};

use crate::accounts::{end_open_flows, report_link};
use crate::ctx::Ctx;
use crate::error::{ForUser, Result};
use crate::infra::audit::Event;
use crate::infra::sessions::{self, Kind};
use crate::infra::{kick, sms};
use crate::lockout::devices;
use crate::phone::mask_phone;
use crate::request::Request;

/// A token as links carry it: 16 letters or digits. Anything else names no
/// link and is not looked up.
pub fn well_formed(token: &str) -> bool {
    token.len() == 16 && token.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The link's account, and what it reports, while it can be used.
async fn open_link(ctx: &Ctx, token: &str) -> Result<(report_link::StoredLink, Reportable)> {
    if !well_formed(token) {
        return Err(UserError::ReportLinkExpired.into());
    }
    let link = report_link::find(&ctx.db.pool, token)
        .await?
        .ok_or(UserError::ReportLinkExpired)?;
    if link.used_at.is_some() {
        return Err(UserError::ReportLinkUsed.into());
    }
    if link.expires_at <= ctx.now() {
        return Err(UserError::ReportLinkExpired.into());
    }
    let what = Reportable::from_key(&link.what).ok_or(UserError::ReportLinkExpired)?;
    Ok((link, what))
}

/// What the link's page shows (a GET: nothing changes).
pub async fn view(ctx: &Ctx, token: &str) -> Result<ReportView, UserError> {
    let opened = open_link(ctx, token).await;
    let (link, what) = opened.for_user("open a report link")?;
    Ok(ReportView {
        what,
        at: link.happened_at,
        phone: link.phone.as_deref().map(mask_phone),
    })
}

/// "This wasn't me".
pub async fn report(ctx: &Ctx, request: &Request, token: &str) -> Result<(), UserError> {
    lock_down(ctx, request, token)
        .await
        .for_user("lock down a reported account")
}

#[derive(sqlx::FromRow)]
struct Reported {
    address: String,
    domain_id: String,
    phone: Option<String>,
}

async fn lock_down(ctx: &Ctx, request: &Request, token: &str) -> Result<()> {
    let (link, what) = open_link(ctx, token).await?;
    let id = link.account_id.as_str();
    let account: Reported =
        sqlx::query_as("SELECT address, domain_id, phone FROM mail_accounts WHERE id = $1")
            .bind(id)
            .fetch_optional(&ctx.db.pool)
            .await?
            .ok_or(UserError::ReportLinkExpired)?;
    let now = ctx.now();
    let mut tx = ctx.db.pool.begin().await?;
    // The compare-and-swap: of two presses at once, one locks down.
    if !report_link::spend(&mut tx, token, id, now).await? {
        return Err(UserError::ReportLinkUsed.into());
    }
    sqlx::query("UPDATE mail_accounts SET reported_at = $1, lockdown_until = $2 WHERE id = $3")
        .bind(now)
        .bind(now + LOCKDOWN_MS)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    // A phone the holder says they did not bind stops receiving codes.
    let reported_phone = link
        .phone
        .as_deref()
        .filter(|_| what == Reportable::PhoneChanged);
    if reported_phone.is_some() && reported_phone == account.phone.as_deref() {
        sqlx::query(
            "UPDATE mail_accounts SET phone = NULL, phone_verified_at = NULL, \
             phone_changed_at = NULL WHERE id = $1",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
    }
    sessions::revoke_all(&mut *tx, Kind::Mail, id, None, now).await?;
    devices::forget_all(&mut tx, Kind::Mail, id).await?;
    end_open_flows(&mut *tx, id, None, now).await?;
    kick::enqueue(&mut *tx, &account.address, now).await?;
    let client = &request.client.addr;
    let address = account.address.as_str();
    Event::by(
        address,
        Some(&account.domain_id),
        client,
        AuditAction::Reported,
        address,
    )
    .detail(what.key())
    .record(&mut *tx, now)
    .await?;
    tell_postmasters(&mut tx, ctx, &account.domain_id, id, now).await?;
    tx.commit().await?;
    ctx.sms.wake();
    Ok(())
}

/// An SMS to each postmaster of the domain with a secure phone (but the
/// reported account itself), pointing at Employee Accounts.
async fn tell_postmasters(
    tx: &mut sqlx::AnyConnection,
    ctx: &Ctx,
    domain_id: &str,
    reported_id: &str,
    now: i64,
) -> Result<()> {
    let postmasters: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM mail_accounts WHERE domain_id = $1 AND role = 'postmaster' AND id <> $2",
    )
    .bind(domain_id)
    .bind(reported_id)
    .fetch_all(&mut *tx)
    .await?;
    let notice = AccountNotice::Reported {
        url: format!("{}/admin/accounts", ctx.settings.origin),
    };
    for postmaster in postmasters {
        sms::enqueue_for_account(&mut *tx, &postmaster, &notice, None, now).await?;
    }
    Ok(())
}
