//! Faults a deployment meets: an instance killed mid-flow, the database
//! stopped and started, and a SQLite instance killed while it writes.
//! (The SMS gateway failing or gone: `gateway_faults.rs`.)

use std::time::{Duration, Instant};

use futures::future::join_all;

use crate::harness::{eventually, postgres, served_by, Cluster, Instance, Setup, TempDir};
use crate::people::*;

/// Whether the account's Forgot Password flow and its password agree:
/// the grant is used exactly when a new password was stored after the
/// flow began. Returns (grant used, password changed).
async fn flow_and_password(db: &sqlx::PgPool, address: &str) -> (bool, bool) {
    let (used, changed_at, created_at): (Option<i64>, i64, i64) = sqlx::query_as(
        "SELECT f.grant_used_at, a.password_changed_at, f.created_at \
         FROM recovery_flows f JOIN mail_accounts a ON a.id = f.account_id \
         WHERE a.address = $1 ORDER BY f.created_at DESC LIMIT 1",
    )
    .bind(address)
    .fetch_one(db)
    .await
    .expect("the account's flow");
    (used.is_some(), changed_at >= created_at)
}

/// Through `base`, up to and including the answers (Li Si and Zhang San
/// both have questions).
async fn verified_by_questions(person: &Browser, base: &str, email: &str) {
    pass_the_first_step(person, base, email).await;
    let choose = person
        .post(
            base,
            "/forgot/api/choose_method",
            &[("verify_by", "questions")],
        )
        .await;
    assert_eq!(choose.status(), 200, "questions are chosen");
    let answers = person
        .post(
            base,
            "/forgot/api/answer_questions",
            &[
                ("answer_1", ANSWERS[0]),
                ("answer_2", ANSWERS[1]),
                ("answer_3", ANSWERS[2]),
            ],
        )
        .await;
    assert_eq!(answers.status(), 200, "the answers pass");
}

fn reset_form(password: &str) -> [(&'static str, &str); 2] {
    [("new_password", password), ("confirm_password", password)]
}

#[tokio::test]
async fn an_instance_killed_mid_flow_leaves_the_person_to_finish_on_the_other() {
    let mut cluster = Cluster::start(Setup {
        instances: 2,
        balancer: true,
        ..Setup::default()
    })
    .await;
    let front = cluster.front().to_owned();

    // Li Si: the first steps through the balancer, then instance 1 dies.
    let li = Browser::new(&cluster.origin);
    let image = begin(&li, &front).await;
    let code = captcha_answer(&li, &front, &image).await;
    let submit = li
        .post(
            &front,
            "/forgot/api/submit_address",
            &[("email", LI), ("captcha", &code)],
        )
        .await;
    assert_eq!(submit.status(), 200);
    cluster.instances[0].kill9();
    let started = Instant::now();
    let choose = li
        .post(
            &front,
            "/forgot/api/choose_method",
            &[("verify_by", "questions")],
        )
        .await;
    assert_eq!(
        choose.status(),
        200,
        "the balancer sends the step to the survivor"
    );
    assert_eq!(served_by(&choose).as_deref(), Some("instance2"));
    let answers = li
        .post(
            &front,
            "/forgot/api/answer_questions",
            &[
                ("answer_1", ANSWERS[0]),
                ("answer_2", ANSWERS[1]),
                ("answer_3", ANSWERS[2]),
            ],
        )
        .await;
    assert_eq!(answers.status(), 200);
    let reset = li
        .post(
            &front,
            "/forgot/api/reset_password",
            &reset_form("Survivor#Li2026"),
        )
        .await;
    assert_eq!(reset.status(), 200, "Li Si finishes");
    assert!(started.elapsed() < Duration::from_secs(10));
    let db = cluster.db().await;
    assert_eq!(flow_and_password(&db, LI).await, (true, true));
    let fresh = Browser::new(&cluster.origin);
    assert_eq!(
        log_on(&fresh, &front, LI, "Survivor#Li2026").await.status(),
        200
    );

    // Zhang San: verified, then the instance holding the reset is killed
    // while it works. Whatever it had done is whole: the grant is used
    // exactly when the password is stored.
    cluster.instances[0].restart().await;
    let zhang = Browser::new(&cluster.origin);
    let direct = cluster.instances[0].url.clone();
    verified_by_questions(&zhang, &direct, ZHANG).await;
    let halfway = reset_form("Halfway#Kite2026");
    let in_flight = zhang.try_post(&direct, "/forgot/api/reset_password", &halfway);
    let kill = async {
        tokio::time::sleep(Duration::from_millis(8)).await;
        cluster.instances[0].kill9();
    };
    let (answer, ()) = tokio::join!(
        tokio::time::timeout(Duration::from_secs(10), in_flight),
        kill
    );
    let (used, changed) = flow_and_password(&db, ZHANG).await;
    assert_eq!(
        used, changed,
        "no grant used without its password, nor the reverse"
    );
    if let Ok(Ok(answer)) = answer {
        assert_eq!(answer.status(), 200, "the reset was acceptable");
        assert!(used, "a reset reported done is stored");
    }
    // Through the balancer the person sees where the flow stands: either
    // done, or the reset still open to finish on the other instance.
    if !used {
        let retry = zhang
            .post(
                &front,
                "/forgot/api/reset_password",
                &reset_form("Halfway#Kite2026"),
            )
            .await;
        assert_eq!(retry.status(), 200, "the reset finishes on the survivor");
    }
    assert_eq!(flow_and_password(&db, ZHANG).await, (true, true));
    let fresh = Browser::new(&cluster.origin);
    assert_eq!(
        log_on(&fresh, &front, ZHANG, "Halfway#Kite2026")
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn while_the_database_is_stopped_requests_get_a_quick_503_and_the_instances_recover_alone() {
    let cluster = Cluster::start(Setup {
        instances: 2,
        ..Setup::default()
    })
    .await;
    let person = Browser::new(&cluster.origin);
    let quick = reqwest::Client::new();
    postgres("stop");
    let stopped = Instant::now();

    // Readiness turns to 503 within 2 s on both.
    for instance in &cluster.instances {
        let down = eventually(Duration::from_secs(2), || async {
            quick
                .get(format!("{}/readyz", instance.url))
                .send()
                .await
                .is_ok_and(|answer| answer.status() == 503)
        })
        .await;
        assert!(down, "{} reports not ready", instance.name);
    }
    assert!(stopped.elapsed() < Duration::from_secs(3));

    // A logon and a page that needs the database answer 503 in time, with
    // words, not a stack.
    for instance in &cluster.instances {
        let asked = Instant::now();
        let answer = log_on(&person, &instance.url, ZHANG, EMPLOYEE_PASSWORD).await;
        assert!(asked.elapsed() < Duration::from_secs(5), "no hang past 5 s");
        assert_eq!(answer.status(), 503, "{}: a clear 503", instance.name);
        assert!(answer.headers().contains_key("retry-after"));
        let body = answer.text().await.unwrap();
        assert!(body.contains("Unavailable"), "says what happened: {body}");
        assert!(
            !body.contains("sqlx") && !body.contains("panicked"),
            "{body}"
        );

        let asked = Instant::now();
        let page = person.get(&instance.url, "/forgot").await;
        assert!(asked.elapsed() < Duration::from_secs(5), "no hang past 5 s");
        assert_ne!(page.status(), 500, "{}: never a 500", instance.name);
    }

    // Ten seconds down, then back: both serve again by themselves.
    tokio::time::sleep(Duration::from_secs(10).saturating_sub(stopped.elapsed())).await;
    postgres("start");
    for instance in &cluster.instances {
        let back = eventually(Duration::from_secs(10), || async {
            log_on(
                &Browser::new(&cluster.origin),
                &instance.url,
                ZHANG,
                EMPLOYEE_PASSWORD,
            )
            .await
            .status()
                == 200
        })
        .await;
        assert!(back, "{} recovers without a restart", instance.name);
        let ready = quick
            .get(format!("{}/readyz", instance.url))
            .send()
            .await
            .unwrap();
        assert_eq!(ready.status(), 200);
    }
}

#[tokio::test]
async fn a_sqlite_instance_killed_while_it_resets_passwords_loses_nothing_it_confirmed() {
    let dir = TempDir::new("sqlite-kill");
    let file = dir.0.join("app.db");
    let port = crate::harness::free_port();
    let origin = format!("http://127.0.0.1:{port}");
    let args: Vec<String> = [
        "--database-url".to_owned(),
        format!("sqlite://{}", file.display()),
        "--demo".to_owned(),
        "--public-origin".to_owned(),
        origin.clone(),
    ]
    .to_vec();
    let mut instance = Instance::spawn("sqlite", port, &args, &dir.0);
    instance.ready().await;
    let base = instance.url.clone();
    let postmaster = Browser::new(&origin);
    assert_eq!(
        log_on(&postmaster, &base, POSTMASTER, POSTMASTER_PASSWORD)
            .await
            .status(),
        200
    );
    let accounts = [
        "zhang.san@example.com",
        "li.si@example.com",
        "wang.wu@example.com",
    ];
    let ids: Vec<String> = {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", file.display()))
            .await
            .unwrap();
        let mut ids = Vec::new();
        for address in accounts {
            ids.push(
                sqlx::query_scalar("SELECT id FROM mail_accounts WHERE address = $1")
                    .bind(address)
                    .fetch_one(&pool)
                    .await
                    .unwrap(),
            );
        }
        pool.close().await;
        ids
    };

    // One loop an account: reset, and remember what was confirmed and
    // what was still on its way when the process died.
    let deadline = Instant::now() + Duration::from_millis(1500);
    let loops = ids.iter().enumerate().map(|(n, id)| {
        let postmaster = &postmaster;
        let base = &base;
        async move {
            let mut confirmed: Option<String> = None;
            let mut round = 0;
            loop {
                let password = format!("Round#{n}x{round}Kill");
                let answer = postmaster
                    .client
                    .post(format!("{base}/api/reset_password"))
                    .header("origin", &postmaster.origin)
                    .form(&[
                        ("id", id.as_str()),
                        ("new_password", password.as_str()),
                        ("confirm_password", password.as_str()),
                    ])
                    .send()
                    .await;
                match answer {
                    Ok(answer) if answer.status() == 200 => confirmed = Some(password),
                    Ok(answer) => panic!("a reset answered {}", answer.status()),
                    // The process is gone: this one was on its way.
                    Err(_) => return (confirmed, Some(password)),
                }
                round += 1;
                if Instant::now() > deadline + Duration::from_secs(20) {
                    return (confirmed, None);
                }
            }
        }
    });
    let kill = async {
        tokio::time::sleep_until(deadline.into()).await;
        instance.kill9();
    };
    let (outcomes, ()) = tokio::join!(join_all(loops), kill);

    // The file is whole, and each account's password is the last one
    // confirmed, or the one on its way.
    {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", file.display()))
            .await
            .unwrap();
        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(check, "ok");
        pool.close().await;
    }
    instance.restart().await;
    for (address, (confirmed, on_its_way)) in accounts.iter().zip(outcomes) {
        let confirmed = confirmed.expect("some resets were confirmed before the kill");
        let on_its_way = on_its_way.expect("the kill came while the loop ran");
        let logs_on = |password: String| {
            let origin = origin.clone();
            let base = base.clone();
            async move {
                log_on(&Browser::new(&origin), &base, address, &password)
                    .await
                    .status()
                    == 200
            }
        };
        let last = logs_on(confirmed.clone()).await;
        let next = !last && logs_on(on_its_way.clone()).await;
        assert!(
            last || next,
            "{address}: the password is the last confirmed ({confirmed}) or the one on its way ({on_its_way})"
        );
    }
}
