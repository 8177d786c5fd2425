//! No redirect the app builds leaves the site, whatever a crafted form
//! puts in the fields that reach one: the plain-form error path
//! (`or_fail_on`), the success redirects built from an id, and
//! `POST /language`'s `back`.

use app::admin::api::{ResetPassword, SetAccountEnabled};
use app::console::api::ResetPostmasterPassword;

use crate::helpers::{
    location, secret, spawn_demo_app, Call, TestApp, CONSOLE_PASSWORD, POSTMASTER_PASSWORD,
};

/// Values a hostile form puts in a hidden field.
const HOSTILE: &[&str] = &[
    "x/../..//evil.example",
    "x/../../..//evil.example/%2e%2e",
    "../../\\evil.example",
    "x/%2e%2e/%2e%2e//evil.example",
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/",
    "x?y=1#/../..//evil.example",
    "\t/evil.example",
    "x\r\nLocation: https://evil.example",
];

/// Where `target` leads from the app's pages, as a browser resolves it;
/// `None` when it leaves the app's origin (or is not a URL at all).
fn stays_on_site(app: &TestApp, target: &str) -> bool {
    let base = url::Url::parse(&format!("{}/admin/accounts/x", app.address)).unwrap();
    // Browsers drop tabs and newlines from a URL before reading it.
    let cleaned: String = target
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    base.join(&cleaned)
        .is_ok_and(|resolved| resolved.origin() == base.origin())
        && !target.contains('\\')
}

/// A plain form post (no JavaScript) of `call`.
async fn plain_post(app: &TestApp, client: &reqwest::Client, call: Call) -> reqwest::Response {
    call.post(app, client)
        .header("accept", "text/html")
        .send()
        .await
        .expect("an answer")
}

#[tokio::test]
async fn a_hostile_id_never_makes_a_redirect_off_the_site() {
    let app = spawn_demo_app().await;
    let postmaster = app
        .signed_in_client("postmaster@example.org", POSTMASTER_PASSWORD)
        .await;
    let owner = app
        .console_signed_in_client("owner", CONSOLE_PASSWORD)
        .await;
    let mut redirects = 0;
    for id in HOSTILE {
        let password = || secret("Tide#Pool2026x");
        let calls = [
            (
                &postmaster,
                Call::of(SetAccountEnabled {
                    id: id.to_string(),
                    enabled: false,
                }),
            ),
            (
                &postmaster,
                Call::of(ResetPassword {
                    id: id.to_string(),
                    new_password: password(),
                    confirm_password: password(),
                    policy_version: None,
                    must_change: None,
                }),
            ),
            (
                &owner,
                Call::of(ResetPostmasterPassword {
                    id: id.to_string(),
                    new_password: password(),
                    confirm_password: password(),
                    policy_version: None,
                    must_change: None,
                }),
            ),
        ];
        for (client, call) in calls {
            let function = call.path;
            let answer = plain_post(&app, client, call).await;
            assert!(
                answer.status().as_u16() < 500,
                "{function} {id:?}: {}",
                answer.status()
            );
            if let Some(target) = location(&answer) {
                redirects += 1;
                assert!(
                    stays_on_site(&app, &target),
                    "{function} {id:?} -> {target:?}"
                );
            }
        }
    }
    assert!(redirects > 0, "the plain form path does redirect");
}

#[tokio::test]
async fn the_language_choice_goes_back_only_to_a_page_of_the_site() {
    let app = spawn_demo_app().await;
    for back in HOSTILE
        .iter()
        .chain(&["/x/../..//evil.example", "/\t/evil.example"])
    {
        let answer = app
            .client
            .post(app.url("/language"))
            .header("origin", &app.address)
            .form(&[("lang", "zh-CN"), ("back", back)])
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 303, "{back:?}");
        let target = location(&answer).expect("a Location");
        assert!(stays_on_site(&app, &target), "{back:?} -> {target:?}");
    }
}
