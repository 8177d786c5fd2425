//! The SMS gateway failing or gone: messages are tried again with the
//! documented backoff and delivered once when it answers; a code that
//! expired meanwhile is never sent.

use std::time::{Duration, Instant};

use crate::gateway::GatewayServer;
use crate::harness::{eventually, Cluster, Setup};
use crate::people::*;

/// `(status, attempts)` of every SMS, oldest first.
async fn sms_states(db: &sqlx::PgPool) -> Vec<(String, i64)> {
    sqlx::query_as("SELECT status, attempts FROM sms_messages ORDER BY created_at")
        .fetch_all(db)
        .await
        .unwrap()
}

/// Starts `email`'s Forgot Password by SMS on `base`: queues one code.
async fn ask_for_a_code(person: &Browser, base: &str, email: &str) {
    pass_the_first_step(person, base, email).await;
    let choose = person
        .post(base, "/forgot/api/choose_method", &[("verify_by", "sms")])
        .await;
    assert_eq!(choose.status(), 200, "a code is queued");
}

#[tokio::test]
async fn a_failing_gateway_gets_the_message_again_with_backoff_and_once_when_it_answers() {
    let gateway = GatewayServer::start().await;
    gateway.fail(true);
    let cluster = Cluster::start(Setup {
        instances: 2,
        sms_webhook: Some(gateway.url()),
        ..Setup::default()
    })
    .await;
    let db = cluster.db().await;
    ask_for_a_code(
        &Browser::new(&cluster.origin),
        &cluster.instances[0].url,
        ZHANG,
    )
    .await;
    // Four answers of 500, spaced by the documented backoff: 2 s, 4 s,
    // 8 s (the workers look for due messages every second, so each try
    // may come up to a second late).
    assert!(
        eventually(Duration::from_secs(25), || async {
            gateway.hits().len() >= 4
        })
        .await,
        "the message is tried again"
    );
    let hits = gateway.hits();
    for (n, expected) in [2.0, 4.0, 8.0].into_iter().enumerate() {
        let gap = (hits[n + 1] - hits[n]).as_secs_f64();
        assert!(
            (expected - 0.2..expected + 1.6).contains(&gap),
            "try {} came {gap:.1} s after the one before, not {expected} s",
            n + 2
        );
    }
    assert_eq!(gateway.count(), 0);
    assert_eq!(sms_states(&db).await, vec![("queued".to_owned(), 4)]);
    gateway.fail(false);
    // The fifth try is due 16 s after the fourth.
    assert!(
        eventually(Duration::from_secs(25), || async { gateway.count() == 1 }).await,
        "delivered once the gateway answers"
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(gateway.count(), 1, "and only once");
    assert_eq!(gateway.hits().len(), 5);
    assert_eq!(sms_states(&db).await, vec![("sent".to_owned(), 5)]);
}

#[tokio::test]
async fn with_the_gateway_gone_for_a_minute_a_code_arrives_once_after_and_an_expired_one_never() {
    let mut gateway = GatewayServer::start().await;
    gateway.stop().await;
    let cluster = Cluster::start(Setup {
        instances: 2,
        sms_webhook: Some(gateway.url()),
        ..Setup::default()
    })
    .await;
    let db = cluster.db().await;
    let [a, b] = [&cluster.instances[0].url, &cluster.instances[1].url];
    let gone = Instant::now();
    // Two codes: Zhang San's on instance 1, the example.com postmaster's
    // on instance 2.
    ask_for_a_code(&Browser::new(&cluster.origin), a, ZHANG).await;
    ask_for_a_code(&Browser::new(&cluster.origin), b, POSTMASTER).await;
    let expiring: String = sqlx::query_scalar("SELECT id FROM sms_messages WHERE to_number <> $1")
        .bind(ZHANG_PHONE)
        .fetch_one(&db)
        .await
        .expect("the postmaster's code is queued");
    // The postmaster's code runs out while the gateway is away (test
    // set-up: its ten minutes pass in twenty seconds).
    sqlx::query("UPDATE sms_messages SET expires_at = $1 WHERE id = $2")
        .bind(services::infra::clock::Clock::now(&services::infra::clock::SystemClock) + 20_000)
        .bind(&expiring)
        .execute(&db)
        .await
        .unwrap();
    // A minute with nothing listening.
    tokio::time::sleep(Duration::from_secs(60).saturating_sub(gone.elapsed())).await;
    assert_eq!(gateway.hits().len(), 0);
    gateway.listen().await;
    // Tries come at 0, 2, 6, 14, 30, 62 s: the next lands after the return.
    assert!(
        eventually(Duration::from_secs(40), || async { gateway.count() >= 1 }).await,
        "the live code arrives once the gateway is back"
    );
    tokio::time::sleep(Duration::from_secs(3)).await;
    let received = gateway.gateway.received.lock().unwrap().clone();
    assert_eq!(
        received.len(),
        1,
        "once, and the expired one never: {received:?}"
    );
    assert_eq!(received[0]["to"], ZHANG_PHONE);
    let expired: (String, String) =
        sqlx::query_as("SELECT status, text FROM sms_messages WHERE id = $1")
            .bind(&expiring)
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(
        expired,
        ("expired".to_owned(), String::new()),
        "dropped, its text gone"
    );
}
