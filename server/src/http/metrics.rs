//! The metrics at the HTTP edge: every request of the public listener
//! timed (`time_requests`), and `GET /metrics` served on its own address
//! (`serve`), never on the public listener. What is counted and how the
//! text is made is `services::infra::metrics`.

use std::net::SocketAddr;
use std::time::Instant;

use anyhow::Context;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use services::infra::metrics::{self, Gauges};

/// Times every request of the public listener, by kind of route and
/// status class.
pub async fn time_requests(request: Request, next: Next) -> Response {
    let kind = route_kind(request.uri().path());
    let started = Instant::now();
    let response = next.run(request).await;
    let status = match response.status().as_u16() {
        100..=399 => "ok",
        400..=499 => "4xx",
        _ => "5xx",
    };
    metrics::request_answered(kind, status, started.elapsed().as_secs_f64());
    response
}

fn route_kind(path: &str) -> &'static str {
    if path.starts_with("/api/") || path.starts_with("/forgot/api/") {
        "server_function"
    } else if path.starts_with("/pkg/") {
        "asset"
    } else if path.starts_with("/mail-auth/") {
        "mail_auth"
    } else if path == "/healthz" || path == "/readyz" {
        "probe"
    } else {
        "page"
    }
}

/// Serves `GET /metrics` on `addr` until the process ends; returns the
/// bound address (port 0 picks one).
pub async fn serve(addr: SocketAddr, gauges: Gauges) -> anyhow::Result<SocketAddr> {
    metrics::install()?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("listen for metrics on {addr}"))?;
    let bound = listener.local_addr().context("the metrics address")?;
    let router = Router::new()
        .route("/metrics", get(scrape))
        .with_state(gauges);
    tokio::spawn(async move {
        if let Err(err) = axum::serve(listener, router).await {
            tracing::error!(%err, "the metrics listener stopped");
        }
    });
    Ok(bound)
}

async fn scrape(State(gauges): State<Gauges>) -> Response {
    match metrics::render(&gauges).await {
        Ok(text) => ([("content-type", "text/plain; version=0.0.4")], text).into_response(),
        Err(err) => {
            tracing::error!(error = %format!("{err:#}"), "render the metrics");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
