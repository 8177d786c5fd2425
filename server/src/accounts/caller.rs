//! Who holds the request's session: the mail account (employee or
//! postmaster) or the cloud account owner, read from the session cookie,
//! never from anything the browser claims. A page asks for its caller
//! several times (one rendering calls several services); the session is
//! looked up once a request and kept in the [`Callers`] the middleware
//! gives every request. The account it names is read fresh each time: a
//! request may change it (a required password change is followed, in the
//! same request, by reading where its holder lands).

use std::future::Future;
use std::sync::Arc;

use app::error::UserError;
use app::request::Request;
use tokio::sync::OnceCell;

use super::{mail_account, MailAccount};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::sessions::{self, Kind};

/// A live session of `kind` the request carries.
#[derive(Clone)]
pub struct Session {
    pub subject_id: String,
    /// Kept alive when its holder changes their own password.
    pub token: String,
}

/// This request's sessions, each looked up at most once (`None`: the
/// request holds no live session of that kind). A failed lookup (the
/// database did not answer) is not kept: the next ask tries again.
#[derive(Default)]
pub struct Callers {
    mail: OnceCell<Option<Session>>,
    console: OnceCell<Option<Session>>,
}

/// What `cell` holds for this request, looked up by `lookup` the first
/// time (and every time when the request carries no [`Callers`]: a request
/// made outside the HTTP edge).
async fn once<T, F, Fut>(
    request: &Request,
    cell: fn(&Callers) -> &OnceCell<T>,
    lookup: F,
) -> Result<T>
where
    T: Clone,
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    match request.extension::<Arc<Callers>>() {
        Some(callers) => cell(callers).get_or_try_init(lookup).await.cloned(),
        None => lookup().await,
    }
}

/// The live session of `kind` this request carries.
async fn session(ctx: &Ctx, request: &Request, kind: Kind) -> Result<Option<Session>> {
    let cell: fn(&Callers) -> &OnceCell<Option<Session>> = match kind {
        Kind::Mail => |callers| &callers.mail,
        Kind::Console => |callers| &callers.console,
    };
    once(request, cell, || async {
        let Some(token) = request.cookie(kind.cookie_name()) else {
            return Ok(None);
        };
        let subject = sessions::lookup(&ctx.db, kind, token, ctx.now()).await?;
        Ok(subject.map(|subject_id| Session {
            subject_id,
            token: token.to_owned(),
        }))
    })
    .await
}

/// The signed-in, enabled mail account, enforcing the forced password
/// change unless `allow_must_change`; with its session.
pub async fn signed_in_account(
    ctx: &Ctx,
    request: &Request,
    allow_must_change: bool,
) -> Result<(MailAccount, Session)> {
    let session = session(ctx, request, Kind::Mail)
        .await?
        .ok_or(UserError::NotSignedIn)?;
    // A disabled account's sessions are revoked when it is disabled; this
    // is the second lock on the same door.
    let account = mail_account(ctx, &session.subject_id)
        .await?
        .filter(|account| account.status.is_enabled())
        .ok_or(UserError::NotSignedIn)?;
    if account.must_change() && !allow_must_change {
        return Err(UserError::MustChangePassword.into());
    }
    Ok((account, session))
}

/// The signed-in cloud account owner's login name, with their session.
pub async fn signed_in_owner(ctx: &Ctx, request: &Request) -> Result<(String, Session)> {
    let session = session(ctx, request, Kind::Console)
        .await?
        .ok_or(UserError::NotSignedIn)?;
    let login_name: String =
        sqlx::query_scalar("SELECT login_name FROM cloud_accounts WHERE id = $1")
            .bind(&session.subject_id)
            .fetch_optional(&ctx.db.pool)
            .await?
            .ok_or(UserError::NotSignedIn)?;
    Ok((login_name, session))
}
