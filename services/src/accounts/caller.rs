//! Who holds the request's session: the mail account (employee or
//! postmaster) or the cloud account owner, read from the session cookie,
//! never from anything the browser claims. A page asks for its caller
//! several times (one rendering calls several services); the session is
//! looked up once a request and kept in the [`Callers`] the middleware
//! gives every request, with the session cookies it read there (no
//! service reads a session cookie). The account it names is read fresh each time: a
//! request may change it (a required password change is followed, in the
//! same request, by reading where its holder lands).

use std::sync::Arc;

use crate::request::Request;
use proto::error::UserError;
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

/// This request's sessions: the tokens its session cookies carry, read
/// at the HTTP edge, and each session looked up at most once (`None`: the
/// request holds no live session of that kind). A failed lookup (the
/// database did not answer) is not kept: the next ask tries again.
pub struct Callers {
    mail_token: Option<String>,
    console_token: Option<String>,
    mail: OnceCell<Option<Session>>,
    console: OnceCell<Option<Session>>,
}

impl Callers {
    /// `cookie` gives the session cookie of each kind the request sent.
    pub fn new(cookie: impl Fn(Kind) -> Option<String>) -> Self {
        Callers {
            mail_token: cookie(Kind::Mail),
            console_token: cookie(Kind::Console),
            mail: OnceCell::new(),
            console: OnceCell::new(),
        }
    }
}

/// The live session of `kind` this request carries. A request that did not
/// come through the HTTP edge carries none.
pub async fn session(ctx: &Ctx, request: &Request, kind: Kind) -> Result<Option<Session>> {
    let Some(callers) = request.extension::<Arc<Callers>>() else {
        return Ok(None);
    };
    let (token, cell) = match kind {
        Kind::Mail => (&callers.mail_token, &callers.mail),
        Kind::Console => (&callers.console_token, &callers.console),
    };
    let session = cell
        .get_or_try_init(|| async {
            let Some(token) = token else {
                return Ok(None);
            };
            let subject = sessions::lookup(&ctx.db, kind, token, ctx.now()).await?;
            Ok::<_, crate::error::Error>(subject.map(|subject_id| Session {
                subject_id,
                token: token.clone(),
            }))
        })
        .await?;
    Ok(session.clone())
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
