//! The HTTP edge: the listener and its time limits, the middleware every
//! request passes (who the client is, request ids, security headers, the
//! same-origin gate, the load shedder, the body read), the state the
//! handlers share, and the few routes that are not server functions
//! (health, `POST /language`, the dev endpoints).

pub mod audit_export;
pub mod client;
pub mod common_list;
pub mod dev;
pub mod hardening;
pub mod health;
pub mod import_upload;
pub mod language;
pub mod listener;
pub mod mail_policy;
pub mod metrics;
pub mod middleware;
pub mod shed;
pub mod state;
