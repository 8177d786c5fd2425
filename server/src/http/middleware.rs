//! Cross-cutting HTTP behaviour: request ids, access logs, who the client
//! is and which language they read, and the gate that hides the
//! development pages unless demo mode is on.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderName, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::classify::{ServerErrorsAsFailures, ServerErrorsFailureClass, SharedClassifier};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{
    DefaultOnBodyChunk, DefaultOnEos, DefaultOnRequest, DefaultOnResponse, TraceLayer,
};
use tracing::Span;

use crate::http::state::AppState;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

pub fn set_request_id() -> SetRequestIdLayer<MakeRequestUuid> {
    SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid)
}

/// Drops an `X-Request-Id` the client sent unless a trusted balancer is in
/// front (`--trust-forwarded-for`), and even then one that is not a short
/// token: an id chosen by anyone else could forge or split log lines.
/// [`set_request_id`] then gives the request a fresh one.
pub async fn untrusted_request_id(
    State(trusted): State<bool>,
    mut request: Request,
    next: Next,
) -> Response {
    let keep = trusted
        && request
            .headers()
            .get(REQUEST_ID)
            .is_some_and(|value| is_plain_id(value.as_bytes()));
    if !keep {
        request.headers_mut().remove(REQUEST_ID);
    }
    next.run(request).await
}

/// At most 64 letters, digits, `-`, `_` or `.` (a UUID, HAProxy's
/// `unique-id-format`).
fn is_plain_id(id: &[u8]) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .iter()
            .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.'))
}

pub fn propagate_request_id() -> PropagateRequestIdLayer {
    PropagateRequestIdLayer::new(REQUEST_ID)
}

/// The access-log layer `trace()` builds.
pub type Trace = TraceLayer<
    SharedClassifier<ServerErrorsAsFailures>,
    fn(&Request) -> Span,
    DefaultOnRequest,
    DefaultOnResponse,
    DefaultOnBodyChunk,
    DefaultOnEos,
    fn(ServerErrorsFailureClass, Duration, &Span),
>;

/// One span a request carrying its id, method and path (never the query
/// string or body, which may hold secrets). Server errors are logged at
/// ERROR, except 503: under overload the hasher refuses on purpose, with
/// Retry-After, and a line per refusal would only add to the load.
pub fn trace() -> Trace {
    TraceLayer::new_for_http()
        .make_span_with(request_span as fn(&Request) -> Span)
        .on_failure(log_failure as fn(ServerErrorsFailureClass, Duration, &Span))
}

fn request_span(request: &Request) -> Span {
    let request_id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        request_id = %request_id,
        method = %request.method(),
        path = %logged_path(request.uri().path()),
    )
}

/// The path as logged: a "This wasn't me" link's token is a secret (it
/// locks an account down), so only its page's prefix is kept.
fn logged_path(path: &str) -> &str {
    let prefix = app::report::REPORT_PATH;
    if path.starts_with(prefix) {
        prefix
    } else {
        path
    }
}

fn log_failure(failure: ServerErrorsFailureClass, latency: Duration, _span: &Span) {
    if matches!(failure, ServerErrorsFailureClass::StatusCode(code) if code == StatusCode::SERVICE_UNAVAILABLE)
    {
        return;
    }
    tracing::error!(
        classification = %failure,
        latency = %format!("{} ms", latency.as_millis()),
        "response failed"
    );
}

/// `/dev/*` exists only in demo mode; otherwise it is indistinguishable
/// from any other unknown path.
pub async fn dev_gate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !state.settings.demo && request.uri().path().starts_with("/dev/") {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    }
    next.run(request).await
}

/// Resolves who the client is once, before any route runs, from the socket
/// peer and (behind a trusted balancer) `X-Forwarded-For`, and hands it to
/// the server functions as a request extension (`services::request::Client`).
pub async fn identify_client(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip());
    let ip = crate::http::client::client_ip(
        request.headers(),
        peer,
        state.settings.trust_forwarded_for,
        state.settings.trusted_hops,
    );
    let client = services::request::Client {
        addr: ip.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string()),
        limit_key: crate::http::client::limit_key(ip),
    };
    request.extensions_mut().insert(client);
    let cookies = services::request::Request::new(
        services::request::Client::unknown(),
        state.settings.cookie_secure(),
        request.headers(),
    );
    // The session cookies are read here; the session they name is looked
    // up at most once a request, when a service first asks (see
    // `accounts::Callers`).
    let callers = services::accounts::Callers::new(|kind| {
        cookies.cookie(kind.cookie_name()).map(str::to_owned)
    });
    let language = chosen_language(&cookies, request.headers());
    request.extensions_mut().insert(Arc::new(callers));
    request.extensions_mut().insert(language);
    next.run(request).await
}

/// The request's language (see `app::language::choose`): the `lang`
/// cookie, else `Accept-Language`, else English.
fn chosen_language(
    cookies: &services::request::Request,
    headers: &axum::http::HeaderMap,
) -> app::language::Language {
    let accept = headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok());
    app::language::choose(cookies.cookie(app::language::COOKIE), accept)
}

#[cfg(test)]
mod tests {
    use super::logged_path;

    #[test]
    fn a_report_links_token_never_reaches_the_log() {
        assert_eq!(logged_path("/r/Ab3dEf6hIj9kLm2n"), "/r/");
        assert_eq!(logged_path("/r/Ab3dEf6hIj9kLm2n?done=1"), "/r/");
        assert_eq!(logged_path("/forgot/sms"), "/forgot/sms");
    }
}
