//! Adding a domain in the console: the name's rules, uniqueness across the
//! service, the postmaster it comes with, and its default keywords.

use crate::helpers::secret;
use app::auth::{Owner, PasswordContext};
use app::console::api::AddDomain;
use app::error::{Invalid, UserError};
use app::policy::default_keywords;

use super::{add_domain, as_owner, domain_id};
use crate::admin::{audit_count, codes};
use crate::helpers::{location, new_client, user_error, TestApp};

const PASSWORD: &str = "Quiet#River88";

async fn domain_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM domains")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_added_domain_is_listed_and_its_postmaster_must_change_the_password() {
    let app = as_owner().await;
    let response = add_domain(&app, "  Acme-Corp.COM ", PASSWORD).await;
    assert_eq!(response.status(), 200);
    let id = domain_id(&app, "acme-corp.com").await;
    assert_eq!(
        location(&response),
        Some(format!("/console/domains/{id}?created=1"))
    );

    let owner: Owner = app.read(services::identity::owner).await.unwrap();
    let listed = owner
        .domains
        .iter()
        .find(|d| d.name == "acme-corp.com")
        .expect("the new domain is listed");
    assert_eq!(listed.id, id);
    assert_eq!(listed.postmaster, "postmaster@acme-corp.com");
    assert_eq!(listed.accounts, 1);
    assert_eq!(listed.status, "active");

    let postmaster = new_client();
    let logon = app
        .log_on_with(&postmaster, "postmaster@acme-corp.com", PASSWORD)
        .await;
    assert_eq!(location(&logon).as_deref(), Some("/change-password"));
    let answer = app.read_with(&postmaster, services::admin::home).await;
    assert_eq!(answer.unwrap_err(), UserError::MustChangePassword);

    let (owner_login, methods): (String, i64) = sqlx::query_as(
        "SELECT c.login_name, d.allow_sms + d.allow_questions \
         FROM domains d JOIN cloud_accounts c ON c.id = d.owner_id WHERE d.id = $1",
    )
    .bind(&id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!((owner_login.as_str(), methods), ("owner", 2));
    let created: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_events WHERE action = 'domain_created' \
         AND domain_id = $1 AND actor = 'owner' AND target = 'acme-corp.com'",
    )
    .bind(&id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(created, 1);
}

#[tokio::test]
async fn the_new_domain_starts_with_the_default_keywords() {
    let app = as_owner().await;
    assert_eq!(add_domain(&app, "acme.com", PASSWORD).await.status(), 200);
    let id = domain_id(&app, "acme.com").await;
    let context: PasswordContext = app
        .read(async |c, r| services::console::postmaster_password_context(c, r, &id).await)
        .await
        .unwrap();
    assert_eq!(context.account, "postmaster@acme.com");
    assert_eq!(context.rules.keywords, default_keywords("acme.com"));
    assert_eq!(context.rules.keywords[0], "acme");
}

#[tokio::test]
async fn the_postmaster_password_is_judged_with_the_new_address_and_default_keywords() {
    let app = as_owner().await;
    let keyword = add_domain(&app, "acme.com", "Acme#2026xy").await;
    assert_eq!(keyword.status(), 422);
    assert_eq!(codes(&user_error(keyword).await), ["contains_keyword"]);
    let account = add_domain(&app, "acme.com", "Postmaster#2026").await;
    assert_eq!(codes(&user_error(account).await), ["contains_account"]);
    let mismatch = app
        .call(AddDomain {
            domain: "acme.com".into(),
            new_password: secret(PASSWORD),
            confirm_password: secret("Quiet#River89"),
            policy_version: None,
        })
        .await;
    assert_eq!(codes(&user_error(mismatch).await), ["mismatch"]);
    assert_eq!(domain_count(&app).await, 2);
    assert_eq!(audit_count(&app, "domain_created").await, 0);
}

#[tokio::test]
async fn an_invalid_name_is_refused_with_a_sentence() {
    let app = as_owner().await;
    for (name, says) in [
        ("bad_name", "only letters a-z, digits, hyphens and dots"),
        ("nodot", "at least two parts"),
        ("-a.com", "may not start or end with a hyphen"),
        ("a..com", "two dots in a row"),
        ("", "Enter a domain name"),
    ] {
        let response = add_domain(&app, name, PASSWORD).await;
        assert_eq!(response.status(), 422, "{name}");
        match user_error(response).await {
            UserError::Invalid(invalid) => {
                let message = crate::helpers::english(&UserError::Invalid(invalid));
                assert!(message.contains(says), "{name}: {message}");
            }
            other => panic!("{name}: {other:?}"),
        }
    }
    assert_eq!(domain_count(&app).await, 2);
}

#[tokio::test]
async fn a_name_already_in_use_is_refused_whoever_owns_it() {
    let app = as_owner().await;
    for name in ["example.org", "Example.COM"] {
        let response = add_domain(&app, name, PASSWORD).await;
        let error = user_error(response).await;
        assert_eq!(error, UserError::Invalid(Invalid::DomainTaken), "{name}");
        assert_eq!(
            crate::helpers::english(&error),
            "This domain is already in use."
        );
    }
    assert_eq!(domain_count(&app).await, 2);
    let org_owner: String = sqlx::query_scalar(
        "SELECT c.login_name FROM domains d JOIN cloud_accounts c ON c.id = d.owner_id \
         WHERE d.name = 'example.org'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(org_owner, "owner2");
}
