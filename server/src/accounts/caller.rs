//! Who holds the request's session: the mail account (employee or
//! postmaster) or the cloud account owner, read from the session cookie,
//! never from anything the browser claims. A page asks for its caller
//! several times (one rendering calls several services); the lookup runs
//! once a request and is kept in the [`Callers`] the middleware gives
//! every request.

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

/// This request's callers, each looked up at most once (`None`: the
/// request holds no live session of that kind). A failed lookup (the
/// database did not answer) is not kept: the next ask tries again.
#[derive(Default)]
pub struct Callers {
    mail: OnceCell<Option<(MailAccount, Session)>>,
    console: OnceCell<Option<(String, Session)>>,
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

async fn session(ctx: &Ctx, request: &Request, kind: Kind) -> Result<Option<Session>> {
    let Some(token) = request.cookie(kind.cookie_name()) else {
        return Ok(None);
    };
    let subject = sessions::lookup(&ctx.db, kind, token, ctx.now()).await?;
    Ok(subject.map(|subject_id| Session {
        subject_id,
        token: token.to_owned(),
    }))
}

/// The enabled mail account holding this request's session.
async fn mail_caller(ctx: &Ctx, request: &Request) -> Result<Option<(MailAccount, Session)>> {
    once(
        request,
        |callers| &callers.mail,
        || async {
            let Some(session) = session(ctx, request, Kind::Mail).await? else {
                return Ok(None);
            };
            // A disabled account's sessions are revoked when it is disabled;
            // this is the second lock on the same door.
            let account = mail_account(ctx, &session.subject_id)
                .await?
                .filter(|account| account.status.is_enabled());
            Ok(account.map(|account| (account, session)))
        },
    )
    .await
}

/// The signed-in, enabled mail account, enforcing the forced password
/// change unless `allow_must_change`; with its session.
pub async fn signed_in_account(
    ctx: &Ctx,
    request: &Request,
    allow_must_change: bool,
) -> Result<(MailAccount, Session)> {
    let (account, session) = mail_caller(ctx, request)
        .await?
        .ok_or(UserError::NotSignedIn)?;
    if account.must_change() && !allow_must_change {
        return Err(UserError::MustChangePassword.into());
    }
    Ok((account, session))
}

/// The signed-in cloud account owner's login name, with their session.
pub async fn signed_in_owner(ctx: &Ctx, request: &Request) -> Result<(String, Session)> {
    let owner = once(
        request,
        |callers| &callers.console,
        || async {
            let Some(session) = session(ctx, request, Kind::Console).await? else {
                return Ok(None);
            };
            let login_name: Option<String> =
                sqlx::query_scalar("SELECT login_name FROM cloud_accounts WHERE id = $1")
                    .bind(&session.subject_id)
                    .fetch_optional(&ctx.db.pool)
                    .await?;
            Ok(login_name.map(|login_name| (login_name, session)))
        },
    )
    .await?;
    owner.ok_or_else(|| UserError::NotSignedIn.into())
}
