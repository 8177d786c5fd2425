//! The HTTP listener: accepts connections and serves HTTP/1.1 on each with
//! the time limits a slow or idle client meets before any route runs.
//!
//! - [`HEADER_TIMEOUT`]: the request head (line and headers) must arrive
//!   within it, counted from when the connection is ready for a request.
//!   hyper starts that clock again as soon as an answer is sent on a
//!   kept-alive connection, so the same limit ends an idle connection.
//! - The body's limit ([`crate::http::hardening::BODY_TIMEOUT`]) is kept by the
//!   body reader, before the load shedder hands out a turn.
//!
//! Graceful shutdown stops accepting and lets the requests in flight end.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tower::ServiceExt;

/// How long a client has to send a request's head, and how long a
/// kept-alive connection may sit idle before it is closed.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// After a shutdown signal, how long requests in flight may take to end.
const DRAIN: Duration = Duration::from_secs(25);

/// Serves `router` on `listener` until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let graceful = GracefulShutdown::new();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors, say: wait a moment rather
                    // than spin, as hyper's own accept loops do.
                    tracing::warn!(%err, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request
                .extensions_mut()
                .insert(ConnectInfo::<SocketAddr>(peer));
            let router = router.clone();
            async move {
                let response = router.oneshot(request.map(axum::body::Body::new)).await;
                Ok::<_, Infallible>(match response {
                    Ok(response) => response,
                    Err(never) => match never {},
                })
            }
        });
        let connection = http.serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that goes away or breaks the protocol ends only its
            // own connection.
            if let Err(err) = connection.await {
                tracing::debug!(%err, "connection ended with an error");
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still in flight after the drain period; stopping anyway");
    }
    Ok(())
}
