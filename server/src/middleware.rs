//! Cross-cutting HTTP behaviour: request ids, access logs, and the gate
//! that hides the development pages unless demo mode is on.

use axum::extract::{Request, State};
use axum::http::{HeaderName, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::state::AppState;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

pub fn set_request_id() -> SetRequestIdLayer<MakeRequestUuid> {
    SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid)
}

pub fn propagate_request_id() -> PropagateRequestIdLayer {
    PropagateRequestIdLayer::new(REQUEST_ID)
}

/// One span a request carrying its id, method and path (never the query
/// string or body, which may hold secrets).
pub fn trace() -> TraceLayer<
    tower_http::classify::SharedClassifier<tower_http::classify::ServerErrorsAsFailures>,
    impl Fn(&Request) -> tracing::Span + Clone,
> {
    TraceLayer::new_for_http().make_span_with(|request: &Request| {
        let request_id = request
            .headers()
            .get(REQUEST_ID)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("-");
        tracing::info_span!(
            "request",
            request_id = %request_id,
            method = %request.method(),
            path = %request.uri().path(),
        )
    })
}

/// `/dev/*` exists only in demo mode; otherwise it is indistinguishable
/// from any other unknown path.
pub async fn dev_gate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !state.settings.demo && request.uri().path().starts_with("/dev/") {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    }
    next.run(request).await
}
