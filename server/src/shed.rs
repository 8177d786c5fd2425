//! Load shedding at the edge: under a flood, what this instance cannot
//! serve soon is refused before it costs anything (no routing, no page
//! rendering, no database, no hashing), so what it does serve keeps going
//! at full speed.
//!
//! Requests come in two kinds, each with its own gate: server-function
//! posts (the work: logons, resets, codes, which may hash) and everything
//! else (pages and files, which are cheap). A gate lets a fixed number of
//! requests run, holds a bounded number more in a queue for at most
//! [`MAX_WAIT`], and answers the rest at once with 503 and `Retry-After`.
//! The probes (`/healthz`, `/readyz`) pass untouched: a busy instance is
//! still alive, and the balancer must be able to tell.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::{Semaphore, SemaphorePermit};

/// The longest a queued request waits for its turn.
pub const MAX_WAIT: Duration = Duration::from_secs(2);

/// One kind of request: so many at once, so many more waiting.
pub struct Gate {
    running: Semaphore,
    waiting: AtomicUsize,
    max_waiting: usize,
}

impl Gate {
    pub fn new(max_running: usize, max_waiting: usize) -> Self {
        Gate {
            running: Semaphore::new(max_running),
            waiting: AtomicUsize::new(0),
            max_waiting,
        }
    }

    /// A turn now, or after a wait in the queue; `None` when the queue is
    /// full or the wait ran out.
    pub async fn enter(&self) -> Option<SemaphorePermit<'_>> {
        if let Ok(permit) = self.running.try_acquire() {
            return Some(permit);
        }
        if self.waiting.fetch_add(1, Ordering::AcqRel) >= self.max_waiting {
            self.waiting.fetch_sub(1, Ordering::AcqRel);
            return None;
        }
        let turn = tokio::time::timeout(MAX_WAIT, self.running.acquire()).await;
        self.waiting.fetch_sub(1, Ordering::AcqRel);
        turn.ok()?.ok()
    }
}

/// The two gates of an instance.
pub struct Shedder {
    work: Gate,
    pages: Gate,
}

impl Shedder {
    /// Sized by the cores: the hasher runs one hash a core, so a few work
    /// requests a core keep it busy (the rest of a logon is database
    /// round trips) and a queue of 32 a core covers bursts that a person
    /// or a balancer's retry makes; pages are cheaper and get more room.
    pub fn for_cores(cores: usize) -> Self {
        Shedder {
            work: Gate::new(4 * cores, 32 * cores),
            pages: Gate::new(32 * cores, 128 * cores),
        }
    }
}

/// The middleware: outermost, so a refusal is the first thing done.
pub async fn shed(State(shedder): State<Arc<Shedder>>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if path == "/healthz" || path == "/readyz" {
        return next.run(request).await;
    }
    let gate = if request.method() == Method::POST {
        &shedder.work
    } else {
        &shedder.pages
    };
    match gate.enter().await {
        Some(_turn) => next.run(request).await,
        None => busy(),
    }
}

/// What a refused request gets: the same words as the hasher's refusal.
fn busy() -> Response {
    let mut response = (
        StatusCode::SERVICE_UNAVAILABLE,
        app::error::UserError::Busy.to_string(),
    )
        .into_response();
    let headers = response.headers_mut();
    headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::Gate;

    #[tokio::test]
    async fn a_full_gate_queues_up_to_its_bound_and_refuses_the_rest_at_once() {
        let gate = std::sync::Arc::new(Gate::new(1, 1));
        let first = gate.enter().await.expect("the first runs");
        // One waits for the running one...
        let waiting = {
            let gate = gate.clone();
            tokio::spawn(async move { gate.enter().await.is_some() })
        };
        tokio::task::yield_now().await;
        while gate.waiting.load(std::sync::atomic::Ordering::Acquire) == 0 {
            tokio::task::yield_now().await;
        }
        // ...and the next finds the queue full.
        assert!(gate.enter().await.is_none());
        drop(first);
        assert!(waiting.await.expect("the waiter ends"));
    }
}
