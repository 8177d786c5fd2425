//! Employee Accounts: keyset pages of 50 in three orders, the search, and
//! the filters (department, "Status", "Recovery methods"), alone and
//! together, with the totals; hostile values get a clear refusal.

use app::admin::{EmployeeFilter, EmployeePage, PAGE_SIZE};
use app::auth::Role;
use app::error::UserError;
use services::infra::clock::Clock;
use services::infra::passwords::{hash_blocking, production_params};

use super::{as_postmaster, department_id};
use crate::helpers::{TestApp, EMPLOYEE_PASSWORD};

/// Adds `count` employees "Staff 000", "Staff 001", … to example.com,
/// straight into the database with one precomputed hash; staff `n` last
/// logged on `n + 1` minutes ago when `n` is even, never when odd.
pub async fn seed_staff(app: &TestApp, count: usize) {
    let hash = hash_blocking(&production_params(), EMPLOYEE_PASSWORD).unwrap();
    let domain: String = sqlx::query_scalar("SELECT id FROM domains WHERE name = 'example.com'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let now = app.clock.now();
    let mut tx = app.db.pool.begin().await.unwrap();
    for n in 0..count {
        let logon = (n % 2 == 0).then(|| now - (n as i64 + 1) * 60_000);
        sqlx::query(
            "INSERT INTO mail_accounts (id, domain_id, address, display_name, role, \
             password_hash, password_changed_at, last_logon_at, created_at, search_text) \
             VALUES ($1, $2, $3, $4, 'employee', $5, $6, $7, $6, $8)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(&domain)
        .bind(format!("staff{n:03}@example.com"))
        .bind(format!("Staff {n:03}"))
        .bind(&hash)
        .bind(now)
        .bind(logon)
        .bind(services::accounts::search_text(
            &format!("Staff {n:03}"),
            &format!("staff{n:03}@example.com"),
        ))
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

pub async fn list(app: &TestApp, filter: EmployeeFilter) -> Result<EmployeePage, UserError> {
    app.read(async |c, r| services::admin::employees(c, r, &filter).await)
        .await
}

pub async fn listed(app: &TestApp, filter: EmployeeFilter) -> EmployeePage {
    list(app, filter).await.expect("the list loads")
}

fn names(page: &EmployeePage) -> Vec<&str> {
    page.rows.iter().map(|r| r.display_name.as_str()).collect()
}

pub fn filter(pairs: &[(&str, &str)]) -> EmployeeFilter {
    let mut filter = EmployeeFilter::default();
    for (name, value) in pairs {
        let field = match *name {
            "q" => &mut filter.q,
            "department" => &mut filter.department,
            "status" => &mut filter.status,
            "recovery" => &mut filter.recovery,
            "sort" => &mut filter.sort,
            "after" => &mut filter.after,
            "before" => &mut filter.before,
            other => panic!("no filter {other}"),
        };
        *field = (*value).to_owned();
    }
    filter
}

/// Every page of `base`, forwards by `after`, then back by `before`: the
/// addresses in order, each page checked against its links.
async fn walk(app: &TestApp, base: EmployeeFilter) -> Vec<String> {
    let mut seen = Vec::new();
    let mut pages = Vec::new();
    let mut page = listed(app, base.clone()).await;
    assert_eq!(page.previous, None, "the first page has none before it");
    loop {
        assert!(page.rows.len() <= PAGE_SIZE as usize);
        seen.extend(page.rows.iter().map(|r| r.address.clone()));
        pages.push(
            page.rows
                .iter()
                .map(|r| r.address.clone())
                .collect::<Vec<_>>(),
        );
        let Some(next) = page.next.clone() else { break };
        assert_eq!(
            page.rows.len(),
            PAGE_SIZE as usize,
            "only the last page is short"
        );
        page = listed(
            app,
            EmployeeFilter {
                after: next,
                ..base.clone()
            },
        )
        .await;
        assert!(page.previous.is_some(), "a later page links back");
    }
    // And back again, page by page, to the first.
    let mut back = pages.len() - 1;
    while let Some(previous) = page.previous.clone() {
        page = listed(
            app,
            EmployeeFilter {
                before: previous,
                ..base.clone()
            },
        )
        .await;
        back -= 1;
        let addresses: Vec<String> = page.rows.iter().map(|r| r.address.clone()).collect();
        assert_eq!(addresses, pages[back], "page {back} read backwards");
    }
    assert_eq!(back, 0);
    seen
}

#[tokio::test]
async fn keyset_pages_of_fifty_cover_every_account_once_in_each_order() {
    let app = as_postmaster().await;
    seed_staff(&app, 120).await;
    // 120 staff and the demo's 4 (the postmaster included); none of example.org.
    let first = listed(&app, EmployeeFilter::default()).await;
    assert_eq!(first.total, 124);
    assert_eq!(first.rows.len(), 50);
    assert_eq!(names(&first)[..3], ["Li Si", "Postmaster", "Staff 000"]);
    let postmaster = &first.rows[1];
    assert_eq!(postmaster.role, Role::Postmaster);
    assert_eq!(postmaster.address, "postmaster@example.com");
    assert!(postmaster.last_logon_at.is_some());

    let by_name = walk(&app, EmployeeFilter::default()).await;
    assert_eq!(by_name.len(), 124);
    assert_eq!(by_name[50], "staff048@example.com");
    assert_eq!(
        by_name[121..],
        [
            "staff119@example.com",
            "wang.wu@example.com",
            "zhang.san@example.com"
        ]
    );

    let by_address = walk(&app, filter(&[("sort", "address")])).await;
    let mut sorted = by_address.clone();
    sorted.sort();
    assert_eq!(by_address, sorted);
    assert_eq!(by_address.len(), 124);

    // Newest logon first (the postmaster just logged on), never last, ties
    // by address.
    let by_logon = walk(&app, filter(&[("sort", "last_logon")])).await;
    assert_eq!(by_logon.len(), 124);
    assert_eq!(
        by_logon[..3],
        [
            "postmaster@example.com",
            "staff000@example.com",
            "staff002@example.com"
        ]
    );
    assert_eq!(by_logon[60], "staff118@example.com");
    // Then the 60 odd staff and the three demo employees who never logged on.
    let never = &by_logon[61..];
    let mut never_sorted = never.to_vec();
    never_sorted.sort();
    assert_eq!(never, never_sorted);
    assert_eq!(never.first().map(String::as_str), Some("li.si@example.com"));
}

#[tokio::test]
async fn search_matches_names_and_addresses_without_regard_to_case() {
    let app = as_postmaster().await;
    seed_staff(&app, 12).await;
    let zhang = listed(&app, filter(&[("q", "  ZHANG ")])).await;
    assert_eq!(names(&zhang), ["Zhang San"]);
    assert_eq!(zhang.total, 1);
    assert_eq!(zhang.rows[0].department.as_deref(), Some("Sales"));

    // By address: only wang.wu's address holds "wu@".
    assert_eq!(
        names(&listed(&app, filter(&[("q", "wu@")])).await),
        ["Wang Wu"]
    );
    let staff = listed(&app, filter(&[("q", "staff 01")])).await;
    assert_eq!(names(&staff), ["Staff 010", "Staff 011"]);
    assert_eq!(listed(&app, filter(&[("q", "staff")])).await.total, 12);
    // Nothing of another domain: zhao.liu is in example.org.
    assert_eq!(listed(&app, filter(&[("q", "zhao")])).await.total, 0);
    // LIKE's wildcards match only themselves.
    for (text, total) in [("i_s", 0), ("%", 0), ("\\", 0), ("i.s", 1)] {
        assert_eq!(
            listed(&app, filter(&[("q", text)])).await.total,
            total,
            "{text}"
        );
    }
}

#[tokio::test]
async fn the_department_filter_shows_only_that_departments_accounts() {
    let app = as_postmaster().await;
    seed_staff(&app, 5).await;
    let engineering = department_id(&app, "example.com", "Engineering").await;
    let page = listed(&app, filter(&[("department", &engineering)])).await;
    assert_eq!(names(&page), ["Li Si", "Wang Wu"]);
    assert_eq!(page.total, 2);
    let both = listed(&app, filter(&[("department", &engineering), ("q", "wang")])).await;
    assert_eq!(names(&both), ["Wang Wu"]);
    let unknown = list(&app, filter(&[("department", "no-such-id")])).await;
    assert_eq!(unknown.unwrap_err(), UserError::NotAllowed);
}

#[tokio::test]
async fn the_status_filter_finds_disabled_locked_and_must_change_accounts() {
    let app = as_postmaster().await;
    seed_staff(&app, 3).await;
    let now = app.clock.now();
    let pool = &app.db.pool;
    sqlx::query(
        "UPDATE mail_accounts SET status = 'disabled' WHERE address = 'staff000@example.com'",
    )
    .execute(pool)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE mail_accounts SET must_change_password = 1 \
         WHERE address IN ('staff001@example.com', 'wang.wu@example.com')",
    )
    .execute(pool)
    .await
    .unwrap();
    // Strangers locked li.si out (a live lock), a lock of staff002 ran out,
    // and zhang.san reported a change (a lockdown).
    for (key, until) in [
        ("logon:mail:li.si@example.com", now + 60_000),
        ("logon-daily:mail:staff002@example.com", now - 1),
    ] {
        sqlx::query(
            "INSERT INTO counters (key, window_start, count, locked_until) VALUES ($1, $2, 10, $3)",
        )
        .bind(key)
        .bind(now)
        .bind(until)
        .execute(pool)
        .await
        .unwrap();
    }
    sqlx::query("UPDATE mail_accounts SET lockdown_until = $1, reported_at = $2 WHERE address = 'zhang.san@example.com'")
        .bind(now + 60_000)
        .bind(now)
        .execute(pool)
        .await
        .unwrap();

    let by_status = async |status: &str| {
        names(&listed(&app, filter(&[("status", status)])).await)
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(by_status("disabled").await, ["Staff 000"]);
    assert_eq!(by_status("must_change").await, ["Staff 001", "Wang Wu"]);
    assert_eq!(by_status("locked").await, ["Li Si", "Zhang San"]);
    assert_eq!(
        by_status("enabled").await,
        [
            "Li Si",
            "Postmaster",
            "Staff 001",
            "Staff 002",
            "Wang Wu",
            "Zhang San"
        ]
    );
    // The rows say so too.
    let all = listed(&app, EmployeeFilter::default()).await;
    let row = |address: &str| {
        all.rows
            .iter()
            .find(|r| r.address == address)
            .unwrap()
            .clone()
    };
    assert!(row("li.si@example.com").locked);
    assert!(!row("staff002@example.com").locked);
    assert!(row("zhang.san@example.com").locked && row("zhang.san@example.com").reported);
    assert!(row("wang.wu@example.com").must_change);
    assert!(!row("staff000@example.com").enabled);
    // Filters combine: locked and in Engineering is Li Si alone.
    let engineering = department_id(&app, "example.com", "Engineering").await;
    let both = listed(
        &app,
        filter(&[("status", "locked"), ("department", &engineering)]),
    )
    .await;
    assert_eq!((names(&both), both.total), (vec!["Li Si"], 1));

    // Once the lock runs out, Li Si is no longer "Locked".
    app.clock.advance(60_001);
    assert_eq!(by_status("locked").await, Vec::<String>::new());
}

#[tokio::test]
async fn the_recovery_filter_counts_only_methods_the_domain_allows() {
    let app = as_postmaster().await;
    seed_staff(&app, 2).await;
    let by_recovery = async |recovery: &str| {
        let page = listed(&app, filter(&[("recovery", recovery)])).await;
        names(&page)
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    };
    // Demo data: Zhang San has both, the postmaster a phone, Li Si questions.
    assert_eq!(by_recovery("sms").await, ["Postmaster", "Zhang San"]);
    assert_eq!(by_recovery("questions").await, ["Li Si", "Zhang San"]);
    assert_eq!(
        by_recovery("none").await,
        ["Staff 000", "Staff 001", "Wang Wu"]
    );
    assert_eq!(by_recovery("").await.len(), 6);

    // With SMS no longer allowed, a phone helps nobody.
    sqlx::query("UPDATE domains SET allow_sms = 0 WHERE name = 'example.com'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(by_recovery("sms").await, Vec::<String>::new());
    assert_eq!(
        by_recovery("none").await,
        ["Postmaster", "Staff 000", "Staff 001", "Wang Wu"]
    );
}
