//! Scenario 3: Email Services > Manage > Reset Password > Submit, and the
//! Manage page it starts from.

use crate::helpers::secret;
use crate::helpers::status;
use app::auth::PasswordContext;
use app::console::api::ResetPostmasterPassword;
use app::console::ManagedDomain;
use app::error::UserError;
use services::infra::clock::{Clock, MINUTE};

use super::{as_owner, domain_id, reset_postmaster};
use crate::admin::{audit_count, codes, stored_hash};
use crate::helpers::{location, new_client, user_error, POSTMASTER_PASSWORD};

const NEW_PASSWORD: &str = "Quiet#River88";
const POSTMASTER: &str = "postmaster@example.com";

#[tokio::test]
async fn the_owner_resets_the_postmaster_and_only_the_new_password_logs_on() {
    let app = as_owner().await;
    let id = domain_id(&app, "example.com").await;
    let response = reset_postmaster(&app, &app.client, &id, NEW_PASSWORD, true).await;
    assert_eq!(response.status(), 200);
    let now = app.clock.now();
    assert_eq!(
        location(&response),
        Some(format!("/console/domains/{id}?reset={now}"))
    );

    let old = app
        .log_on_with(&new_client(), POSTMASTER, POSTMASTER_PASSWORD)
        .await;
    assert_eq!(user_error(old).await, UserError::BadCredentials);
    let new = app
        .log_on_with(&new_client(), POSTMASTER, NEW_PASSWORD)
        .await;
    assert_eq!(location(&new).as_deref(), Some("/change-password"));
}

#[tokio::test]
async fn without_the_checkbox_the_postmaster_lands_in_domain_management() {
    let app = as_owner().await;
    let id = domain_id(&app, "example.com").await;
    let response = reset_postmaster(&app, &app.client, &id, NEW_PASSWORD, false).await;
    assert_eq!(response.status(), 200);
    let new = app
        .log_on_with(&new_client(), POSTMASTER, NEW_PASSWORD)
        .await;
    assert_eq!(location(&new).as_deref(), Some("/admin"));
}

#[tokio::test]
async fn the_reset_signs_the_postmaster_out_of_every_session() {
    let app = as_owner().await;
    let phone = new_client();
    let laptop = new_client();
    for client in [&phone, &laptop] {
        app.log_on_with(client, POSTMASTER, POSTMASTER_PASSWORD)
            .await;
        assert_eq!(
            status(&app.read_with(client, services::admin::home).await),
            200
        );
    }
    let id = domain_id(&app, "example.com").await;
    let response = reset_postmaster(&app, &app.client, &id, NEW_PASSWORD, false).await;
    assert_eq!(response.status(), 200);

    for client in [&phone, &laptop] {
        let answer = app.read_with(client, services::admin::home).await;
        assert_eq!(answer.unwrap_err(), UserError::NotSignedIn);
    }
    // The owner's console session is untouched.
    assert_eq!(status(&app.read(services::identity::owner).await), 200);
}

#[tokio::test]
async fn a_password_against_the_policy_is_refused_with_its_codes_and_no_hash_changes() {
    let app = as_owner().await;
    let id = domain_id(&app, "example.com").await;
    let before = stored_hash(&app, POSTMASTER).await;

    let keyword = reset_postmaster(&app, &app.client, &id, "Example#2026", false).await;
    assert_eq!(keyword.status(), 422);
    assert_eq!(codes(&user_error(keyword).await), ["contains_keyword"]);

    let account = reset_postmaster(&app, &app.client, &id, "Postmaster#2026", false).await;
    assert_eq!(codes(&user_error(account).await), ["contains_account"]);

    let mismatch = app
        .call(ResetPostmasterPassword {
            id: id.to_string(),
            new_password: secret(NEW_PASSWORD),
            confirm_password: secret("Quiet#River89"),
            policy_version: None,
            must_change: None,
        })
        .await;
    assert_eq!(codes(&user_error(mismatch).await), ["mismatch"]);

    assert_eq!(stored_hash(&app, POSTMASTER).await, before);
    assert_eq!(audit_count(&app, "postmaster_password_reset").await, 0);
    let still = app
        .log_on_with(&new_client(), POSTMASTER, POSTMASTER_PASSWORD)
        .await;
    assert_eq!(location(&still).as_deref(), Some("/admin"));
}

#[tokio::test]
async fn the_reset_appears_on_the_manage_page_and_in_the_postmasters_audit_log() {
    let app = as_owner().await;
    let id = domain_id(&app, "example.com").await;
    app.clock.advance(MINUTE);
    let response = reset_postmaster(&app, &app.client, &id, NEW_PASSWORD, false).await;
    assert_eq!(response.status(), 200);
    let at = app.clock.now();

    let domain: ManagedDomain = app
        .read(async |c, r| services::console::domain(c, r, &id).await)
        .await
        .unwrap();
    let newest = &domain.recent_events[0];
    assert_eq!(newest.action, "postmaster_password_reset");
    assert_eq!(newest.actor, "owner");
    assert_eq!(newest.target.as_deref(), Some(POSTMASTER));
    assert_eq!(newest.client_addr.as_deref(), Some("127.0.0.1"));
    assert_eq!(newest.at, at);
    assert!(domain.recent_events.windows(2).all(|w| w[0].at >= w[1].at));

    let postmaster = new_client();
    app.log_on_with(&postmaster, POSTMASTER, NEW_PASSWORD).await;
    let log = app
        .read_with(&postmaster, async |c, r| {
            services::admin::audit_log(c, r, &Default::default(), 1).await
        })
        .await
        .unwrap();
    let body = serde_json::to_string(&log).unwrap();
    assert!(!body.contains(NEW_PASSWORD), "{body}");
    assert!(log
        .entries
        .iter()
        .any(|e| e.action == "postmaster_password_reset" && e.actor == "owner" && e.at == at));
}

#[tokio::test]
async fn the_manage_page_shows_the_domain_and_at_most_twenty_events() {
    let app = as_owner().await;
    let id = domain_id(&app, "example.com").await;
    for n in 0..25 {
        let sql = format!(
            "INSERT INTO audit_events (id, at, domain_id, actor, action) \
             VALUES ($1, {}, $2, 'postmaster@example.com', $3)",
            app.clock.now() + n
        );
        app.exec(&sql, &[&format!("event-{n}"), &id, &format!("event_{n}")])
            .await;
    }
    // And one of another domain, which never shows here.
    let org = domain_id(&app, "example.org").await;
    app.exec(
        "INSERT INTO audit_events (id, at, domain_id, actor, action) \
         VALUES ('other', 9999999999999, $1, 'postmaster@example.org', 'other_domain')",
        &[&org],
    )
    .await;
    let domain: ManagedDomain = app
        .read(async |c, r| services::console::domain(c, r, &id).await)
        .await
        .unwrap();
    assert_eq!(domain.id, id);
    assert_eq!(domain.name, "example.com");
    assert_eq!(domain.postmaster, POSTMASTER);
    assert_eq!(domain.accounts, 4);
    assert_eq!(domain.status, "active");
    assert!(domain.allow_sms && domain.allow_questions);
    assert_eq!(domain.postmaster_phone.as_deref(), Some("+86 138****8000"));
    let actions: Vec<&str> = domain
        .recent_events
        .iter()
        .map(|e| e.action.as_str())
        .collect();
    let newest_twenty: Vec<String> = (5..25).rev().map(|n| format!("event_{n}")).collect();
    assert_eq!(actions, newest_twenty);
}

#[tokio::test]
async fn the_checklist_context_is_the_postmaster_and_the_domain_keywords() {
    let app = as_owner().await;
    let id = domain_id(&app, "example.com").await;
    let context: PasswordContext = app
        .read(async |c, r| services::console::postmaster_password_context(c, r, &id).await)
        .await
        .unwrap();
    assert_eq!(context.account, POSTMASTER);
    assert_eq!(
        context.rules.keywords,
        ["example", "alibaba", "password", "123456", "qwerty"]
    );
}

#[tokio::test]
async fn a_reset_lifts_the_postmasters_logon_lockout() {
    let app = as_owner().await;
    let attacker = new_client();
    for n in 0..5 {
        app.log_on_with(&attacker, POSTMASTER, &format!("Guess#Word1{n}"))
            .await;
    }
    let locked = app
        .log_on_with(&new_client(), POSTMASTER, POSTMASTER_PASSWORD)
        .await;
    assert_eq!(user_error(locked).await, UserError::Locked);

    let id = domain_id(&app, "example.com").await;
    let response = reset_postmaster(&app, &app.client, &id, NEW_PASSWORD, false).await;
    assert_eq!(response.status(), 200);
    let after = app
        .log_on_with(&new_client(), POSTMASTER, NEW_PASSWORD)
        .await;
    assert_eq!(location(&after).as_deref(), Some("/admin"));
}
