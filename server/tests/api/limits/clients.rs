//! Per-client caps key on the address the trusted balancer appended, not
//! on anything the client wrote, and an IPv6 client by its /64.

use app::auth::api::LogOn;
use futures::future::join_all;

use super::{counter, preset_counter, BURST, WRONG};
use crate::helpers::{secret, spawn_app_with, spawn_demo_app, Call, TestApp};

/// A wrong logon for a fresh unknown address, with `X-Forwarded-For`.
async fn logon_via(app: &TestApp, i: usize, forwarded_for: &str) -> u16 {
    let logon = LogOn {
        email: format!("nobody{i}@example.com"),
        password: secret(WRONG),
    };
    Call::of(logon)
        .post(app, &reqwest::Client::new())
        .header("x-forwarded-for", forwarded_for)
        .send()
        .await
        .expect("request is sent")
        .status()
        .as_u16()
}

async fn burst_via(app: &TestApp, forwarded_for: impl Fn(usize) -> String) -> usize {
    let headers: Vec<String> = (0..BURST).map(&forwarded_for).collect();
    let statuses = join_all(
        headers
            .iter()
            .enumerate()
            .map(|(i, header)| logon_via(app, i, header)),
    )
    .await;
    statuses.iter().filter(|status| **status == 429).count()
}

#[tokio::test]
async fn forged_first_hops_still_count_against_the_balancers_entry() {
    let app = spawn_app_with(&["--demo", "--trust-forwarded-for"]).await;
    preset_counter(&app, "logon-client:203.0.113.9", 97).await;
    // Each request forges a different first hop (and a second header line);
    // the balancer's own entry, last, is the same.
    let refused = burst_via(&app, |i| format!("198.51.100.{i}, 10.9.{i}.1, 203.0.113.9")).await;
    assert_eq!(refused, BURST - 3);
    assert_eq!(counter(&app, "logon-client:203.0.113.9").await, 100);
    for i in 0..BURST {
        assert_eq!(
            counter(&app, &format!("logon-client:198.51.100.{i}")).await,
            0
        );
    }
}

#[tokio::test]
async fn a_client_rotating_through_its_ipv6_64_meets_one_cap() {
    let app = spawn_app_with(&["--demo", "--trust-forwarded-for"]).await;
    preset_counter(&app, "logon-client:2001:db8:7:8::/64", 97).await;
    let refused = burst_via(&app, |i| format!("2001:db8:7:8:{i:x}:{i:x}::1")).await;
    assert_eq!(refused, BURST - 3);
}

#[tokio::test]
async fn the_number_of_trusted_hops_is_a_setting() {
    let app = spawn_app_with(&["--demo", "--trust-forwarded-for", "--trusted-hops", "2"]).await;
    // client, outer balancer's entry (the client), inner balancer's entry.
    assert_eq!(
        logon_via(&app, 0, "6.6.6.6, 203.0.113.5, 10.0.0.2").await,
        401
    );
    assert_eq!(counter(&app, "logon-client:203.0.113.5").await, 1);
}

#[tokio::test]
async fn without_a_trusted_balancer_the_header_is_ignored() {
    let app = spawn_demo_app().await;
    let refused = burst_via(&app, |i| format!("198.51.100.{i}")).await;
    assert_eq!(refused, 0);
    assert_eq!(counter(&app, "logon-client:127.0.0.1").await, BURST as i64);
    assert_eq!(counter(&app, "logon-client:198.51.100.1").await, 0);
}
