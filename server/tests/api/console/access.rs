//! Who may use the console, and where their reach ends: only a signed-in
//! cloud account owner, only on their own domains, and another owner's
//! real domain id reads exactly like one that does not exist.

use app::console::api::{AddDomain, ChangeConsolePassword, ResetPostmasterPassword};
use app::error::UserError;

use super::{as_owner, domain_id, owner_hash, reset_postmaster};
use crate::admin::stored_hash;
use crate::helpers::{
    location, new_client, secret, spawn_demo_app, user_error, Browser, Call, TestApp,
    CONSOLE_PASSWORD, POSTMASTER_PASSWORD,
};

const NEW_PASSWORD: &str = "Quiet#River88";

/// The console server functions that aim at a domain by its id, with
/// arguments that would change something if they were accepted.
fn aimed_at(domain: &str) -> Vec<Call> {
    vec![Call::of(ResetPostmasterPassword {
        id: domain.to_owned(),
        new_password: secret(NEW_PASSWORD),
        confirm_password: secret(NEW_PASSWORD),
        policy_version: None,
        must_change: None,
    })]
}

/// Every console server function (`domain` is the id to aim at).
fn every_function(domain: &str) -> Vec<Call> {
    let mut calls = aimed_at(domain);
    calls.extend([
        Call::of(AddDomain {
            domain: "intruder.net".into(),
            new_password: secret(NEW_PASSWORD),
            confirm_password: secret(NEW_PASSWORD),
            policy_version: None,
        }),
        Call::of(ChangeConsolePassword {
            current_password: secret(CONSOLE_PASSWORD),
            new_password: secret(NEW_PASSWORD),
            confirm_password: secret(NEW_PASSWORD),
            policy_version: None,
        }),
    ]);
    calls
}

/// The reads the console's pages make of a domain while they render, as
/// `client`'s page makes them, with what each answered.
async fn reads_aimed_at(
    app: &TestApp,
    client: &Browser,
    domain: &str,
) -> Vec<(&'static str, Result<(), UserError>)> {
    use services::console;
    vec![
        (
            "domain",
            app.read_with(client, async |c, r| console::domain(c, r, domain).await)
                .await
                .map(drop),
        ),
        (
            "postmaster_password_context",
            app.read_with(client, async |c, r| {
                console::postmaster_password_context(c, r, domain).await
            })
            .await
            .map(drop),
        ),
    ]
}

/// Every read the console's pages make while they render.
async fn every_read(
    app: &TestApp,
    client: &Browser,
    domain: &str,
) -> Vec<(&'static str, Result<(), UserError>)> {
    let mut reads = reads_aimed_at(app, client, domain).await;
    let own = app
        .read_with(client, services::console::own_password_context)
        .await;
    reads.push(("own_password_context", own.map(drop)));
    reads
}

async fn assert_nothing_changed(app: &TestApp, postmaster_hash: &str, owner: &str) {
    assert_eq!(
        stored_hash(app, "postmaster@example.com").await,
        postmaster_hash
    );
    assert_eq!(owner_hash(app, "owner").await, owner);
    let intruders: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM domains WHERE name = 'intruder.net'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(intruders, 0);
}

#[tokio::test]
async fn another_owner_is_not_allowed_anything_on_example_com_even_with_its_real_id() {
    let app = spawn_demo_app().await;
    let owner2 = new_client();
    let response = app
        .console_log_on_with(&owner2, "owner2", CONSOLE_PASSWORD)
        .await;
    assert_eq!(response.status(), 200);
    let id = domain_id(&app, "example.com").await;
    let postmaster = stored_hash(&app, "postmaster@example.com").await;
    let owner = owner_hash(&app, "owner").await;

    for (read, answer) in reads_aimed_at(&app, &owner2, &id).await {
        assert_eq!(answer, Err(UserError::NotAllowed), "{read}");
    }
    for call in aimed_at(&id) {
        let function = call.path;
        let response = app.send(&owner2, call).await;
        assert_eq!(response.status(), 403, "{function}");
        assert_eq!(
            user_error(response).await,
            UserError::NotAllowed,
            "{function}"
        );
    }
    let with_checkbox = reset_postmaster(&app, &owner2, &id, NEW_PASSWORD, true).await;
    assert_eq!(user_error(with_checkbox).await, UserError::NotAllowed);
    assert_nothing_changed(&app, &postmaster, &owner).await;
    let still = app
        .log_on_with(&new_client(), "postmaster@example.com", POSTMASTER_PASSWORD)
        .await;
    assert_eq!(location(&still).as_deref(), Some("/admin"));
}

#[tokio::test]
async fn a_domain_id_that_does_not_exist_reads_the_same_as_another_owners() {
    let app = as_owner().await;
    let missing = uuid::Uuid::new_v4().to_string();
    for (read, answer) in reads_aimed_at(&app, &app.client, &missing).await {
        assert_eq!(answer, Err(UserError::NotAllowed), "{read}");
    }
    for call in aimed_at(&missing) {
        let function = call.path;
        let response = app.send(&app.client, call).await;
        assert_eq!(
            user_error(response).await,
            UserError::NotAllowed,
            "{function}"
        );
    }
}

#[tokio::test]
async fn a_mail_session_is_not_signed_in_to_the_console() {
    let app = spawn_demo_app().await;
    let response = app
        .log_on("postmaster@example.com", POSTMASTER_PASSWORD)
        .await;
    assert_eq!(response.status(), 200);
    let id = domain_id(&app, "example.com").await;
    let postmaster = stored_hash(&app, "postmaster@example.com").await;
    let owner = owner_hash(&app, "owner").await;
    for (read, answer) in every_read(&app, &app.client, &id).await {
        assert_eq!(answer, Err(UserError::NotSignedIn), "{read}");
    }
    for call in every_function(&id) {
        let function = call.path;
        let response = app.send(&app.client, call).await;
        assert_eq!(response.status(), 401, "{function}");
        assert_eq!(
            user_error(response).await,
            UserError::NotSignedIn,
            "{function}"
        );
    }
    assert_nothing_changed(&app, &postmaster, &owner).await;
}

#[tokio::test]
async fn without_any_session_nothing_is_answered() {
    let app = spawn_demo_app().await;
    let id = domain_id(&app, "example.com").await;
    for (read, answer) in every_read(&app, &app.client, &id).await {
        assert_eq!(answer, Err(UserError::NotSignedIn), "{read}");
    }
    for call in every_function(&id) {
        let function = call.path;
        let response = app.send(&app.client, call).await;
        assert_eq!(
            user_error(response).await,
            UserError::NotSignedIn,
            "{function}"
        );
    }
}

#[tokio::test]
async fn an_owner_is_locked_out_after_five_failed_console_logons() {
    let app = spawn_demo_app().await;
    let attacker = new_client();
    for n in 0..4 {
        let guess = format!("Guess#Word1{n}");
        let response = app.console_log_on_with(&attacker, "owner", &guess).await;
        assert_eq!(user_error(response).await, UserError::BadConsoleCredentials);
    }
    let fifth = app
        .console_log_on_with(&attacker, "owner", "Guess#Word15")
        .await;
    assert_eq!(user_error(fifth).await, UserError::Locked);
    let right = app
        .console_log_on_with(&new_client(), "owner", CONSOLE_PASSWORD)
        .await;
    assert_eq!(user_error(right).await, UserError::Locked);
    // Other owners are not affected.
    let other = app
        .console_log_on_with(&new_client(), "owner2", CONSOLE_PASSWORD)
        .await;
    assert_eq!(other.status(), 200);
}
