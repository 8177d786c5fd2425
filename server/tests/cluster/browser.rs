//! The browser suite's three scenarios, in Chromium, through HAProxy in
//! front of two instances: the steps of one person's flow land on both.

use crate::harness::{workspace, Cluster, Setup};

/// HAProxy's log lines (`option httplog`) for requests to `path_prefix`
/// that `instance` served.
fn served(log: &str, instance: &str, path_prefix: &str) -> usize {
    log.lines()
        .filter(|line| line.contains(&format!(" app/{instance} ")))
        .filter(|line| line.contains(&format!(" {path_prefix}")))
        .count()
}

#[tokio::test]
async fn the_three_scenarios_pass_in_chromium_through_the_balancer() {
    let cluster = Cluster::start(Setup {
        instances: 2,
        balancer: true,
        ..Setup::default()
    })
    .await;
    let specs = [
        "tests/scenario1.spec.ts",
        "tests/forgot.spec.ts",
        "tests/forgot.nojs.spec.ts",
        "tests/scenario3.spec.ts",
    ];
    let status = tokio::process::Command::new("npx")
        .args(["playwright", "test"])
        .args(specs)
        .current_dir(workspace().join("end2end"))
        .env("E2E_BASE_URL", cluster.front())
        .status()
        .await
        .expect("run Playwright (npx, from end2end/node_modules)");
    assert!(status.success(), "the scenarios pass through the balancer");

    let log = std::fs::read_to_string(&cluster.balancer.as_ref().expect("a balancer").log)
        .expect("HAProxy's log");
    let mut line = String::from("served through HAProxy:");
    for instance in ["instance1", "instance2"] {
        let forgot = served(&log, instance, "/forgot/api/");
        let all = served(&log, instance, "/");
        line.push_str(&format!(
            " {instance} {all} requests ({forgot} Forgot Password steps);"
        ));
        assert!(
            forgot > 0,
            "{instance} served Forgot Password steps:\n{log}"
        );
    }
    println!("{line}");
}
