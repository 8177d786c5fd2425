//! `GET /admin/audit/export.csv?event=…&account=…&from=…&to=…`: the Audit
//! Log's "Export CSV". The postmaster and the filters are checked before
//! anything is sent; the rows then stream in batches
//! (`services::admin::Export`), so the server holds one batch at a time
//! however long the log is.

use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures::{stream, StreamExt};

use app::admin::AuditFilter;
use app::error::UserError;
use services::request::{Client, Request as ServiceRequest};

use crate::http::state::AppState;

pub const ROUTE: &str = "/admin/audit/export.csv";

pub async fn export(
    State(state): State<AppState>,
    Query(filter): Query<AuditFilter>,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    let client = parts
        .extensions
        .get::<Client>()
        .cloned()
        .unwrap_or_else(Client::unknown);
    let language = parts
        .extensions
        .get::<app::language::Language>()
        .copied()
        .unwrap_or_default();
    let request = ServiceRequest::new(client, state.settings.cookie_secure(), &parts.headers)
        .in_language(language)
        .with_extensions(parts.extensions);
    let ctx = state.ctx.clone();
    let export = match services::admin::audit_export(&ctx, &request, &filter).await {
        Ok(export) => export,
        Err(UserError::NotSignedIn) => {
            return (StatusCode::SEE_OTHER, [(header::LOCATION, "/login")]).into_response()
        }
        Err(error) => {
            let status =
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            return (status, app::messages::user_error(language, &error)).into_response();
        }
    };
    let chunks = stream::unfold(Some(export), move |export| {
        let ctx = ctx.clone();
        async move {
            let mut export = export?;
            match export.next(&ctx).await {
                Ok(Some(chunk)) => Some((Ok::<_, std::io::Error>(chunk), Some(export))),
                Ok(None) => None,
                Err(error) => {
                    // The headers are gone: the connection is cut, so the
                    // file is visibly incomplete rather than silently short.
                    tracing::error!(error = %error, "audit export failed");
                    Some((Err(std::io::Error::other("audit export failed")), None))
                }
            }
        }
    });
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"audit-log.csv\""),
            ),
        ],
        // Fused: the compression layer polls once more after the end.
        Body::from_stream(chunks.fuse()),
    )
        .into_response()
}
