//! SMS cannot be pumped: a domain sends codes only to its allowed calling
//! codes, at most 3 an hour (10 a day) to one number, and within a daily
//! ceiling its postmaster sees and raises. Each refusal is clear and in
//! the domain's audit log.

use crate::helpers::secret;
use crate::helpers::Browser;
use app::admin::api::SaveSmsLimits;
use app::binding::api::SendPhoneCode;
use app::error::UserError;
use services::infra::clock::{HOUR, MINUTE};

use super::{send_code, signed_in, NEW_PHONE, ZHANG};
use crate::helpers::{user_error, TestApp, EMPLOYEE_PASSWORD, POSTMASTER_PASSWORD};

/// Past the account's 60 s resend cooldown.
fn after_cooldown(app: &TestApp) {
    app.clock.advance(MINUTE + 1);
}

async fn sms_refusals(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT detail FROM audit_events WHERE action = 'sms_refused' ORDER BY at, id",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

async fn policy(app: &TestApp, postmaster: &Browser) -> app::admin::DomainPolicy {
    app.read_with(postmaster, services::admin::policy)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_number_gets_at_most_three_codes_an_hour() {
    let app = signed_in(ZHANG).await;
    for _ in 0..3 {
        assert_eq!(
            send_code(&app, NEW_PHONE, EMPLOYEE_PASSWORD).await.status(),
            200
        );
        after_cooldown(&app);
    }
    let refused = send_code(&app, NEW_PHONE, EMPLOYEE_PASSWORD).await;
    assert_eq!(refused.status(), 429);
    assert_eq!(user_error(refused).await, UserError::SmsNumberLimit);
    assert_eq!(
        sms_refusals(&app).await,
        ["cap reached: 3 codes to this number in an hour"]
    );
    // Another number is not held by that one's cap.
    assert_eq!(
        send_code(&app, "+8613800138003", EMPLOYEE_PASSWORD)
            .await
            .status(),
        200
    );
    // An hour on, the number may get codes again.
    app.clock.advance(HOUR);
    assert_eq!(app.log_on(ZHANG, EMPLOYEE_PASSWORD).await.status(), 200);
    assert_eq!(
        send_code(&app, NEW_PHONE, EMPLOYEE_PASSWORD).await.status(),
        200
    );
}

#[tokio::test]
async fn only_the_domains_calling_codes_get_codes_and_the_postmaster_can_add_one() {
    let app = signed_in(ZHANG).await;
    let hong_kong = "+85251234567";
    let refused = send_code(&app, hong_kong, EMPLOYEE_PASSWORD).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(user_error(refused).await, UserError::SmsCountryNotAllowed);
    assert_eq!(
        sms_refusals(&app).await,
        ["calling code +852 is not allowed"]
    );
    let postmaster = app
        .signed_in_client("postmaster@example.com", POSTMASTER_PASSWORD)
        .await;
    let saved = app
        .call_with(
            &postmaster,
            SaveSmsLimits {
                calling_codes: "+86, 852".into(),
                daily_ceiling: "200".into(),
            },
        )
        .await;
    assert_eq!(saved.status(), 200);
    assert_eq!(
        policy(&app, &postmaster).await.sms_calling_codes,
        "+86, +852"
    );
    assert_eq!(
        send_code(&app, hong_kong, EMPLOYEE_PASSWORD).await.status(),
        200
    );
    // Garbage is refused whole, with a sentence, and saves nothing.
    for (codes, ceiling) in [
        ("+86, +1234", "200"),
        ("", "200"),
        ("+86", "0"),
        ("+86", "1e9"),
    ] {
        let answer = app
            .call_with(
                &postmaster,
                SaveSmsLimits {
                    calling_codes: codes.to_string(),
                    daily_ceiling: ceiling.to_string(),
                },
            )
            .await;
        assert_eq!(answer.status(), 422, "{codes:?} {ceiling:?}");
        assert!(matches!(user_error(answer).await, UserError::Invalid(_)));
    }
    assert_eq!(
        policy(&app, &postmaster).await.sms_calling_codes,
        "+86, +852"
    );
}

#[tokio::test]
async fn the_daily_ceiling_is_shown_to_the_postmaster_and_raising_it_lifts_the_refusal() {
    let app = signed_in(ZHANG).await;
    let postmaster = app
        .signed_in_client("postmaster@example.com", POSTMASTER_PASSWORD)
        .await;
    let shown = policy(&app, &postmaster).await;
    assert_eq!((shown.sms_sent_today, shown.sms_daily_ceiling), (0, 200));
    let ceiling = |ceiling: &'static str| {
        let app = &app;
        let postmaster = &postmaster;
        async move {
            app.call_with(
                postmaster,
                SaveSmsLimits {
                    calling_codes: "+86".into(),
                    daily_ceiling: ceiling.to_string(),
                },
            )
            .await
            .status()
        }
    };
    assert_eq!(ceiling("2").await, 200);
    for number in ["+8613800138002", "+8613800138003"] {
        assert_eq!(
            send_code(&app, number, EMPLOYEE_PASSWORD).await.status(),
            200
        );
        after_cooldown(&app);
    }
    let refused = send_code(&app, "+8613800138004", EMPLOYEE_PASSWORD).await;
    assert_eq!(refused.status(), 429);
    assert_eq!(user_error(refused).await, UserError::SmsDomainLimit);
    assert_eq!(
        sms_refusals(&app).await,
        ["cap reached: the domain's daily SMS ceiling"]
    );
    let shown = policy(&app, &postmaster).await;
    assert_eq!((shown.sms_sent_today, shown.sms_daily_ceiling), (2, 2));
    // Refused again while locked: no second audit row for the cap.
    after_cooldown(&app);
    assert_eq!(
        send_code(&app, "+8613800138004", EMPLOYEE_PASSWORD)
            .await
            .status(),
        429
    );
    assert_eq!(sms_refusals(&app).await.len(), 1);
    // The postmaster raises it: the next code goes at once.
    assert_eq!(ceiling("10").await, 200);
    assert_eq!(
        send_code(&app, "+8613800138004", EMPLOYEE_PASSWORD)
            .await
            .status(),
        200
    );
    let changed: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'sms_limits_changed'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(changed, 2);
}

#[tokio::test]
async fn four_accounts_at_once_never_get_a_fourth_code_to_one_number() {
    let app = signed_in(ZHANG).await;
    let holders = [
        ("zhang.san@example.com", EMPLOYEE_PASSWORD),
        ("li.si@example.com", EMPLOYEE_PASSWORD),
        ("wang.wu@example.com", EMPLOYEE_PASSWORD),
        ("postmaster@example.com", POSTMASTER_PASSWORD),
    ];
    let mut clients = Vec::new();
    for (address, password) in holders {
        clients.push((app.signed_in_client(address, password).await, password));
    }
    // Each account's own cooldown lets each send one: four at once, to the
    // same number, of which the number's cap admits three.
    let answers = futures::future::join_all(clients.iter().map(|(client, password)| {
        let send = SendPhoneCode {
            phone: NEW_PHONE.to_string(),
            current_password: secret(password),
            back: None,
        };
        app.call_with(client, send)
    }))
    .await;
    let statuses: Vec<u16> = answers
        .iter()
        .map(|answer| answer.status().as_u16())
        .collect();
    assert_eq!(
        statuses.iter().filter(|status| **status == 200).count(),
        3,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|status| **status == 429).count(),
        1,
        "{statuses:?}"
    );
    let queued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sms_messages WHERE to_number = $1")
        .bind(NEW_PHONE)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(queued, 3);
}
