//! Bulk actions on Employee Accounts: the confirmation's selection, then
//! one transaction with one audit event an account, kicks and sign-outs
//! as disabling one account does; refusals change nothing.

use app::admin::api::BulkApply;
use app::admin::{BulkOperation, BulkSelection};
use app::error::{Invalid, UserError};

use super::{account_id, as_postmaster, audit_count};
use crate::helpers::status;
use crate::helpers::{location, me, new_client, user_error, TestApp, EMPLOYEE_PASSWORD};

const LI: &str = "li.si@example.com";
const ZHANG: &str = "zhang.san@example.com";

async fn ids(app: &TestApp, addresses: &[&str]) -> String {
    let mut ids = Vec::new();
    for address in addresses {
        ids.push(account_id(app, address).await.to_string());
    }
    ids.join(",")
}

async fn selection(app: &TestApp, operation: &str, ids: &str) -> Result<BulkSelection, UserError> {
    app.read(async |c, r| services::admin::bulk_selection(c, r, operation, ids).await)
        .await
}

async fn apply(app: &TestApp, operation: &str, ids: &str) -> reqwest::Response {
    app.call(BulkApply {
        operation: operation.into(),
        ids: ids.into(),
    })
    .await
}

async fn flags(app: &TestApp, address: &str) -> (String, i64) {
    sqlx::query_as("SELECT status, must_change_password FROM mail_accounts WHERE address = $1")
        .bind(address)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn kicks(app: &TestApp, address: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM mail_kicks WHERE address = $1")
        .bind(address)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_password_change_is_required_of_two_accounts_once_each() {
    let app = as_postmaster().await;
    let both = ids(&app, &[ZHANG, LI]).await;
    let shown = selection(&app, "require_change", &both).await.unwrap();
    assert_eq!(shown.operation, BulkOperation::RequireChange);
    let names: Vec<&str> = shown
        .accounts
        .iter()
        .map(|a| a.display_name.as_str())
        .collect();
    assert_eq!(names, ["Li Si", "Zhang San"], "in name order");
    assert!(shown.accounts.iter().all(|a| a.enabled && !a.must_change));

    let applied = apply(&app, "require_change", &both).await;
    assert_eq!(applied.status(), 200);
    let back = location(&applied).unwrap();
    assert!(
        back.starts_with("/admin/accounts/bulk?bulk=require_change&ids="),
        "{back}"
    );
    assert!(back.ends_with("&done=1"), "{back}");
    for address in [LI, ZHANG] {
        assert_eq!(
            flags(&app, address).await,
            ("enabled".into(), 1),
            "{address}"
        );
    }
    assert_eq!(audit_count(&app, "password_change_required").await, 2);
    let targets: Vec<String> = sqlx::query_scalar(
        "SELECT target FROM audit_events WHERE action = 'password_change_required' ORDER BY target",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(targets, [LI, ZHANG]);
    // The confirmation now shows them as they stand.
    let now = selection(&app, "require_change", &both).await.unwrap();
    assert!(now.accounts.iter().all(|a| a.must_change));

    // Again: nothing left to change, nothing audited.
    assert_eq!(apply(&app, "require_change", &both).await.status(), 200);
    assert_eq!(audit_count(&app, "password_change_required").await, 2);

    // At the next logon, Li Si must change the password first.
    let logon = app.log_on_with(&new_client(), LI, EMPLOYEE_PASSWORD).await;
    assert_eq!(logon.status(), 200);
    let must: bool = sqlx::query_scalar::<_, i64>(
        "SELECT must_change_password FROM mail_accounts WHERE address = $1",
    )
    .bind(LI)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
        == 1;
    assert!(must);
}

#[tokio::test]
async fn disabling_two_accounts_signs_them_out_and_kicks_their_mail_apps() {
    let app = as_postmaster().await;
    let li = new_client();
    let zhang = new_client();
    app.log_on_with(&li, LI, EMPLOYEE_PASSWORD).await;
    app.log_on_with(&zhang, ZHANG, EMPLOYEE_PASSWORD).await;
    assert_eq!(status(&app.read_with(&li, me).await), 200);
    let both = ids(&app, &[LI, ZHANG]).await;

    assert_eq!(apply(&app, "disable", &both).await.status(), 200);
    for (client, address) in [(&li, LI), (&zhang, ZHANG)] {
        assert_eq!(
            app.read_with(client, me).await.unwrap_err(),
            UserError::NotSignedIn,
            "{address} is signed out"
        );
        assert_eq!(flags(&app, address).await.0, "disabled");
        assert_eq!(
            kicks(&app, address).await,
            1,
            "{address}'s mail apps are kicked"
        );
        let logon = app
            .log_on_with(&new_client(), address, EMPLOYEE_PASSWORD)
            .await;
        assert_eq!(user_error(logon).await, UserError::AccountDisabled);
    }
    assert_eq!(audit_count(&app, "account_disabled").await, 2);

    assert_eq!(apply(&app, "enable", &both).await.status(), 200);
    assert_eq!(audit_count(&app, "account_enabled").await, 2);
    for address in [LI, ZHANG] {
        assert_eq!(flags(&app, address).await.0, "enabled");
        let logon = app
            .log_on_with(&new_client(), address, EMPLOYEE_PASSWORD)
            .await;
        assert_eq!(logon.status(), 200, "{address} logs on again");
    }
}

#[tokio::test]
async fn simultaneous_confirmations_change_each_account_once() {
    let app = as_postmaster().await;
    let both = ids(&app, &[LI, ZHANG]).await;
    let presses = (0..4).map(|_| apply(&app, "disable", &both));
    for response in futures::future::join_all(presses).await {
        assert_eq!(response.status(), 200);
    }
    assert_eq!(audit_count(&app, "account_disabled").await, 2);
    assert_eq!(kicks(&app, LI).await + kicks(&app, ZHANG).await, 2);
}

#[tokio::test]
async fn refused_selections_change_nothing() {
    let app = as_postmaster().await;
    let li = ids(&app, &[LI]).await;
    let own = ids(&app, &["postmaster@example.com"]).await;
    let other_domain = ids(&app, &["zhao.liu@example.org"]).await;
    let too_many = vec![li.clone(); 51]
        .iter()
        .enumerate()
        .map(|(n, _)| format!("{n:08}-0000-0000-0000-000000000000"))
        .collect::<Vec<_>>()
        .join(",");
    let cases: Vec<(&str, String, UserError)> = vec![
        (
            "disable",
            String::new(),
            UserError::Invalid(Invalid::SelectAccounts),
        ),
        (
            "disable",
            " , ,".into(),
            UserError::Invalid(Invalid::SelectAccounts),
        ),
        (
            "delete",
            li.clone(),
            UserError::Invalid(Invalid::UnknownChoice),
        ),
        ("", li.clone(), UserError::Invalid(Invalid::UnknownChoice)),
        (
            "disable",
            too_many,
            UserError::Invalid(Invalid::TooManyAccounts { max: 50 }),
        ),
        (
            "disable",
            format!("{li},{own}"),
            UserError::Invalid(Invalid::DisableOwnAccount),
        ),
        (
            "disable",
            format!("{li},{other_domain}"),
            UserError::NotAllowed,
        ),
        ("enable", format!("{li},' OR 1=1 --"), UserError::NotAllowed),
    ];
    for (operation, ids, expected) in cases {
        assert_eq!(
            selection(&app, operation, &ids).await.unwrap_err(),
            expected,
            "{operation} {ids:.60}"
        );
        let response = apply(&app, operation, &ids).await;
        assert!(response.status().is_client_error(), "{operation} {ids:.60}");
        assert_eq!(user_error(response).await, expected);
    }
    // Nobody was disabled (not even Li Si beside a refused id), nothing audited.
    let disabled: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM mail_accounts WHERE status <> 'enabled'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(disabled, 0);
    assert_eq!(audit_count(&app, "account_disabled").await, 0);
    // Requiring a change of one's own password is allowed.
    assert_eq!(apply(&app, "require_change", &own).await.status(), 200);
}
