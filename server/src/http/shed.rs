//! Load shedding at the edge: under a flood, what this instance cannot
//! serve soon is refused before it costs anything (no routing, no page
//! rendering, no database, no hashing), so what it does serve keeps going
//! at full speed.
//!
//! Requests come in two kinds, each with its own gate: server-function
//! posts (the work: logons, resets, codes, which may hash) and everything
//! else (pages and files, which are cheap). A gate lets a fixed number of
//! requests run, holds a bounded number more in a queue for at most
//! [`MAX_WAIT`], and answers the rest with 503 and `Retry-After`, after
//! [`REFUSAL_DELAY`]: a client that sends again as soon as it is refused
//! (a flood does) would otherwise make refusing the instance's main work.
//! The delay costs a timer, nothing else.
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
/// How long a request that found the queue full waits for its refusal.
pub const REFUSAL_DELAY: Duration = Duration::from_secs(1);

/// What a gate gives a request.
pub enum Entry<'a> {
    /// Its turn: it runs while this is held.
    Turn(SemaphorePermit<'a>),
    /// The queue was full.
    Full,
    /// It waited [`MAX_WAIT`] in the queue.
    TimedOut,
}

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

    /// A turn now, or after a wait in the queue.
    pub async fn enter(&self) -> Entry<'_> {
        if let Ok(permit) = self.running.try_acquire() {
            return Entry::Turn(permit);
        }
        if self.waiting.fetch_add(1, Ordering::AcqRel) >= self.max_waiting {
            self.waiting.fetch_sub(1, Ordering::AcqRel);
            return Entry::Full;
        }
        let turn = tokio::time::timeout(MAX_WAIT, self.running.acquire()).await;
        self.waiting.fetch_sub(1, Ordering::AcqRel);
        match turn {
            Ok(Ok(permit)) => Entry::Turn(permit),
            _ => Entry::TimedOut,
        }
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
    let name = if request.method() == Method::POST {
        "work"
    } else {
        "pages"
    };
    match gate.enter().await {
        Entry::Turn(_turn) => next.run(request).await,
        Entry::TimedOut => {
            services::infra::metrics::shed(name);
            busy()
        }
        Entry::Full => {
            services::infra::metrics::shed(name);
            tokio::time::sleep(REFUSAL_DELAY).await;
            busy()
        }
    }
}

/// What a refused request gets: the same words as the hasher's refusal
/// (in English: the request's language is chosen further in).
fn busy() -> Response {
    let words =
        app::messages::user_error(app::language::Language::en, &app::error::UserError::Busy);
    let mut response = (StatusCode::SERVICE_UNAVAILABLE, words).into_response();
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
    use super::{Entry, Gate};

    #[tokio::test]
    async fn a_full_gate_queues_up_to_its_bound_and_turns_the_rest_away_at_once() {
        let gate = std::sync::Arc::new(Gate::new(1, 1));
        let Entry::Turn(first) = gate.enter().await else {
            panic!("the first runs");
        };
        // One waits for the running one...
        let waiting = {
            let gate = gate.clone();
            tokio::spawn(async move { matches!(gate.enter().await, Entry::Turn(_)) })
        };
        tokio::task::yield_now().await;
        while gate.waiting.load(std::sync::atomic::Ordering::Acquire) == 0 {
            tokio::task::yield_now().await;
        }
        // ...and the next finds the queue full.
        assert!(matches!(gate.enter().await, Entry::Full));
        drop(first);
        assert!(waiting.await.expect("the waiter ends"));
    }
}
