//! An unknown address gets exactly the answer of an account with no usable
//! recovery method: same status, same body, same time within noise.

use std::time::{Duration, Instant};

use app::recovery::RecoveryView;

use super::*;
use crate::helpers::spawn_demo_app;

const NO_METHOD: &str = "No recovery method is available for this account. Contact your email administrator (postmaster).";

/// The page with what differs per request by design (CSP nonces, which
/// Leptos also writes into `crossorigin`, and the request id that renews
/// the page's arrival island) blanked out: every run of 32 or more hex
/// digits, dashes allowed between them (a UUID).
fn comparable(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut run = String::new();
    for c in html.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_hexdigit() || (c == '-' && !run.is_empty()) {
            run.push(c);
            continue;
        }
        if run.chars().filter(char::is_ascii_hexdigit).count() >= 32 {
            out.push_str("<hex>");
        } else {
            out.push_str(&run);
        }
        run.clear();
        out.push(c);
    }
    out.pop();
    out
}

/// Status, location and body of the first step, and of the page after it.
async fn answers_for(app: &TestApp, email: &str) -> (u16, Option<String>, String, u16, String) {
    let flow = Flow::new(app);
    let id = flow.begin().await;
    let answer = captcha_answer(app, &id).await;
    let submitted = flow.submit(email, &answer).await;
    let status = submitted.status().as_u16();
    let location = crate::helpers::location(&submitted);
    let body = submitted.text().await.unwrap();
    let page = flow
        .client
        .get(app.url("/forgot/method"))
        .send()
        .await
        .unwrap();
    let page_status = page.status().as_u16();
    let page_body = comparable(&page.text().await.unwrap());
    assert_eq!(flow.state().await, RecoveryView::NoMethod, "{email}");
    (status, location, body, page_status, page_body)
}

#[tokio::test]
async fn an_unknown_address_reads_exactly_like_one_without_a_method() {
    let app = spawn_demo_app().await;
    let unknown = answers_for(&app, "nobody@example.com").await;
    let methodless = answers_for(&app, WANG).await;
    assert_eq!(unknown, methodless);
    assert_eq!(unknown.0, 200);
    assert!(unknown.4.contains(NO_METHOD), "{}", unknown.4);
    assert!(
        !unknown.4.contains("nobody"),
        "the page does not echo the address"
    );
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Timing over many interleaved runs: the medians of the first step differ
/// by no more than the noise between two runs of the same address. (A
/// parity check with a wide margin, not a speed target.)
#[tokio::test]
async fn an_unknown_address_takes_as_long_as_one_without_a_method() {
    let app = spawn_demo_app().await;
    const RUNS: usize = 25;
    let mut unknown = Vec::new();
    let mut methodless = Vec::new();
    for run in 0..RUNS * 2 {
        let email = if run % 2 == 0 {
            "nobody@example.com"
        } else {
            WANG
        };
        let flow = Flow::new(&app);
        let id = flow.begin().await;
        let answer = captcha_answer(&app, &id).await;
        let started = Instant::now();
        let response = flow.submit(email, &answer).await;
        let took = started.elapsed();
        assert_eq!(response.status(), 200);
        if run % 2 == 0 {
            unknown.push(took);
        } else {
            methodless.push(took);
        }
    }
    let (a, b) = (median(unknown), median(methodless));
    let gap = a.abs_diff(b);
    let bound = Duration::from_millis(5).max(a.max(b) / 2);
    assert!(
        gap <= bound,
        "median unknown {a:?} vs methodless {b:?}: gap {gap:?} over {bound:?}"
    );
}
