//! `/metrics`: Prometheus text on its own listener, never the public one.

use crate::helpers::{new_client, spawn_app_with, EMPLOYEE_PASSWORD};
use crate::lockout::{guess, stranger_logs_on};
use crate::recovery::ZHANG;

/// The value of the sample `name{labels}` (labels as Prometheus prints
/// them, in order), 0 when absent.
fn sample(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.trim().parse().ok())
        .unwrap_or(0.0)
}

async fn scrape(app: &crate::helpers::TestApp) -> String {
    let url = format!("{}/metrics", app.metrics_address.as_ref().unwrap());
    let response = reqwest::get(&url).await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    response.text().await.unwrap()
}

#[tokio::test]
async fn metrics_count_logons_by_outcome_and_source_on_their_own_listener() {
    let app = spawn_app_with(&["--demo", "--metrics-bind", "127.0.0.1:0"]).await;
    // Not on the public listener.
    assert_eq!(app.get("/metrics").await.status(), 404);

    let failures = r#"recovery_logons_total{channel="web",outcome="failure",source="stranger"}"#;
    let successes = r#"recovery_logons_total{channel="web",outcome="success",source="familiar"}"#;
    let locks = r#"recovery_lockouts_total{source="stranger"}"#;
    // The recorder is the process's: other tests count too, so compare.
    let before = scrape(&app).await;
    let browser = new_client();
    app.log_on_with(&browser, ZHANG, EMPLOYEE_PASSWORD).await;
    for n in 0..5 {
        stranger_logs_on(&app, ZHANG, &guess(n)).await;
    }
    app.log_on_with(&browser, ZHANG, EMPLOYEE_PASSWORD).await;
    let after = scrape(&app).await;
    assert!(
        sample(&after, failures) >= sample(&before, failures) + 5.0,
        "{after}"
    );
    assert!(
        sample(&after, successes) >= sample(&before, successes) + 1.0,
        "{after}"
    );
    assert!(
        sample(&after, locks) >= sample(&before, locks) + 1.0,
        "{after}"
    );
    for name in [
        "recovery_http_request_duration_seconds_bucket",
        "recovery_hasher_in_use",
        "recovery_hasher_waiting",
        "recovery_sms_queue_oldest_seconds",
        "recovery_sms_total",
    ] {
        assert!(after.contains(name), "{name} missing from {after}");
    }
}
