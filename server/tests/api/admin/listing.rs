//! DEPTs & Users: the Employee Accounts list (pages of 50, search,
//! department filter) and the departments.

use app::admin::api::{CreateDepartment, RenameDepartment};
use app::admin::{Department, EmployeePage, PAGE_SIZE};
use app::auth::Role;
use app::error::{Invalid, UserError};
use services::infra::clock::Clock;
use services::infra::passwords::{hash_blocking, production_params};

use super::{as_postmaster, audit_count, department_id};
use crate::helpers::{location, user_error, TestApp, EMPLOYEE_PASSWORD};

/// Adds `count` employees "Staff 000", "Staff 001", … to example.com,
/// straight into the database with one precomputed hash.
async fn seed_staff(app: &TestApp, count: usize) {
    let hash = hash_blocking(&production_params(), EMPLOYEE_PASSWORD).unwrap();
    let domain: String = sqlx::query_scalar("SELECT id FROM domains WHERE name = 'example.com'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let now = app.clock.now();
    let mut tx = app.db.pool.begin().await.unwrap();
    for n in 0..count {
        sqlx::query(
            "INSERT INTO mail_accounts (id, domain_id, address, display_name, role, \
             password_hash, password_changed_at, created_at) \
             VALUES ($1, $2, $3, $4, 'employee', $5, $6, $6)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(&domain)
        .bind(format!("staff{n:03}@example.com"))
        .bind(format!("Staff {n:03}"))
        .bind(&hash)
        .bind(now)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

async fn list(app: &TestApp, search: &str, department: &str, page: u32) -> EmployeePage {
    app.read(async |c, r| services::admin::employees(c, r, search, department, page.max(1)).await)
        .await
        .unwrap()
}

fn names(page: &EmployeePage) -> Vec<&str> {
    page.rows.iter().map(|r| r.display_name.as_str()).collect()
}

#[tokio::test]
async fn employee_accounts_come_fifty_a_page_in_name_order_with_the_total() {
    let app = as_postmaster().await;
    seed_staff(&app, 120).await;
    // 120 staff and the demo's 4 (the postmaster included); none of example.org.
    let first = list(&app, "", "", 1).await;
    assert_eq!(first.total, 124);
    assert_eq!((first.page, first.page_size), (1, PAGE_SIZE));
    assert_eq!(first.rows.len(), 50);
    assert_eq!(names(&first)[..3], ["Li Si", "Postmaster", "Staff 000"]);
    let postmaster = &first.rows[1];
    assert_eq!(postmaster.role, Role::Postmaster);
    assert_eq!(postmaster.address, "postmaster@example.com");
    assert!(postmaster.last_logon_at.is_some());

    let second = list(&app, "", "", 2).await;
    assert_eq!(names(&second)[0], "Staff 048");
    let third = list(&app, "", "", 3).await;
    assert_eq!(third.total, 124);
    assert_eq!(third.rows.len(), 24);
    assert_eq!(names(&third)[0], "Staff 098");
    assert_eq!(names(&third)[21..], ["Staff 119", "Wang Wu", "Zhang San"]);
    assert!(list(&app, "", "", 4).await.rows.is_empty());

    // Every account appears once across the pages.
    let mut seen: Vec<String> = [first, second, third]
        .iter()
        .flat_map(|p| p.rows.iter().map(|r| r.id.clone()))
        .collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 124);
}

#[tokio::test]
async fn page_zero_is_read_as_the_first_page() {
    let app = as_postmaster().await;
    let page = list(&app, "", "", 0).await;
    assert_eq!(page.page, 1);
    assert_eq!(page.rows.len(), 4);
}

#[tokio::test]
async fn search_matches_names_and_addresses_without_regard_to_case() {
    let app = as_postmaster().await;
    seed_staff(&app, 12).await;
    let zhang = list(&app, "  ZHANG ", "", 1).await;
    assert_eq!(names(&zhang), ["Zhang San"]);
    assert_eq!(zhang.total, 1);
    assert_eq!(zhang.rows[0].department.as_deref(), Some("Sales"));

    // By address: only wang.wu's address holds "wu@".
    assert_eq!(names(&list(&app, "wu@", "", 1).await), ["Wang Wu"]);
    // By name: "staff 01" is in the names "Staff 010" and "Staff 011".
    let staff = list(&app, "staff 01", "", 1).await;
    assert_eq!(names(&staff), ["Staff 010", "Staff 011"]);
    assert_eq!(list(&app, "staff", "", 1).await.total, 12);
    // Nothing of another domain: zhao.liu is in example.org.
    assert_eq!(list(&app, "zhao", "", 1).await.total, 0);
}

#[tokio::test]
async fn like_wildcards_in_a_search_match_only_themselves() {
    let app = as_postmaster().await;
    // Unescaped, "_" would match the "." of li.si and "%" everything.
    assert_eq!(list(&app, "i_s", "", 1).await.total, 0);
    assert_eq!(list(&app, "%", "", 1).await.total, 0);
    assert_eq!(list(&app, "\\", "", 1).await.total, 0);
    assert_eq!(names(&list(&app, "i.s", "", 1).await), ["Li Si"]);
}

#[tokio::test]
async fn the_department_filter_shows_only_that_departments_accounts() {
    let app = as_postmaster().await;
    seed_staff(&app, 5).await;
    let engineering = department_id(&app, "example.com", "Engineering").await;
    let page = list(&app, "", &engineering, 1).await;
    assert_eq!(names(&page), ["Li Si", "Wang Wu"]);
    assert_eq!(page.total, 2);
    let both = list(&app, "wang", &engineering, 1).await;
    assert_eq!(names(&both), ["Wang Wu"]);
    let unknown = app
        .read(async |c, r| services::admin::employees(c, r, "", "no-such-id", 1).await)
        .await;
    assert_eq!(unknown.unwrap_err(), UserError::NotAllowed);
}

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
