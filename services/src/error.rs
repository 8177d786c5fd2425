//! The one error type inside the services: either something the user may
//! be told (`UserError`), or an internal failure with its cause. Services
//! use plain `?` (a failed query, a hashing error or any `anyhow` error
//! converts); the area's entry function (what a server function calls) turns the result into what the browser may
//! see with [`ForUser::for_user`], logging an internal cause once, with
//! what was being done.

use std::future::Future;

use proto::error::UserError;

use crate::infra::passwords::HashError;

#[derive(Debug)]
pub enum Error {
    User(UserError),
    Internal(anyhow::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<UserError> for Error {
    fn from(error: UserError) -> Self {
        Error::User(error)
    }
}

impl From<anyhow::Error> for Error {
    fn from(error: anyhow::Error) -> Self {
        Error::Internal(error)
    }
}

impl From<sqlx::Error> for Error {
    fn from(error: sqlx::Error) -> Self {
        Error::Internal(error.into())
    }
}

impl From<HashError> for Error {
    fn from(error: HashError) -> Self {
        match error {
            HashError::Busy => Error::User(UserError::Busy),
            HashError::Failed(cause) => Error::Internal(anyhow::anyhow!(cause)),
        }
    }
}

impl Error {
    /// What the user is told. An internal cause is logged here (never
    /// sent), with `doing` saying what failed.
    pub fn into_user(self, doing: &str) -> UserError {
        match self {
            Error::User(error) => error,
            Error::Internal(cause) if database_unavailable(&cause) => {
                tracing::warn!(error = %format!("{cause:#}"), doing, "database unavailable");
                UserError::Unavailable
            }
            Error::Internal(cause) => {
                tracing::error!(error = %format!("{cause:#}"), doing, "internal error");
                UserError::Internal
            }
        }
    }
}

/// True when `cause` is the database not answering (stopped, restarting,
/// unreachable, every connection busy past the pool's wait) rather than a
/// fault of this request: the request may be sent again as it is.
pub fn database_unavailable(cause: &anyhow::Error) -> bool {
    cause
        .chain()
        .filter_map(|source| source.downcast_ref::<sqlx::Error>())
        .any(|error| match error {
            sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::Protocol(_)
            | sqlx::Error::WorkerCrashed => true,
            sqlx::Error::Database(error) => error.code().is_some_and(|code| {
                // PostgreSQL: connection exceptions (class 08), shutting
                // down or starting up (57P01-57P03). SQLite: busy, locked.
                code.starts_with("08")
                    || matches!(code.as_ref(), "57P01" | "57P02" | "57P03" | "5" | "6")
            }),
            _ => false,
        })
}

/// The conversion at an area's entry function.
pub trait ForUser<T> {
    fn for_user(self, doing: &str) -> std::result::Result<T, UserError>;
}

impl<T> ForUser<T> for Result<T> {
    fn for_user(self, doing: &str) -> std::result::Result<T, UserError> {
        self.map_err(|error| error.into_user(doing))
    }
}

/// Runs `work` for the caller `find` resolves (the signed-in postmaster,
/// the console owner); an error of either becomes what the user may see,
/// here and only here.
pub async fn for_caller<C, T, Fut>(
    find: impl Future<Output = Result<C>>,
    doing: &str,
    work: impl FnOnce(C) -> Fut,
) -> std::result::Result<T, UserError>
where
    Fut: Future<Output = Result<T>>,
{
    let result = match find.await {
        Ok(caller) => work(caller).await,
        Err(error) => Err(error),
    };
    result.for_user(doing)
}

/// A write that met a UNIQUE constraint (two requests racing for one name).
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|db| db.is_unique_violation())
}
