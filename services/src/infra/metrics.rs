//! Prometheus metrics (the `metrics` facade and its Prometheus exporter),
//! served in text format by the server's `http::metrics` only on the
//! separate `--metrics-bind` address, never on the public listener. Counters are counted where their events
//! happen, through the functions below (one name per metric, here);
//! gauges that describe live state (the hasher pool, the SMS queue's age)
//! are read when the metrics are scraped.

use std::sync::OnceLock;

use metrics::{counter, gauge, histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::infra::clock::SharedClock;
use crate::infra::db::Db;
use crate::infra::passwords::Hasher;

/// The process's one recorder (every app in the process reports to it),
/// installed by the first caller.
fn handle() -> anyhow::Result<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Result<PrometheusHandle, String>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full(REQUEST_SECONDS.to_owned()),
                    &[
                        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0,
                    ],
                )
                .and_then(PrometheusBuilder::install_recorder)
                .map_err(|err| format!("install the metrics recorder: {err}"))
        })
        .as_ref()
        .map_err(|err| anyhow::anyhow!("{err}"))
}

const REQUEST_SECONDS: &str = "recovery_http_request_duration_seconds";

/// A logon judged or refused: `channel` web or imap; `outcome` success,
/// failure, repeated (the same wrong password again, not counted),
/// previous_password (not counted), locked, disabled, reported, too_many (the
/// client's cap); `source` familiar or stranger.
pub fn logon(channel: &'static str, outcome: &'static str, source: &'static str) {
    counter!("recovery_logons_total", "channel" => channel, "outcome" => outcome, "source" => source)
        .increment(1);
}

/// A source was just locked by failures (`source`: familiar or stranger).
pub fn locked(source: &'static str) {
    counter!("recovery_lockouts_total", "source" => source).increment(1);
}

/// An account was unlocked with Forgot Password.
pub fn unlocked() {
    counter!("recovery_unlocks_total").increment(1);
}

/// A password was set (`action`: the audit action, which names the
/// scenario: password_reset, postmaster_password_reset, password_recovered,
/// password_changed, console_password_changed).
pub fn password_set(action: &'static str) {
    counter!("recovery_password_sets_total", "action" => action).increment(1);
}

/// SMS by what became of them: queued, sent, failed, expired.
pub fn sms(status: &'static str) {
    counter!("recovery_sms_total", "status" => status).increment(1);
}

/// Mail-session kicks by what became of them: queued, sent, failed.
pub fn kick(status: &'static str) {
    counter!("recovery_mail_kicks_total", "status" => status).increment(1);
}

/// A request refused by the load shedder (`gate`: work or pages).
pub fn shed(gate: &'static str) {
    counter!("recovery_requests_shed_total", "gate" => gate).increment(1);
}

/// A request of the public listener answered: `route` is its kind (a
/// bounded set: page, server_function, asset, mail_auth, probe) and
/// `status` its class (ok, 4xx, 5xx). Timed by the server's edge.
pub fn request_answered(route: &'static str, status: &'static str, seconds: f64) {
    histogram!(REQUEST_SECONDS, "route" => route, "status" => status).record(seconds);
}

/// What a scrape reads for its gauges (the infrastructure itself, not the
/// services' context, so the areas that count can depend on this module).
#[derive(Clone)]
pub struct Gauges {
    pub hasher: Hasher,
    pub db: Db,
    pub clock: SharedClock,
}

/// Makes sure the recorder exists before anything is counted (counts made
/// before it is installed are lost).
pub fn install() -> anyhow::Result<()> {
    handle().map(|_| ())
}

/// The metrics in Prometheus's text format, the gauges read now.
pub async fn render(gauges: &Gauges) -> anyhow::Result<String> {
    let handle = handle()?;
    let (in_use, waiting) = gauges.hasher.load();
    gauge!("recovery_hasher_in_use").set(in_use as f64);
    gauge!("recovery_hasher_waiting").set(waiting as f64);
    let now = gauges.clock.now();
    let oldest: Option<i64> =
        sqlx::query_scalar("SELECT MIN(created_at) FROM sms_messages WHERE status = 'queued'")
            .fetch_one(&gauges.db.pool)
            .await
            .unwrap_or(None);
    let age = oldest.map_or(0.0, |at| (now - at).max(0) as f64 / 1000.0);
    gauge!("recovery_sms_queue_oldest_seconds").set(age);
    Ok(handle.render())
}
