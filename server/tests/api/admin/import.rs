//! Import accounts: the upload, the preview with every row's problem, and
//! the one transaction that writes the ready rows; hostile files are
//! refused with their sentence and write nothing.

use app::admin::api::CommitImport;
use app::admin::{ImportPreview, RowProblem};
use app::error::{Invalid, UserError};

use super::{as_postmaster, audit_count};
use crate::helpers::{
    location, new_client, user_error, Call, TestApp, EMPLOYEE_PASSWORD, POSTMASTER_PASSWORD,
};

const BOUNDARY: &str = "----import-test-boundary-7MA4YWxkTrZu0gW";

/// Posts `file` (and the start mode) as the upload form's multipart body.
async fn upload(app: &TestApp, file: &[u8], start: &str) -> reqwest::Response {
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"start\"\r\n\r\n{start}\r\n\
             --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"accounts.csv\"\r\n\
             Content-Type: text/csv\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    app.client
        .post(app.url("/admin/accounts/import/upload"))
        .header("origin", &app.address)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
        .send()
        .await
        .unwrap()
}

/// The preview's id, from the upload's redirect.
fn preview_id(response: &reqwest::Response) -> String {
    assert_eq!(response.status(), 303);
    let to = location(response).unwrap();
    to.strip_prefix("/admin/accounts/import/")
        .unwrap_or_else(|| panic!("not a preview: {to}"))
        .to_owned()
}

/// The refusal an upload was sent back with.
fn refusal(response: &reqwest::Response) -> UserError {
    assert_eq!(response.status(), 303);
    let to = location(response).unwrap();
    let query = to
        .strip_prefix("/admin/accounts/import?")
        .expect("back to the form");
    let json = form_urlencoded::parse(query.as_bytes())
        .find(|(name, _)| name == "refused")
        .map(|(_, value)| value.into_owned())
        .expect("the refusal");
    serde_json::from_str(&json).unwrap()
}

async fn preview(app: &TestApp, id: &str) -> Result<ImportPreview, UserError> {
    app.read(async |c, r| services::admin::import_preview(c, r, id).await)
        .await
}

async fn accounts(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM mail_accounts")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_file_with_bad_rows_is_previewed_row_by_row_then_its_good_rows_written_once() {
    let app = as_postmaster().await;
    let csv = "\u{feff}name,address,department,phone\r\n\
               Qian Qi,qian.qi,Sales,13800138123\r\n\
               \"Sun, Ba\",sun.ba@example.com,,\r\n\
               ,no.name,,\r\n\
               Zhou Jiu,bad..dots,Sales,\r\n\
               Wu Shi,wu.shi@example.org,,\r\n\
               Qian Again,QIAN.QI@example.com,,\r\n\
               Li Si,li.si,,\r\n\
               Zheng Yi,zheng.yi,Nowhere,\r\n\
               Feng Er,feng.er,,12345\r\n\
               \r\n\
               =HYPERLINK(\"x\"),formula.name,Engineering,\r\n";
    let id = preview_id(&upload(&app, csv.as_bytes(), "random").await);
    let seen = preview(&app, &id).await.unwrap();
    let problems: Vec<(usize, &str, Vec<RowProblem>)> = seen
        .rows
        .iter()
        .map(|r| (r.line, r.address.as_str(), r.problems.clone()))
        .collect();
    assert_eq!(
        problems,
        vec![
            (2, "qian.qi@example.com", vec![]),
            (3, "sun.ba@example.com", vec![]),
            (4, "no.name@example.com", vec![RowProblem::NameMissing]),
            (5, "bad..dots", vec![RowProblem::AddressInvalid]),
            (6, "wu.shi@example.org", vec![RowProblem::OtherDomain]),
            (
                7,
                "qian.qi@example.com",
                vec![RowProblem::DuplicateOf { line: 2 }]
            ),
            (8, "li.si@example.com", vec![RowProblem::AddressTaken]),
            (
                9,
                "zheng.yi@example.com",
                vec![RowProblem::UnknownDepartment]
            ),
            (10, "feng.er@example.com", vec![RowProblem::PhoneInvalid]),
            (12, "formula.name@example.com", vec![]),
        ]
    );
    assert_eq!(seen.rows[0].phone, "+8613800138123");
    assert_eq!(seen.rows[1].name, "Sun, Ba");
    assert_eq!(seen.ready(), 3);
    let before = accounts(&app).await;
    assert_eq!(before, 6, "nothing is written by the preview");

    let done = app.call(CommitImport { id: id.clone() }).await;
    assert_eq!(done.status(), 200);
    assert_eq!(
        location(&done),
        Some(format!("/admin/accounts/import/{id}"))
    );
    assert_eq!(accounts(&app).await, before + 3);
    assert_eq!(audit_count(&app, "account_created").await, 3);
    assert_eq!(preview(&app, &id).await.unwrap().imported, Some(3));
    let (status, must, phone, department): (String, i64, Option<String>, Option<String>) =
        sqlx::query_as(
            "SELECT a.status, a.must_change_password, a.phone, d.name FROM mail_accounts a \
             LEFT JOIN departments d ON d.id = a.department_id WHERE a.address = 'qian.qi@example.com'",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        (
            status.as_str(),
            must,
            phone.as_deref(),
            department.as_deref()
        ),
        ("enabled", 1, Some("+8613800138123"), Some("Sales"))
    );
    // No password anyone knows opens it.
    for password in ["", EMPLOYEE_PASSWORD, "Lotus#Bridge2026"] {
        let logon = app
            .log_on_with(&new_client(), "qian.qi@example.com", password)
            .await;
        assert_ne!(logon.status(), 200, "{password:?}");
    }
    // A second press (or a replayed one) writes nothing.
    let again = app.call(CommitImport { id: id.clone() }).await;
    assert_eq!(
        user_error(again).await,
        UserError::Invalid(Invalid::ImportDone)
    );
    assert_eq!(accounts(&app).await, before + 3);
}

#[tokio::test]
async fn simultaneous_imports_of_one_preview_write_it_once() {
    let app = as_postmaster().await;
    let csv = "name,address,department\nA One,a.one,\nB Two,b.two,\n";
    let id = preview_id(&upload(&app, csv.as_bytes(), "disabled").await);
    let presses = (0..4).map(|_| app.call(CommitImport { id: id.clone() }));
    let statuses: Vec<u16> = futures::future::join_all(presses)
        .await
        .iter()
        .map(|r| r.status().as_u16())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(audit_count(&app, "account_created").await, 2);
    let disabled: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM mail_accounts WHERE status = 'disabled'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(disabled, 2, "created disabled");
}

#[tokio::test]
async fn hostile_files_are_refused_with_their_sentence_and_write_nothing() {
    let app = as_postmaster().await;
    let before = accounts(&app).await;
    let mut many = String::from("name,address,department\n");
    for n in 0..10_001 {
        many.push_str(&format!("P{n},p{n},\n"));
    }
    let garbage: Vec<u8> = (0..10u64 * 1024 * 1024)
        .map(|n| (n * 7919 % 251) as u8)
        .collect();
    let cases: Vec<(&str, Vec<u8>, Invalid)> = vec![
        ("empty", Vec::new(), Invalid::ImportChooseFile),
        (
            "Latin-1",
            b"name,address,department\nJos\xe9,jose,\n".to_vec(),
            Invalid::ImportNotUtf8,
        ),
        (
            "NUL",
            b"name,address,department\n\0,x,\n".to_vec(),
            Invalid::ImportNotUtf8,
        ),
        (
            "columns",
            b"email,password\nx,y\n".to_vec(),
            Invalid::ImportColumns,
        ),
        (
            "twice",
            b"name,name,address,department\n".to_vec(),
            Invalid::ImportColumns,
        ),
        (
            "header only",
            b"name,address,department\r\n".to_vec(),
            Invalid::ImportEmpty,
        ),
        (
            "ragged",
            b"name,address,department\na,b,\nc,d\n".to_vec(),
            Invalid::ImportNotCsv { line: 3 },
        ),
        (
            "10,001 rows",
            many.into_bytes(),
            Invalid::ImportTooManyRows { max: 10_000 },
        ),
        (
            "10 MB of garbage",
            garbage,
            Invalid::ImportTooLarge { max: 2 },
        ),
    ];
    for (what, file, expected) in cases {
        let response = upload(&app, &file, "random").await;
        assert_eq!(refusal(&response), UserError::Invalid(expected), "{what}");
    }
    let unknown = upload(&app, b"name,address,department\na,b,\n", "enabled!").await;
    assert_eq!(
        refusal(&unknown),
        UserError::Invalid(Invalid::UnknownChoice)
    );
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM account_imports")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(kept, 0);
    assert_eq!(accounts(&app).await, before);
}

#[tokio::test]
async fn only_a_postmaster_uploads_and_only_their_own_previews_are_seen() {
    let app = as_postmaster().await;
    let csv = b"name,address,department\nA One,a.one,\n";
    let id = preview_id(&upload(&app, csv, "random").await);
    // Another domain's postmaster sees the same as for an id that never was.
    let other = new_client();
    app.log_on_with(&other, "postmaster@example.org", POSTMASTER_PASSWORD)
        .await;
    for id in [id.as_str(), "no-such-import", "' OR 1=1 --"] {
        let seen = app
            .read_with(&other, async |c, r| {
                services::admin::import_preview(c, r, id).await
            })
            .await;
        assert_eq!(
            seen.unwrap_err(),
            UserError::Invalid(Invalid::ImportExpired)
        );
        let response = app
            .send(&other, Call::of(CommitImport { id: id.to_owned() }))
            .await;
        assert_eq!(
            user_error(response).await,
            UserError::Invalid(Invalid::ImportExpired)
        );
    }
    assert_eq!(preview(&app, &id).await.unwrap().imported, None);
    // Signed out: back to the logon, nothing read.
    let stranger = crate::helpers::spawn_demo_app().await;
    let response = upload(&stranger, csv, "random").await;
    assert_eq!(location(&response).as_deref(), Some("/login"));
}
