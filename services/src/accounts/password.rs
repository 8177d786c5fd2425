//! The one way a password is set: the postmaster's reset (scenario 1), the
//! console owner's reset of a postmaster (scenario 3), Forgot Password's
//! last step (scenario 2), and a holder's own change all go through here,
//! stating only what differs. [`prepare`] judges the password against the
//! policy and hashes it (a [`Prepared`] is the only thing a password can be
//! set from); [`Prepared::commit`] stores it with everything that goes
//! with it in the caller's transaction, refuses when the holder is gone,
//! commits, and wakes the SMS worker.

use proto::error::UserError;
use proto::messages::AccountNotice;
use proto::report::Reportable;
use sqlx::AnyConnection;

use super::history;
use super::report_link;
use super::FlowId;
use super::Holder;
use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::audit::Event;
use crate::infra::passwords::PasswordHashString;
use crate::infra::sessions::{self, Kind};
use crate::infra::sms;
use crate::lockout::{self, devices, Fingerprint};
use crate::policy_gate::{self, Candidate};

/// A new password, judged against the policy for its holder and hashed,
/// and the moment it is set.
#[must_use = "a prepared password is set with `commit`"]
pub struct Prepared {
    hash: PasswordHashString,
    fingerprint: Fingerprint,
    /// The domain's "Remember previous passwords" when judged (0 for a
    /// console owner).
    remember: u32,
    /// When the password is set (for the notices that name the time).
    pub now: i64,
}

/// Judges `candidate` for the holder named `login` by the rules of
/// `domain_id` (none for a console owner), then, for the existing mail
/// account `account_id`, against the passwords its domain remembers; then
/// hashes it.
pub async fn prepare(
    ctx: &Ctx,
    login: &str,
    domain_id: Option<&str>,
    account_id: Option<&str>,
    candidate: Candidate<'_>,
) -> Result<Prepared> {
    let domain = policy_gate::rules_for(&ctx.db, domain_id).await?;
    let password = policy_gate::judge(login, &domain.rules, candidate)?;
    // Only an existing account has passwords to remember.
    let remember = account_id.map_or(0, |_| domain.history);
    if let Some(id) = account_id {
        history::refuse_reuse(ctx, id, remember, password.expose()).await?;
    }
    let hash = ctx.hasher.hash(password.expose()).await?;
    Ok(Prepared {
        hash,
        fingerprint: ctx.fingerprints.of(login, password.expose()),
        remember,
        now: ctx.now(),
    })
}

impl Prepared {
    /// Sets the password as `set` states, in a transaction of its own, and
    /// commits; `gone` is the refusal when the holder no longer exists
    /// (nothing is written then). The moment it was set.
    pub async fn commit(self, ctx: &Ctx, set: PasswordSet<'_>, gone: UserError) -> Result<i64> {
        let tx = ctx.db.pool.begin().await?;
        self.commit_in(ctx, tx, set, gone).await
    }

    /// [`Prepared::commit`] in `tx`, which already holds the caller's own
    /// part (a used grant).
    pub async fn commit_in(
        self,
        ctx: &Ctx,
        mut tx: sqlx::Transaction<'_, sqlx::Any>,
        set: PasswordSet<'_>,
        gone: UserError,
    ) -> Result<i64> {
        if !set_password(&mut tx, &ctx.settings.origin, &self, set).await? {
            return Err(gone.into());
        }
        tx.commit().await?;
        ctx.sms.wake();
        Ok(self.now)
    }
}

/// What differs between the ways of setting a password.
pub struct PasswordSet<'a> {
    pub holder: Holder<'a>,
    /// Require a password change at next logon (mail accounts).
    pub must_change: bool,
    /// The session that made the change keeps working (an own change).
    pub keep_session: Option<&'a str>,
    /// The Forgot Password flow that is itself finishing.
    pub keep_flow: Option<&'a FlowId>,
    pub event: Event<'a>,
    /// Shown on the mailbox home page.
    pub notice: Option<AccountNotice>,
    /// What the SMS to the verified secure phone, if there is one, tells
    /// (in the language the account last used on the web), with its "This
    /// wasn't me" link.
    pub sms: Option<Reportable>,
    /// Ends a report's lockdown ("This wasn't me"): the postmaster's (or
    /// for a postmaster, the console owner's) Reset Password.
    pub ends_report: bool,
}

impl<'a> PasswordSet<'a> {
    /// The holder changes their own password: the session that did it
    /// keeps working, nothing else differs.
    pub fn own_change(holder: Holder<'a>, session: &'a str, event: Event<'a>) -> Self {
        PasswordSet {
            holder,
            must_change: false,
            keep_session: Some(session),
            keep_flow: None,
            event,
            notice: None,
            sms: Some(Reportable::OwnChange),
            ends_report: false,
        }
    }
}

/// Stores the hash, its time and the must-change flag; revokes every
/// session of the holder but `keep_session` (whoever was signed in, perhaps
/// not the holder, is signed out everywhere); ends the account's open
/// Forgot Password flows but `keep_flow` (a recovery begun before must not
/// overwrite this); records the event; lifts the logon lockout (it guarded
/// the old password) and forgets the familiar browsers and mail clients;
/// keeps the old password's fingerprint as a previous one, and its hash
/// as long as the domain's password history needs it; leaves the notice
/// and queues the SMS: all of it in
/// `tx`, or none. False when the account is gone (nothing was written).
async fn set_password(
    tx: &mut AnyConnection,
    origin: &str,
    password: &Prepared,
    set: PasswordSet<'_>,
) -> Result<bool> {
    let (now, holder) = (password.now, set.holder);
    // The current password becomes a previous one, recognised when a mail
    // app still presents it.
    lockout::history::replace(&mut *tx, holder.kind, holder.id, password.fingerprint, now).await?;
    if holder.kind == Kind::Mail {
        // The current hash becomes a previous one, as long as the domain's
        // password history needs it.
        history::remember_current(&mut *tx, holder.id, password.remember, now).await?;
    }
    let updated = match holder.kind {
        Kind::Mail => sqlx::query(
            "UPDATE mail_accounts SET password_hash = $1, password_changed_at = $2, \
             must_change_password = $3, \
             reported_at = CASE WHEN $5 <> 0 THEN NULL ELSE reported_at END, \
             lockdown_until = CASE WHEN $5 <> 0 THEN NULL ELSE lockdown_until END \
             WHERE id = $4",
        )
        .bind(password.hash.as_str())
        .bind(now)
        .bind(i64::from(set.must_change))
        .bind(holder.id)
        .bind(i64::from(set.ends_report)),
        Kind::Console => sqlx::query(
            "UPDATE cloud_accounts SET password_hash = $1, password_changed_at = $2 \
             WHERE id = $3",
        )
        .bind(password.hash.as_str())
        .bind(now)
        .bind(holder.id),
    }
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() != 1 {
        return Ok(false);
    }
    sessions::revoke_all(&mut *tx, holder.kind, holder.id, set.keep_session, now).await?;
    if holder.kind == Kind::Mail {
        end_open_flows(&mut *tx, holder.id, set.keep_flow, now).await?;
    }
    let action = set.event.action.key();
    set.event.record(&mut *tx, now).await?;
    // The lockout guarded the old password; every browser and mail client
    // is a stranger again until it logs on with the new one.
    lockout::clear_strangers(&mut *tx, holder.kind, holder.name).await?;
    devices::forget_all(&mut *tx, holder.kind, holder.id).await?;
    if let Some(notice) = &set.notice {
        super::notices::leave(&mut *tx, holder.id, notice, now).await?;
    }
    if holder.kind == Kind::Mail {
        // The mail server drops the sessions the old password opened.
        crate::infra::kick::enqueue(&mut *tx, holder.name, now).await?;
    }
    if let (Some(what), Kind::Mail) = (set.sms, holder.kind) {
        if let Some(phone) = sms::secure_phone(&mut *tx, holder.id).await? {
            let link = report_link::issue(&mut *tx, origin, holder.id, what, None, now).await?;
            let notice = AccountNotice::Report { what, link };
            sms::enqueue_to(&mut *tx, &phone, &notice, None, now).await?;
        }
    }
    crate::infra::metrics::password_set(action);
    Ok(true)
}

/// Ends the account's open Forgot Password flows and their unused grants,
/// in the caller's transaction: after another password change (or a new
/// secure phone), a recovery begun before it must not go on to overwrite
/// it. `except` keeps the flow that is itself finishing.
pub async fn end_open_flows<'e, E>(
    executor: E,
    account_id: &str,
    except: Option<&FlowId>,
    now: i64,
) -> Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "UPDATE recovery_flows SET expires_at = $1, grant_expires_at = NULL, code_hash = NULL \
         WHERE account_id = $2 AND expires_at > $1 AND step <> 'done' AND id <> $3",
    )
    .bind(now)
    .bind(account_id)
    .bind(except.map_or("", |flow| flow))
    .execute(executor)
    .await?;
    Ok(())
}
