//! Employee Accounts at its limits: values not on the lists and stale
//! page links refused clearly, and totals past 10,000 said as "more than".

use app::admin::EmployeeFilter;
use app::error::{Invalid, UserError};

use super::as_postmaster;
use super::listing::{filter, list, listed, seed_staff};

#[tokio::test]
async fn values_not_on_the_lists_and_stale_cursors_are_refused_clearly() {
    let app = as_postmaster().await;
    for (name, value) in [
        ("status", "' OR 1=1 --"),
        ("status", "Locked"),
        ("recovery", "all"),
        ("sort", "password_hash"),
        ("sort", "name; DROP TABLE mail_accounts"),
    ] {
        assert_eq!(
            list(&app, filter(&[(name, value)])).await.unwrap_err(),
            UserError::Invalid(Invalid::UnknownChoice),
            "{name}={value}"
        );
    }
    // A cursor of another domain, or of nobody, is a stale link.
    for cursor in [
        "zhao.liu@example.org",
        "nobody@example.com",
        "",
        "x".repeat(10_000).as_str(),
    ] {
        if cursor.is_empty() {
            continue;
        }
        for side in ["after", "before"] {
            assert_eq!(
                list(&app, filter(&[(side, cursor)])).await.unwrap_err(),
                UserError::Invalid(Invalid::StalePage),
                "{side}={cursor:.20}"
            );
        }
    }
    assert_eq!(
        list(&app, filter(&[("q", &"x".repeat(129))]))
            .await
            .unwrap_err(),
        UserError::Invalid(Invalid::SearchTooLong { max: 128 })
    );
}

#[tokio::test]
async fn past_ten_thousand_matches_the_total_says_more_than() {
    let app = as_postmaster().await;
    seed_staff(&app, 10_000).await;
    // 10,004 accounts: counted to 10,000, then "more than".
    let all = listed(&app, EmployeeFilter::default()).await;
    assert_eq!((all.total, all.total_capped), (10_000, true));
    assert!(all.next.is_some());
    // A filter under the limit is counted exactly.
    // "Staff 990" to "Staff 999", and "Staff 9900" to "Staff 9999".
    let staff = listed(&app, filter(&[("q", "staff 99")])).await;
    assert_eq!((staff.total, staff.total_capped), (110, false));
    let demo = listed(&app, filter(&[("recovery", "questions")])).await;
    assert_eq!((demo.total, demo.total_capped), (2, false));
}
