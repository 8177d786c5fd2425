//! The Audit Log's filters and its CSV export: what they select, what a
//! bad filter gets, and a file that spreadsheet programs open safely
//! (UTF-8 with a byte-order mark, RFC 4180 quoting, formulas defused),
//! streamed in batches without losing or repeating a row.

use app::admin::AuditFilter;
use app::error::{Invalid, UserError};
use services::ctx::Ctx;
use services::request::Request;

use super::*;
use crate::helpers::new_client;

const DAY: i64 = 86_400_000;
/// 2026-01-01 00:00 UTC.
const JAN_1: i64 = 1_767_225_600_000;

/// Adds `count` events of example.com from `at` on (two a millisecond),
/// with the given actor, action and target.
async fn add_events(app: &TestApp, count: usize, at: i64, actor: &str, action: &str, target: &str) {
    let domain: String = sqlx::query_scalar("SELECT id FROM domains WHERE name = 'example.com'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    for chunk in (0..count).collect::<Vec<_>>().chunks(200) {
        let values: Vec<String> = chunk
            .iter()
            .map(|n| {
                format!(
                    "('{}', {}, $1, $2, $3, $4, '192.0.2.9', 'n={n}')",
                    uuid::Uuid::new_v4(),
                    at + *n as i64 / 2
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO audit_events (id, at, domain_id, actor, action, target, client_addr, \
             detail) VALUES {}",
            values.join(", ")
        );
        sqlx::query(&sql)
            .bind(&domain)
            .bind(actor)
            .bind(action)
            .bind(target)
            .execute(&app.db.pool)
            .await
            .unwrap();
    }
}

fn filter(action: &str, account: &str, from: &str, to: &str) -> AuditFilter {
    AuditFilter {
        action: action.into(),
        account: account.into(),
        from: from.into(),
        to: to.into(),
    }
}

async fn page(app: &TestApp, filter: &AuditFilter) -> Result<app::admin::AuditPage, UserError> {
    app.read(async |ctx: &Ctx, request: &Request| {
        services::admin::audit_log(ctx, request, filter, 1).await
    })
    .await
}

#[tokio::test]
async fn the_log_is_filtered_by_action_account_and_days() {
    let app = as_postmaster().await;
    add_events(
        &app,
        1,
        JAN_1,
        "li.si@example.com",
        "logon",
        "li.si@example.com",
    )
    .await;
    add_events(
        &app,
        2,
        JAN_1 + DAY,
        "postmaster@example.com",
        "password_reset",
        "li.si@example.com",
    )
    .await;
    add_events(
        &app,
        3,
        JAN_1 + 2 * DAY,
        "wang.wu@example.com",
        "logon",
        "wang.wu@example.com",
    )
    .await;

    let resets = page(&app, &filter("password_reset", "", "", ""))
        .await
        .unwrap();
    assert_eq!(resets.total, 2);
    assert!(resets.entries.iter().all(|e| e.action == "password_reset"));
    // "Account" is the actor or the target, case aside.
    let li = page(&app, &filter("", " Li.Si@Example.com ", "", ""))
        .await
        .unwrap();
    assert_eq!(li.total, 3);
    // "From" and "To" include their whole days (UTC).
    let second_day = page(&app, &filter("", "", "2026-01-02", "2026-01-02"))
        .await
        .unwrap();
    assert_eq!(second_day.total, 2);
    let from_second = page(&app, &filter("logon", "", "2026-01-02", ""))
        .await
        .unwrap();
    assert!(from_second
        .entries
        .iter()
        .all(|e| e.actor != "li.si@example.com"));
    assert_eq!(
        page(&app, &filter("logon", "", "", "2026-01-01"))
            .await
            .unwrap()
            .total,
        1
    );

    for (bad, refused) in [
        (
            filter("drop table", "", "", ""),
            Invalid::UnknownAuditAction,
        ),
        (filter("", "", "2026-02-30", ""), Invalid::BadDate),
        (filter("", "", "", "01/02/2026"), Invalid::BadDate),
        (
            filter("", "", "2026-01-03", "2026-01-02"),
            Invalid::DateRange,
        ),
        (
            filter("", &"a".repeat(255), "", ""),
            Invalid::SearchTooLong { max: 254 },
        ),
    ] {
        assert_eq!(
            page(&app, &bad).await.unwrap_err(),
            UserError::Invalid(refused)
        );
    }
}

async fn export(app: &TestApp, client: &reqwest::Client, query: &str) -> reqwest::Response {
    client
        .get(app.url(&format!("/admin/audit/export.csv?{query}")))
        .send()
        .await
        .unwrap()
}

/// The records of a CSV file (after its byte-order mark).
fn records(body: &str) -> Vec<Vec<String>> {
    let text = body
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark first");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn the_export_is_filtered_quoted_and_formula_safe() {
    let app = as_postmaster().await;
    let hostile = "=HYPERLINK(\"http://evil.example\",\"x\")";
    let awkward = "comma, \"quotes\"\nand a new line";
    add_events(&app, 1, JAN_1, hostile, "keywords_changed", awkward).await;
    add_events(&app, 1, JAN_1, "@cmd", "keywords_changed", "+1-2").await;
    add_events(
        &app,
        5,
        JAN_1,
        "li.si@example.com",
        "logon",
        "li.si@example.com",
    )
    .await;

    let answer = export(&app, &app.client, "event=keywords_changed").await;
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(answer.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    let rows = records(&answer.text().await.unwrap());
    assert_eq!(
        rows[0],
        [
            "Time (UTC)",
            "Actor",
            "Action",
            "Target",
            "Client address",
            "Detail"
        ]
    );
    assert_eq!(rows.len(), 3, "the header and the two keyword events");
    let by_actor = |actor: &str| rows.iter().find(|row| row[1] == actor).unwrap().clone();
    let first = by_actor(&format!("'{hostile}"));
    assert_eq!(
        first[3], awkward,
        "quoting keeps commas, quotes and new lines"
    );
    assert_eq!(first[0], "2026-01-01T00:00:00.000Z");
    assert_eq!(first[2], "keywords changed");
    let second = by_actor("'@cmd");
    assert_eq!(second[3], "'+1-2");

    // In Chinese: the header and the action labels.
    let chinese = new_client();
    assert_eq!(
        app.log_on_with(
            &chinese,
            "postmaster@example.com",
            crate::helpers::POSTMASTER_PASSWORD
        )
        .await
        .status(),
        200
    );
    let answer = chinese
        .get(app.url("/admin/audit/export.csv?event=logon&account=li.si@example.com"))
        .header("accept-language", "zh-CN")
        .send()
        .await
        .unwrap();
    let rows = records(&answer.text().await.unwrap());
    assert_eq!(rows[0][0], "时间（UTC）");
    assert_eq!(rows.len(), 6);
    assert!(rows[1..].iter().all(|row| row[2] == "登录"), "{rows:?}");
}

#[tokio::test]
async fn the_export_streams_every_row_once_and_refuses_others() {
    let app = as_postmaster().await;
    // More than two batches, with many rows sharing a millisecond.
    add_events(
        &app,
        4_500,
        JAN_1,
        "bulk@example.com",
        "logon",
        "bulk@example.com",
    )
    .await;
    let answer = export(&app, &app.client, "account=bulk@example.com").await;
    let rows = records(&answer.text().await.unwrap());
    assert_eq!(rows.len(), 4_501);
    let mut details: Vec<&str> = rows[1..].iter().map(|row| row[5].as_str()).collect();
    details.sort_unstable();
    details.dedup();
    assert_eq!(details.len(), 4_500, "no row lost or repeated");

    // Compressed as the browser asks (the compression layer reads past
    // the end of the stream): the whole file still arrives.
    let compressed = app
        .client
        .get(app.url("/admin/audit/export.csv?account=bulk@example.com"))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(compressed.status(), 200);
    assert!(compressed.headers().contains_key("content-encoding"));
    let bytes = compressed.bytes().await.expect("the whole body arrives");
    assert!(!bytes.is_empty());

    // A bad filter: refused with its sentence, nothing exported.
    let bad = export(&app, &app.client, "from=2026-02-30").await;
    assert_eq!(bad.status(), 422);
    assert_eq!(bad.text().await.unwrap(), "Enter dates as YYYY-MM-DD.");
    // Nobody signed in: to the logon page. An employee: not allowed.
    let anonymous = export(&app, &new_client(), "").await;
    assert_eq!(anonymous.status(), 303);
    assert_eq!(anonymous.headers()["location"], "/login");
    let employee = app
        .signed_in_client("zhang.san@example.com", crate::helpers::EMPLOYEE_PASSWORD)
        .await;
    assert_eq!(export(&app, &employee, "").await.status(), 403);
}
