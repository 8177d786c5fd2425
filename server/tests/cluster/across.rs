//! Two instances enforce one set of rules: whatever one instance counts,
//! starts or revokes, the other sees, because it lives in the database.

use std::time::Duration;

use futures::future::join_all;

use crate::gateway::GatewayServer;
use crate::harness::{eventually, served_by, Cluster, Setup};
use crate::people::*;

fn two() -> Setup {
    Setup {
        instances: 2,
        ..Setup::default()
    }
}

#[tokio::test]
async fn two_instances_started_together_on_an_empty_database_seed_it_once() {
    let mut cluster = Cluster::start(two()).await;
    let db = cluster.db().await;
    for instance in &mut cluster.instances {
        assert!(instance.running(), "{} is still running", instance.name);
    }
    let seeded = cluster
        .instances
        .iter()
        .filter(|instance| instance.log_text().contains("seeded the demo data"))
        .count();
    assert_eq!(seeded, 1, "exactly one instance seeds the demo data");
    for (table, expected) in [
        ("cloud_accounts", 2),
        ("domains", 2),
        ("mail_accounts", 6),
        ("security_questions", 6),
    ] {
        let count: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&db)
            .await
            .unwrap();
        assert_eq!(count, expected, "{table} holds the demo rows once");
    }
    for instance in &cluster.instances {
        let answer = log_on(
            &Browser::new(&cluster.origin),
            &instance.url,
            ZHANG,
            EMPLOYEE_PASSWORD,
        )
        .await;
        assert_eq!(answer.status(), 200, "{} logs Zhang San on", instance.name);
    }
}

#[tokio::test]
async fn a_logon_burst_spread_over_both_instances_judges_at_most_five() {
    let cluster = Cluster::start(two()).await;
    let browsers: Vec<Browser> = (0..40).map(|_| Browser::new(&cluster.origin)).collect();
    // A guesser's burst: forty different passwords.
    let guesses: Vec<String> = (0..40).map(|n| format!("Wrong#Password{n}")).collect();
    let answers = join_all(browsers.iter().enumerate().map(|(n, browser)| {
        let base = &cluster.instances[n % 2].url;
        log_on(browser, base, ZHANG, &guesses[n])
    }))
    .await;
    let statuses: Vec<u16> = answers.iter().map(|a| a.status().as_u16()).collect();
    // Five are judged: four answer "incorrect", the fifth locks the
    // account and says so, like the 35 refused without a hash.
    let wrong = statuses.iter().filter(|s| **s == 401).count();
    let locked = statuses.iter().filter(|s| **s == 403).count();
    assert_eq!((wrong, locked), (4, 36), "{statuses:?}");
    let db = cluster.db().await;
    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_events WHERE action IN ('logon_failed', 'logon_locked')",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(audited, 5, "five judged in all, across both instances");
    // Both instances refuse the right password now.
    for instance in &cluster.instances {
        let answer = log_on(
            &Browser::new(&cluster.origin),
            &instance.url,
            ZHANG,
            EMPLOYEE_PASSWORD,
        )
        .await;
        assert_eq!(answer.status(), 403, "{} sees the lockout", instance.name);
    }
}

/// Posts `form` to a Forgot Password step on `base`; its status.
async fn step(browser: &Browser, base: &str, function: &str, form: &[(&str, &str)]) -> u16 {
    browser
        .post(base, &format!("/forgot/api/{function}"), form)
        .await
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_forgot_password_flow_moves_between_instances_at_every_step_and_no_step_replays() {
    let cluster = Cluster::start(two()).await;
    let [a, b] = [&cluster.instances[0].url, &cluster.instances[1].url];
    let person = Browser::new(&cluster.origin);

    // Step 1 begins on A and passes on B; B and A then refuse it again.
    let image = begin(&person, a).await;
    let code = captcha_answer(&person, b, &image).await;
    let address = [("email", ZHANG), ("captcha", code.as_str())];
    assert_eq!(step(&person, b, "submit_address", &address).await, 200);
    assert_ne!(step(&person, a, "submit_address", &address).await, 200);
    assert_ne!(step(&person, b, "submit_address", &address).await, 200);

    // Step 2 on A; the choice cannot be made again on B.
    let sms = [("verify_by", "sms")];
    assert_eq!(step(&person, a, "choose_method", &sms).await, 200);
    assert_ne!(step(&person, b, "choose_method", &sms).await, 200);

    // Step 3 on B with the code A's choice sent; not again on A.
    let code = latest_code(&person, a, ZHANG_PHONE).await;
    let verify = [("code", code.as_str())];
    assert_eq!(step(&person, b, "verify_code", &verify).await, 200);
    assert_ne!(step(&person, a, "verify_code", &verify).await, 200);

    // Step 4 on A; the grant is used up, so B refuses the same reset.
    let reset = [
        ("new_password", "Across#Both2026"),
        ("confirm_password", "Across#Both2026"),
    ];
    assert_eq!(step(&person, a, "reset_password", &reset).await, 200);
    assert_ne!(step(&person, b, "reset_password", &reset).await, 200);

    for base in [a, b] {
        let fresh = Browser::new(&cluster.origin);
        assert_eq!(
            log_on(&fresh, base, ZHANG, "Across#Both2026")
                .await
                .status(),
            200
        );
    }
}

#[tokio::test]
async fn a_session_made_on_one_instance_is_revoked_on_both_by_a_reset_on_the_other() {
    let cluster = Cluster::start(two()).await;
    let [a, b] = [&cluster.instances[0].url, &cluster.instances[1].url];
    let employee = Browser::new(&cluster.origin);
    assert_eq!(
        log_on(&employee, a, ZHANG, EMPLOYEE_PASSWORD)
            .await
            .status(),
        200
    );
    for base in [a, b] {
        assert_eq!(employee.get(base, "/mail").await.status(), 200);
    }

    let postmaster = Browser::new(&cluster.origin);
    assert_eq!(
        log_on(&postmaster, b, POSTMASTER, POSTMASTER_PASSWORD)
            .await
            .status(),
        200
    );
    let id = account_id(&cluster.db().await, ZHANG).await;
    let reset = postmaster
        .post(
            b,
            "/api/reset_password",
            &[
                ("id", id.as_str()),
                ("new_password", "Reset#OnB2026"),
                ("confirm_password", "Reset#OnB2026"),
            ],
        )
        .await;
    assert_eq!(reset.status(), 200, "the postmaster resets on B");

    for base in [a, b] {
        let page = employee.get(base, "/mail").await;
        let to = page.headers().get("location").and_then(|v| v.to_str().ok());
        assert_eq!(to, Some("/login"), "the session is gone on {base}");
    }
}

#[tokio::test]
async fn every_queued_sms_is_delivered_exactly_once_although_both_instances_run_the_worker() {
    let gateway = GatewayServer::start().await;
    let cluster = Cluster::start(Setup {
        instances: 2,
        sms_webhook: Some(gateway.url()),
        ..Setup::default()
    })
    .await;
    let postmaster = Browser::new(&cluster.origin);
    let [a, b] = [&cluster.instances[0].url, &cluster.instances[1].url];
    assert_eq!(
        log_on(&postmaster, a, POSTMASTER, POSTMASTER_PASSWORD)
            .await
            .status(),
        200
    );
    let db = cluster.db().await;
    let id = account_id(&db, ZHANG).await;
    // Each reset queues a notice to Zhang San's phone, alternately on
    // each instance, two at a time.
    let resets = 12;
    for pair in 0..resets / 2 {
        let passwords = [
            format!("Notice#A{pair}x2026"),
            format!("Notice#B{pair}x2026"),
        ];
        let postmaster = &postmaster;
        join_all([a, b].into_iter().zip(&passwords).map(|(base, password)| {
            let id = id.as_str();
            async move {
                let form = [
                    ("id", id),
                    ("new_password", password.as_str()),
                    ("confirm_password", password.as_str()),
                ];
                postmaster.post(base, "/api/reset_password", &form).await
            }
        }))
        .await
        .iter()
        .for_each(|answer| assert_eq!(answer.status(), 200, "a reset"));
    }
    let queued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sms_messages")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(queued, resets, "one notice a reset");
    assert!(
        eventually(Duration::from_secs(20), || async {
            gateway.count() >= resets as usize
        })
        .await,
        "every notice arrives"
    );
    // Both workers poll every second: give a double delivery time to show.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(gateway.count(), resets as usize, "each notice arrives once");
    let once: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sms_messages WHERE status = 'sent' AND attempts = 1",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(once, resets, "each sent on its first attempt");
}

#[tokio::test]
async fn through_the_balancer_consecutive_requests_reach_both_instances() {
    let cluster = Cluster::start(Setup {
        instances: 2,
        balancer: true,
        ..Setup::default()
    })
    .await;
    let person = Browser::new(&cluster.origin);
    let mut served = std::collections::BTreeSet::new();
    for _ in 0..6 {
        let answer = person.get(cluster.front(), "/login").await;
        assert_eq!(answer.status(), 200);
        served.insert(served_by(&answer).expect("HAProxy names the instance"));
    }
    assert_eq!(served.len(), 2, "round-robin per request: {served:?}");
    // The instances see the person's address from X-Forwarded-For.
    let answer = log_on(&person, cluster.front(), ZHANG, EMPLOYEE_PASSWORD).await;
    assert_eq!(answer.status(), 200);
}
