//! Plain HTTP endpoints beside the Leptos routes: the captcha image, and
//! the demo-mode pages tests read (`/dev/*` is hidden unless demo mode is
//! on, by `middleware::dev_gate`).

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::http::state::AppState;
use services::captcha;
use services::infra::sms;

fn failed(err: anyhow::Error) -> Response {
    tracing::error!(error = %format!("{err:#}"), "internal error");
    (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong.").into_response()
}

/// `GET /forgot/captcha/<id>`: the PNG while the image is live and unused.
pub async fn captcha_image(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let now = state.ctx.now();
    match captcha::image(&state.db, &id, now).await {
        Ok(Some(png)) => (
            [
                (header::CONTENT_TYPE, "image/png"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            png,
        )
            .into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, "This image has expired.").into_response(),
        Err(err) => failed(err),
    }
}

/// `GET /dev/captcha/<id>`: the answer, for tests (demo mode only).
pub async fn captcha_answer(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match captcha::dev_answer(&state.db, &id).await {
        Ok(Some(answer)) => answer.into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, "No such captcha.").into_response(),
        Err(err) => failed(err),
    }
}

/// `GET /dev/outbox`: the latest 100 SMS, newest first (demo mode only).
pub async fn outbox(State(state): State<AppState>) -> Response {
    match sms::outbox(&state.db, 100).await {
        Ok(messages) => ([(header::CACHE_CONTROL, "no-store")], Json(messages)).into_response(),
        Err(err) => failed(err),
    }
}
