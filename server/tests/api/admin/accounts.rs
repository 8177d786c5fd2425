//! One account at a time: Create Account, the Edit Account view, enabling
//! and disabling.

use crate::helpers::me;
use crate::helpers::status;
use app::admin::api::{CreateAccount, SetAccountEnabled};
use app::admin::AccountDetail;
use app::auth::Role;
use app::error::UserError;

use super::{account_id, as_postmaster, audit_count, codes, department_id};
use crate::helpers::{location, new_client, secret, user_error, TestApp, EMPLOYEE_PASSWORD};

const PASSWORD: &str = "Quiet#River88";

async fn create(
    app: &TestApp,
    name: &str,
    local: &str,
    department: &str,
    password: &str,
    must_change: bool,
) -> reqwest::Response {
    app.call(CreateAccount {
        display_name: name.to_owned(),
        local_part: local.to_owned(),
        department: department.to_owned(),
        new_password: secret(password),
        confirm_password: secret(password),
        policy_version: None,
        must_change: must_change.then(|| "on".to_owned()),
    })
    .await
}

async fn invalid_message(response: reqwest::Response) -> String {
    assert_eq!(response.status(), 422);
    match user_error(response).await {
        invalid @ UserError::Invalid(_) => crate::helpers::english(&invalid),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

async fn accounts_in_example_com(app: &TestApp) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM mail_accounts a JOIN domains d ON d.id = a.domain_id \
         WHERE d.name = 'example.com'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_created_account_is_in_its_department_and_logs_on() {
    let app = as_postmaster().await;
    let sales = department_id(&app, "example.com", "Sales").await;
    let response = create(&app, "  Chen Qi ", " Chen.Qi ", &sales, PASSWORD, true).await;
    assert_eq!(response.status(), 200);
    let id = account_id(&app, "chen.qi@example.com").await;
    assert_eq!(
        location(&response),
        Some(format!("/admin/accounts/{id}?created=1"))
    );

    let detail: AccountDetail = app
        .read(async |c, r| services::admin::account(c, r, &id).await)
        .await
        .unwrap();
    assert_eq!(detail.display_name, "Chen Qi");
    assert_eq!(detail.address, "chen.qi@example.com");
    assert_eq!(detail.department.as_deref(), Some("Sales"));
    assert_eq!(detail.department_id.as_deref(), Some(sales.as_str()));
    assert_eq!(detail.role, Role::Employee);
    assert!(detail.enabled && detail.must_change_password && !detail.is_self);
    assert_eq!(detail.phone, None);
    assert!(!detail.has_security_questions);
    assert_eq!(audit_count(&app, "account_created").await, 1);

    let logon = app
        .log_on_with(&new_client(), "chen.qi@example.com", PASSWORD)
        .await;
    assert_eq!(location(&logon).as_deref(), Some("/change-password"));
}

#[tokio::test]
async fn an_account_without_a_department_or_a_required_change_lands_on_the_recovery_setup() {
    let app = as_postmaster().await;
    let response = create(&app, "Sun Ba", "sun.ba", "", PASSWORD, false).await;
    assert_eq!(response.status(), 200);
    let logon = app
        .log_on_with(&new_client(), "sun.ba@example.com", PASSWORD)
        .await;
    // No forced change; no recovery method yet, so the setup comes first.
    assert_eq!(location(&logon).as_deref(), Some("/settings/recovery"));
}

#[tokio::test]
async fn creating_an_account_refuses_a_taken_address_a_bad_name_and_a_weak_password() {
    let app = as_postmaster().await;
    let before = accounts_in_example_com(&app).await;

    let taken =
        invalid_message(create(&app, "Zhang", "Zhang.San", "", PASSWORD, false).await).await;
    assert_eq!(
        taken,
        "This address is already in use. Choose another name before the @."
    );
    let postmaster =
        invalid_message(create(&app, "Boss", "postmaster", "", PASSWORD, false).await).await;
    assert!(postmaster.contains("already in use"), "{postmaster}");

    for bad in [
        "zhang san",
        "zhang@example.org",
        ".zhang",
        "zhang.",
        "zh..ang",
        "",
        "张三",
    ] {
        let message = invalid_message(create(&app, "Zhang", bad, "", PASSWORD, false).await).await;
        assert!(message.contains("before the @"), "{bad:?}: {message}");
    }
    let long = "a".repeat(65);
    invalid_message(create(&app, "Zhang", &long, "", PASSWORD, false).await).await;
    let unnamed = invalid_message(create(&app, "   ", "chen.qi", "", PASSWORD, false).await).await;
    assert_eq!(unnamed, "Enter a display name.");

    let keyword = create(&app, "Chen Qi", "chen.qi", "", "Example#2026", false).await;
    assert_eq!(codes(&user_error(keyword).await), ["contains_keyword"]);
    let account = create(&app, "Chen Qi", "chen.qi", "", "Chen#River88", false).await;
    assert_eq!(codes(&user_error(account).await), ["contains_account"]);

    // A department of another domain is out of reach, like any forged id.
    app.exec(
        "INSERT INTO departments (id, domain_id, name, created_at) \
         SELECT 'org-sales', id, 'Sales', created_at FROM domains WHERE name = 'example.org'",
        &[],
    )
    .await;
    let foreign = create(&app, "Chen Qi", "chen.qi", "org-sales", PASSWORD, false).await;
    assert_eq!(user_error(foreign).await, UserError::NotAllowed);

    assert_eq!(accounts_in_example_com(&app).await, before);
    assert_eq!(audit_count(&app, "account_created").await, 0);
}

#[tokio::test]
async fn the_edit_account_view_masks_the_phone_and_knows_the_callers_own_account() {
    let app = as_postmaster().await;
    let zhang = account_id(&app, "zhang.san@example.com").await;
    let detail: AccountDetail = app
        .read(async |c, r| services::admin::account(c, r, &zhang).await)
        .await
        .unwrap();
    assert_eq!(detail.display_name, "Zhang San");
    assert_eq!(detail.phone.as_deref(), Some("+86 138****8001"));
    assert!(detail.has_security_questions);
    assert_eq!(detail.department.as_deref(), Some("Sales"));
    assert!(!detail.is_self);

    let wang = account_id(&app, "wang.wu@example.com").await;
    let detail: AccountDetail = app
        .read(async |c, r| services::admin::account(c, r, &wang).await)
        .await
        .unwrap();
    assert_eq!(detail.phone, None);
    assert!(!detail.has_security_questions);

    let own = account_id(&app, "postmaster@example.com").await;
    let detail: AccountDetail = app
        .read(async |c, r| services::admin::account(c, r, &own).await)
        .await
        .unwrap();
    assert!(detail.is_self);
    assert_eq!(detail.role, Role::Postmaster);
    assert_eq!(detail.department, None);
    assert!(
        detail.last_logon_at.is_some(),
        "the postmaster just logged on"
    );
}

#[tokio::test]
async fn a_disabled_account_is_signed_out_and_cannot_log_on_until_enabled_again() {
    let app = as_postmaster().await;
    let employee = new_client();
    app.log_on_with(&employee, "li.si@example.com", EMPLOYEE_PASSWORD)
        .await;
    assert_eq!(status(&app.read_with(&employee, me).await), 200);
    let id = account_id(&app, "li.si@example.com").await;

    let disabled = app
        .call(SetAccountEnabled {
            id: id.to_string(),
            enabled: false,
        })
        .await;
    assert_eq!(disabled.status(), 200);
    assert_eq!(location(&disabled), Some(format!("/admin/accounts/{id}")));
    let answer = app.read_with(&employee, me).await;
    assert_eq!(answer.unwrap_err(), UserError::NotSignedIn);
    let logon = app
        .log_on_with(&new_client(), "li.si@example.com", EMPLOYEE_PASSWORD)
        .await;
    assert_eq!(user_error(logon).await, UserError::AccountDisabled);
    let detail: AccountDetail = app
        .read(async |c, r| services::admin::account(c, r, &id).await)
        .await
        .unwrap();
    assert!(!detail.enabled);
    assert_eq!(audit_count(&app, "account_disabled").await, 1);

    let enabled = app
        .call(SetAccountEnabled {
            id: id.to_string(),
            enabled: true,
        })
        .await;
    assert_eq!(enabled.status(), 200);
    let logon = app
        .log_on_with(&new_client(), "li.si@example.com", EMPLOYEE_PASSWORD)
        .await;
    assert_eq!(location(&logon).as_deref(), Some("/mail"));
    assert_eq!(audit_count(&app, "account_enabled").await, 1);
}

#[tokio::test]
async fn the_postmaster_cannot_disable_their_own_account() {
    let app = as_postmaster().await;
    let own = account_id(&app, "postmaster@example.com").await;
    let response = app
        .call(SetAccountEnabled {
            id: own.to_string(),
            enabled: false,
        })
        .await;
    assert_eq!(
        invalid_message(response).await,
        "You cannot disable your own account."
    );
    assert_eq!(status(&app.read(services::admin::home).await), 200);
}
