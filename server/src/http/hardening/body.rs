//! The request body, read whole before any turn is handed out: under
//! [`BODY_LIMIT_BYTES`] and within [`BODY_TIMEOUT`], or refused.
//!
//! Reading it here, outside the load shedder, means a client that sends
//! its body slowly (or never) holds a connection and a timer, not one of
//! the turns a person's logon or page needs. Every body this app takes is a
//! form of a few short fields, so holding it whole costs little.

use std::future::poll_fn;
use std::pin::Pin;
use std::time::Duration;

use axum::body::{Body, HttpBody};
use axum::extract::Request;
use axum::http::header::{CONNECTION, CONTENT_LENGTH};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The largest request body accepted. The app's forms carry a few short
/// fields; anything near this size is a mistake or an attack on memory
/// (OWASP Denial of Service Cheat Sheet: limit request sizes).
pub const BODY_LIMIT_BYTES: usize = 64 * 1024;

/// How long a whole body may take to arrive once the head has. 64 KiB at
/// 2G speed (a few kB/s) takes well under this; a body that trickles is an
/// attack on connections, or a network too broken to finish anyway.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(10);

pub(super) const BODY_TOO_LARGE: &str = "Request body too large (limit 64 KiB).";

/// The one larger body: Import accounts' CSV file (at most
/// [`proto::admin::IMPORT_MAX_MIB`] MiB, and the form around it), given
/// more time to arrive on a slow network.
pub const UPLOAD_PATH: &str = "/admin/accounts/import/upload";
const UPLOAD_KEEP_BYTES: usize = proto::admin::IMPORT_MAX_MIB * 1024 * 1024 + 64 * 1024;
const UPLOAD_TIMEOUT: Duration = Duration::from_secs(120);
/// An upload up to this size but over the kept size is read and thrown
/// away, so that its page can say why (a browser still sending shows
/// nothing of an early answer); a larger one is refused at once.
const UPLOAD_DRAIN_BYTES: usize = 32 * 1024 * 1024;

/// Marks a request whose upload was read and thrown away: too large.
#[derive(Clone, Copy, Debug)]
pub struct UploadTooLarge;

/// What a path may send: kept bytes, bytes read at all, and the time.
fn limits(path: &str) -> (usize, usize, Duration) {
    if path == UPLOAD_PATH {
        (UPLOAD_KEEP_BYTES, UPLOAD_DRAIN_BYTES, UPLOAD_TIMEOUT)
    } else {
        (BODY_LIMIT_BYTES, BODY_LIMIT_BYTES, BODY_TIMEOUT)
    }
}
const BODY_TOO_SLOW: &str = "The request body did not arrive in time. Please try again.";
const BODY_UNREADABLE: &str = "Could not read the request body.";

/// The middleware: 413 for a body over the limit (a declared length is
/// judged before a byte is read), 408 for one that has not arrived within
/// [`BODY_TIMEOUT`], 400 for one the connection broke off; otherwise the
/// request goes on with its body in memory.
pub async fn read_body(request: Request, next: Next) -> Response {
    let (keep, read_at_most, timeout) = limits(request.uri().path());
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > read_at_most as u64) {
        return too_large();
    }
    let (mut parts, body) = request.into_parts();
    if body.size_hint().lower() > read_at_most as u64 {
        return too_large();
    }
    if body.is_end_stream() {
        return next.run(Request::from_parts(parts, body)).await;
    }
    match tokio::time::timeout(timeout, read_capped(body, keep, read_at_most)).await {
        Ok(Ok(Some(bytes))) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Ok(Ok(None)) => {
            parts.extensions.insert(UploadTooLarge);
            next.run(Request::from_parts(parts, Body::empty())).await
        }
        Ok(Err(refusal)) => refusal,
        Err(_) => {
            tracing::info!(path = %parts.uri.path(), "a request body did not arrive in time");
            closing(StatusCode::REQUEST_TIMEOUT, BODY_TOO_SLOW)
        }
    }
}

/// The whole body (`None` when it passed `keep` bytes and was read to its
/// end without being kept), or the answer that refuses it.
async fn read_capped(
    mut body: Body,
    keep: usize,
    read_at_most: usize,
) -> Result<Option<Vec<u8>>, Response> {
    let mut buffered = Vec::new();
    let mut read = 0;
    while let Some(frame) = poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let Ok(frame) = frame else {
            return Err(closing(StatusCode::BAD_REQUEST, BODY_UNREADABLE));
        };
        // Trailers are dropped: nothing here uses them.
        if let Ok(data) = frame.into_data() {
            read += data.len();
            if read > read_at_most {
                return Err(too_large());
            }
            if read > keep {
                buffered = Vec::new();
            } else {
                buffered.extend_from_slice(&data);
            }
        }
    }
    Ok((read <= keep).then_some(buffered))
}

fn too_large() -> Response {
    closing(StatusCode::PAYLOAD_TOO_LARGE, BODY_TOO_LARGE)
}

/// The rest of an unread body would be read as the next request: the
/// connection ends with this answer.
fn closing(status: StatusCode, text: &'static str) -> Response {
    let mut response = (status, text).into_response();
    response
        .headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    response
}
