//! The SMS gateway of the multi-instance tests: counts what it is sent,
//! answers 500 on demand, and can stop listening altogether.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};

use crate::harness::free_port;

/// What the SMS gateway was sent, and how it answers.
#[derive(Clone, Default)]
pub struct Gateway {
    /// The messages it accepted.
    pub received: Arc<Mutex<Vec<serde_json::Value>>>,
    /// When each request came, accepted or not.
    pub hits: Arc<Mutex<Vec<Instant>>>,
    /// Answer 500 while set.
    pub failing: Arc<Mutex<bool>>,
}

async fn gateway_sms(
    State(gateway): State<Gateway>,
    Json(body): Json<serde_json::Value>,
) -> StatusCode {
    gateway.hits.lock().unwrap().push(Instant::now());
    if *gateway.failing.lock().unwrap() {
        return StatusCode::INTERNAL_SERVER_ERROR;
    }
    gateway.received.lock().unwrap().push(body);
    StatusCode::OK
}

/// A running gateway on a fixed port; `stop` closes the port (nothing
/// listens), `start` opens it again.
pub struct GatewayServer {
    pub gateway: Gateway,
    pub port: u16,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl GatewayServer {
    pub async fn start() -> Self {
        let mut server = GatewayServer {
            gateway: Gateway::default(),
            port: free_port(),
            task: None,
        };
        server.listen().await;
        server
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/sms", self.port)
    }

    pub async fn listen(&mut self) {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", self.port))
            .await
            .expect("bind the gateway's port");
        let app = Router::new()
            .route("/sms", post(gateway_sms))
            .with_state(self.gateway.clone());
        self.task = Some(tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        }));
    }

    pub async fn stop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
            let _ = task.await;
        }
    }

    /// Messages accepted.
    pub fn count(&self) -> usize {
        self.gateway.received.lock().unwrap().len()
    }

    /// Requests received, accepted or not.
    pub fn hits(&self) -> Vec<Instant> {
        self.gateway.hits.lock().unwrap().clone()
    }

    pub fn fail(&self, failing: bool) {
        *self.gateway.failing.lock().unwrap() = failing;
    }
}
