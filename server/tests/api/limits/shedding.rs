//! A flood bigger than the instance can queue is refused at the edge: at
//! once, with 503 and Retry-After, before any of it is routed, hashed or
//! counted; the probes still answer.

use crate::helpers::Browser;
use futures::future::join_all;

use crate::helpers::{new_client, spawn_app_with, EMPLOYEE_PASSWORD};

#[tokio::test]
async fn a_flood_past_the_queue_is_refused_at_the_edge_and_the_probes_still_answer() {
    let app = spawn_app_with(&["--demo", "--trust-forwarded-for"]).await;
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    // More logons at once than run (4 a core) and wait (32 a core)
    // together; each from its own address, with the right password.
    let flood = 40 * cores + 40;
    let clients: Vec<Browser> = (0..flood).map(|_| new_client()).collect();
    let probes = async {
        // While the flood is in, readiness answers.
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        app.get("/readyz").await.status()
    };
    let logons = join_all(clients.iter().enumerate().map(|(n, client)| {
        let address = format!("198.51.100.{}", n % 250 + 1);
        let origin = app.address.clone();
        let url = app.url("/api/log_on");
        async move {
            let answer = client
                .post(url)
                .header("origin", origin)
                .header("x-forwarded-for", address)
                .form(&[
                    ("email", "zhao.liu@example.org"),
                    ("password", EMPLOYEE_PASSWORD),
                ])
                .send()
                .await
                .expect("an answer");
            let status = answer.status().as_u16();
            // A refusal carries the same security headers as any answer.
            let retry = answer.headers().contains_key("retry-after")
                && answer.headers().contains_key("content-security-policy")
                && answer.headers()["x-frame-options"] == "DENY";
            let body = answer.text().await.unwrap_or_default();
            (status, retry, body)
        }
    }));
    let (answers, ready) = tokio::join!(logons, probes);
    assert_eq!(ready, 200, "the readiness probe is never shed");
    let shed: Vec<_> = answers
        .iter()
        .filter(|(status, _, body)| *status == 503 && body.starts_with("The server is busy"))
        .collect();
    assert!(
        !shed.is_empty(),
        "a flood of {flood} is partly refused at the edge: {:?}",
        answers.iter().map(|a| a.0).collect::<Vec<_>>()
    );
    assert!(
        shed.iter().all(|(_, retry, _)| *retry),
        "with Retry-After and the security headers"
    );
    assert!(
        answers
            .iter()
            .all(|(status, _, _)| matches!(status, 200 | 403 | 503)),
        "nothing else: {:?}",
        answers.iter().map(|a| a.0).collect::<Vec<_>>()
    );
    // What was refused at the edge was never judged: every logon judged
    // left an audit event, and there are as many as answers that are not
    // edge refusals.
    let audited: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(audited as usize <= flood - shed.len());
}
