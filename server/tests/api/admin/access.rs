//! Who may use domain management, and where their reach ends: only a
//! postmaster, only in their own domain, and a forged id from another
//! domain reads exactly like an id that does not exist.

use app::admin::api::{
    BulkApply, CreateAccount, CreateDepartment, RenameDepartment, ResetPassword, SaveKeywords,
    SaveRecoveryMethods, SetAccountEnabled,
};
use app::admin::{AdminDomain, EmployeeFilter};
use app::error::UserError;

use super::{account_id, as_postmaster, department_id, stored_hash};
use crate::helpers::{
    secret, spawn_demo_app, user_error, Call, TestApp, EMPLOYEE_PASSWORD, POSTMASTER_PASSWORD,
};

/// Every admin server function, with arguments that would change
/// something if they were accepted (`account` and `department` are ids to
/// aim at).
fn every_function(account: &str, department: &str) -> Vec<Call> {
    let (account, department) = (account.to_owned(), department.to_owned());
    let password = || secret("Quiet#River88");
    vec![
        Call::of(CreateDepartment {
            name: "Intruders".into(),
        }),
        Call::of(RenameDepartment {
            id: department,
            name: "Intruders".into(),
        }),
        Call::of(CreateAccount {
            display_name: "Intruder".into(),
            local_part: "intruder".into(),
            department: String::new(),
            new_password: password(),
            confirm_password: password(),
            policy_version: None,
            must_change: None,
        }),
        Call::of(SetAccountEnabled {
            id: account.clone(),
            enabled: false,
        }),
        Call::of(ResetPassword {
            id: account.clone(),
            new_password: password(),
            confirm_password: password(),
            policy_version: None,
            must_change: None,
        }),
        Call::of(SaveKeywords {
            keywords: "sunflower".into(),
        }),
        Call::of(SaveRecoveryMethods {
            sms: None,
            questions: None,
        }),
        Call::of(BulkApply {
            operation: "disable".into(),
            ids: account.clone(),
        }),
    ]
}

/// Every read the admin pages make while they render, as the page of the
/// test's client makes it (`account` and `department` are ids to aim at),
/// with what each answered.
async fn every_read(
    app: &TestApp,
    account: &str,
    department: &str,
) -> Vec<(&'static str, Result<(), UserError>)> {
    use services::admin;
    vec![
        ("home", app.read(admin::home).await.map(drop)),
        (
            "employees",
            app.read(async |c, r| {
                let filter = EmployeeFilter {
                    department: department.to_owned(),
                    ..Default::default()
                };
                admin::employees(c, r, &filter).await
            })
            .await
            .map(drop),
        ),
        ("overview", app.read(admin::overview).await.map(drop)),
        (
            "bulk_selection",
            app.read(async |c, r| admin::bulk_selection(c, r, "disable", account).await)
                .await
                .map(drop),
        ),
        ("departments", app.read(admin::departments).await.map(drop)),
        (
            "account",
            app.read(async |c, r| admin::account(c, r, account).await)
                .await
                .map(drop),
        ),
        (
            "account_password_context",
            app.read(async |c, r| admin::account_password_context(c, r, account).await)
                .await
                .map(drop),
        ),
        ("policy", app.read(admin::policy).await.map(drop)),
        (
            "audit_log",
            app.read(async |c, r| admin::audit_log(c, r, &Default::default(), 1).await)
                .await
                .map(drop),
        ),
    ]
}

/// Nothing the refused calls aimed at has changed.
async fn assert_example_com_untouched(app: &TestApp, zhang_hash: &str) {
    assert_eq!(stored_hash(app, "zhang.san@example.com").await, zhang_hash);
    let (keywords, sms, questions): (String, i64, i64) = sqlx::query_as(
        "SELECT weak_keywords, allow_sms, allow_questions FROM domains WHERE name = 'example.com'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(keywords, "example\nalibaba\npassword\n123456\nqwerty");
    assert_eq!((sms, questions), (1, 1));
    let intruders: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM departments WHERE name = 'Intruders') + \
                (SELECT COUNT(*) FROM mail_accounts WHERE address LIKE 'intruder@%') + \
                (SELECT COUNT(*) FROM mail_accounts WHERE status <> 'enabled')",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(intruders, 0);
}

#[tokio::test]
async fn the_postmaster_manages_their_own_domain() {
    let app = as_postmaster().await;
    let home: AdminDomain = app.read(services::admin::home).await.unwrap();
    assert_eq!(home.domain, "example.com");
    assert_eq!(home.postmaster, "postmaster@example.com");
}

#[tokio::test]
async fn a_postmaster_of_another_domain_gets_not_allowed_for_every_forged_id() {
    let app = spawn_demo_app().await;
    let zhang = account_id(&app, "zhang.san@example.com").await;
    let sales = department_id(&app, "example.com", "Sales").await;
    let zhang_hash = stored_hash(&app, "zhang.san@example.com").await;
    app.log_on("postmaster@example.org", POSTMASTER_PASSWORD)
        .await;

    let forged = [
        Call::of(ResetPassword {
            id: zhang.clone(),
            new_password: secret("Quiet#River88"),
            confirm_password: secret("Quiet#River88"),
            policy_version: None,
            must_change: Some("on".into()),
        }),
        Call::of(SetAccountEnabled {
            id: zhang.clone(),
            enabled: false,
        }),
        Call::of(RenameDepartment {
            id: sales.clone(),
            name: "Intruders".into(),
        }),
        Call::of(BulkApply {
            operation: "disable".into(),
            ids: zhang.clone(),
        }),
        Call::of(BulkApply {
            operation: "require_change".into(),
            ids: zhang.clone(),
        }),
    ];
    for call in forged {
        let function = call.path;
        let response = app.send(&app.client, call).await;
        assert_eq!(response.status(), 403, "{function}");
        assert_eq!(
            user_error(response).await,
            UserError::NotAllowed,
            "{function}"
        );
    }
    for (read, answer) in every_read(&app, &zhang, &sales).await {
        if matches!(
            read,
            "account" | "account_password_context" | "employees" | "bulk_selection"
        ) {
            assert_eq!(answer, Err(UserError::NotAllowed), "{read}");
        }
    }
    assert_example_com_untouched(&app, &zhang_hash).await;
    // Their own domain still works for them.
    let home: AdminDomain = app.read(services::admin::home).await.unwrap();
    assert_eq!(home.domain, "example.org");
}

#[tokio::test]
async fn an_id_that_does_not_exist_reads_like_an_id_from_another_domain() {
    let app = spawn_demo_app().await;
    let other_domain = account_id(&app, "zhang.san@example.com").await;
    app.log_on("postmaster@example.org", POSTMASTER_PASSWORD)
        .await;
    let unknown = uuid::Uuid::new_v4().to_string();
    let mut answers = Vec::new();
    for id in [other_domain.as_str(), unknown.as_str(), "' OR 1=1 --"] {
        answers.push(
            app.read(async |c, r| services::admin::account(c, r, id).await)
                .await,
        );
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[0], answers[2]);
    assert_eq!(answers[0], Err(UserError::NotAllowed));
}

#[tokio::test]
async fn an_employee_is_not_allowed_to_use_domain_management() {
    let app = spawn_demo_app().await;
    let zhang = account_id(&app, "zhang.san@example.com").await;
    let wang = account_id(&app, "wang.wu@example.com").await;
    let sales = department_id(&app, "example.com", "Sales").await;
    let zhang_hash = stored_hash(&app, "zhang.san@example.com").await;
    app.log_on("wang.wu@example.com", EMPLOYEE_PASSWORD).await;

    for (read, answer) in every_read(&app, &zhang, &sales)
        .await
        .into_iter()
        .chain(every_read(&app, &wang, &sales).await)
    {
        assert_eq!(answer, Err(UserError::NotAllowed), "{read}");
    }
    for call in every_function(&zhang, &sales)
        .into_iter()
        .chain(every_function(&wang, &sales))
    {
        let function = call.path;
        let response = app.send(&app.client, call).await;
        assert_eq!(response.status(), 403, "{function}");
        assert_eq!(
            user_error(response).await,
            UserError::NotAllowed,
            "{function}"
        );
    }
    assert_example_com_untouched(&app, &zhang_hash).await;
}

#[tokio::test]
async fn signed_out_callers_get_not_signed_in_from_every_admin_function() {
    let app = spawn_demo_app().await;
    let zhang = account_id(&app, "zhang.san@example.com").await;
    let sales = department_id(&app, "example.com", "Sales").await;
    let zhang_hash = stored_hash(&app, "zhang.san@example.com").await;
    for (read, answer) in every_read(&app, &zhang, &sales).await {
        assert_eq!(answer, Err(UserError::NotSignedIn), "{read}");
    }
    for call in every_function(&zhang, &sales) {
        let function = call.path;
        let response = app.send(&app.client, call).await;
        assert_eq!(response.status(), 401, "{function}");
        assert_eq!(
            user_error(response).await,
            UserError::NotSignedIn,
            "{function}"
        );
    }
    assert_example_com_untouched(&app, &zhang_hash).await;
}

#[tokio::test]
async fn a_postmaster_who_must_change_their_password_does_that_first() {
    let app = spawn_demo_app().await;
    app.exec(
        "UPDATE mail_accounts SET must_change_password = 1 WHERE address = $1",
        &["postmaster@example.com"],
    )
    .await;
    app.log_on("postmaster@example.com", POSTMASTER_PASSWORD)
        .await;
    let zhang = account_id(&app, "zhang.san@example.com").await;
    let response = app
        .call(ResetPassword {
            id: zhang.to_string(),
            new_password: secret("Quiet#River88"),
            confirm_password: secret("Quiet#River88"),
            policy_version: None,
            must_change: None,
        })
        .await;
    assert_eq!(user_error(response).await, UserError::MustChangePassword);
}
