//! To a stranger, an unknown address, a disabled account and an active one
//! answer alike, attempt after attempt, whatever their owners do meanwhile.

use app::admin::api::SetAccountEnabled;
use services::infra::clock::MINUTE;

use super::guess;
use crate::helpers::{new_client, spawn_demo_app, TestApp, EMPLOYEE_PASSWORD, POSTMASTER_PASSWORD};
use crate::recovery::{LI, WANG};

/// What a stranger sees of one attempt: the status and the body.
async fn seen(app: &TestApp, email: &str, password: &str) -> (u16, String) {
    let response = app.log_on_with(&new_client(), email, password).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Seven guesses from strangers over 20 minutes; after the second, the
/// owner (if the address has one) logs on from their own browser with
/// the right password: signed in, or told the account is disabled.
async fn strangers_see(
    app: &TestApp,
    email: &str,
    owner: Option<&reqwest::Client>,
) -> Vec<(u16, String)> {
    let mut answers = Vec::new();
    for n in 0..6 {
        answers.push(seen(app, email, &guess(n)).await);
        if let (1, Some(owner)) = (n, owner) {
            app.log_on_with(owner, email, EMPLOYEE_PASSWORD).await;
        }
    }
    app.clock.advance(16 * MINUTE);
    answers.push(seen(app, email, &guess(99)).await);
    app.clock.advance(-16 * MINUTE);
    answers
}

#[tokio::test]
async fn unknown_disabled_and_active_accounts_read_the_same_to_a_stranger_over_time() {
    let app = spawn_demo_app().await;
    let admin = app
        .signed_in_client("postmaster@example.com", POSTMASTER_PASSWORD)
        .await;
    let li = crate::admin::account_id(&app, LI).await;
    let disabled = app
        .call_with(
            &admin,
            SetAccountEnabled {
                id: li.to_string(),
                enabled: false,
            },
        )
        .await;
    assert_eq!(disabled.status(), 200);
    // Wang Wu's browser is one he used before.
    let wang = app.signed_in_client(WANG, EMPLOYEE_PASSWORD).await;

    let unknown = strangers_see(&app, "nobody@example.com", None).await;
    let disabled = strangers_see(&app, LI, Some(&new_client())).await;
    let active = strangers_see(&app, WANG, Some(&wang)).await;
    assert_eq!(unknown, disabled, "unknown vs disabled");
    assert_eq!(unknown, active, "unknown vs active");
    // And the sequence is the lockout's: four refusals, the lock, the
    // lock, and after it a plain refusal again.
    assert_eq!(unknown[0].0, 401, "{unknown:?}");
    assert_eq!(unknown[4].0, 403, "{unknown:?}");
    assert_eq!(unknown[6], unknown[0], "{unknown:?}");
}
