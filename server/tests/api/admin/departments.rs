//! DEPTs & Users: the departments, created and renamed under unique names.

use app::admin::api::{CreateDepartment, RenameDepartment};
use app::admin::Department;
use app::error::{Invalid, UserError};

use super::{as_postmaster, audit_count, department_id};
use crate::helpers::{location, user_error};

#[tokio::test]
async fn departments_are_listed_by_name_with_their_account_counts() {
    let app = as_postmaster().await;
    let departments: Vec<Department> = app.read(services::admin::departments).await.unwrap();
    let listed: Vec<(&str, i64)> = departments
        .iter()
        .map(|d| (d.name.as_str(), d.accounts))
        .collect();
    assert_eq!(listed, [("Engineering", 2), ("Sales", 1)]);
}

#[tokio::test]
async fn a_department_is_created_and_renamed_under_a_unique_name() {
    let app = as_postmaster().await;
    let created = app
        .call(CreateDepartment {
            name: "  Finance ".into(),
        })
        .await;
    assert_eq!(created.status(), 200);
    assert_eq!(location(&created).as_deref(), Some("/admin/departments"));
    let finance = department_id(&app, "example.com", "Finance").await;

    let taken = app
        .call(CreateDepartment {
            name: "sales".into(),
        })
        .await;
    assert_eq!(
        user_error(taken).await,
        UserError::Invalid(Invalid::DepartmentExists)
    );
    let clash = app
        .call(RenameDepartment {
            id: finance.to_string(),
            name: "Sales".into(),
        })
        .await;
    assert_eq!(
        user_error(clash).await,
        UserError::Invalid(Invalid::DepartmentExists)
    );
    for bad in ["   ", &"x".repeat(65)] {
        let response = app
            .call(RenameDepartment {
                id: finance.to_string(),
                name: bad.to_string(),
            })
            .await;
        assert!(
            matches!(user_error(response).await, UserError::Invalid(_)),
            "{bad:?}"
        );
    }

    // A change of case of its own name is no clash.
    let recased = app
        .call(RenameDepartment {
            id: finance.to_string(),
            name: "FINANCE".into(),
        })
        .await;
    assert_eq!(recased.status(), 200);
    let renamed = app
        .call(RenameDepartment {
            id: finance.to_string(),
            name: "Accounting".into(),
        })
        .await;
    assert_eq!(renamed.status(), 200);
    let departments: Vec<Department> = app.read(services::admin::departments).await.unwrap();
    let listed: Vec<&str> = departments.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(listed, ["Accounting", "Engineering", "Sales"]);
    assert_eq!(audit_count(&app, "department_created").await, 1);
    assert_eq!(audit_count(&app, "department_renamed").await, 2);
}
