//! "This wasn't me": every reset notice and phone-change SMS carries a
//! single-use link; its page changes nothing; its button locks the
//! account down in one transaction, until the postmaster's Reset Password
//! or 24 hours; a used, expired or made-up link changes nothing and says
//! so.

use futures::future::join_all;

use app::error::UserError;
use app::recovery::RecoveryView;
use app::report::api::ReportNotMe;

use super::*;
use crate::admin::{account_id, as_postmaster, reset};
use crate::helpers::{audit_events, english, me, new_client, user_error};
use crate::lockout::change_each_way;
use crate::recovery::Flow;
use services::ctx::Ctx;
use services::request::Request;

const NEW: &str = "Quiet#River88";

async fn press(app: &TestApp, token: &str) -> reqwest::Response {
    app.call_with(
        &new_client(),
        ReportNotMe {
            token: token.to_owned(),
        },
    )
    .await
}

/// The postmaster resets Zhang San's password (no change required); the
/// token of the SMS it sent.
async fn reset_zhang(app: &TestApp, password: &str) -> String {
    let id = account_id(app, ZHANG).await;
    assert_eq!(reset(app, &id, password, false).await.status(), 200);
    let text = last_text_to(app, ZHANG_PHONE).await;
    assert!(
        text.starts_with("Your administrator reset your mail password. "),
        "{text}"
    );
    link_token(app, &text)
}

/// Whether the page says `text` (an apostrophe may come escaped).
fn says(html: &str, text: &str) -> bool {
    [
        text.to_owned(),
        text.replace('\'', "&#x27;"),
        text.replace('\'', "&#39;"),
    ]
    .iter()
    .any(|form| html.contains(form.as_str()))
}

/// The postmaster logs on again (after the clock moved past the session).
async fn postmaster_again(app: &TestApp) {
    let response = app
        .log_on(
            "postmaster@example.com",
            crate::helpers::POSTMASTER_PASSWORD,
        )
        .await;
    assert_eq!(response.status(), 200);
}

async fn kicks(app: &TestApp) -> i64 {
    scalar_i64(
        app,
        "SELECT COUNT(*) FROM mail_kicks WHERE address = $1",
        ZHANG,
    )
    .await
}

async fn reported_in_the_list(app: &TestApp) -> bool {
    let page = app
        .read(async |ctx: &Ctx, request: &Request| {
            let filter = app::admin::EmployeeFilter {
                q: "zhang".into(),
                ..Default::default()
            };
            services::admin::employees(ctx, request, &filter).await
        })
        .await
        .expect("the list loads");
    page.rows
        .iter()
        .find(|row| row.address == ZHANG)
        .unwrap()
        .reported
}

#[tokio::test]
async fn this_wasnt_me_locks_the_account_down_until_the_postmaster_resets_it() {
    let app = as_postmaster().await;
    let token = reset_zhang(&app, NEW).await;
    // Whoever reset it is signed in as Zhang San now.
    let intruder = app.signed_in_client(ZHANG, NEW).await;

    // Opening the link shows what happened and changes nothing.
    let page = new_client()
        .get(app.url(&format!("/r/{token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    for shown in [
        "Was this you?",
        "Your administrator reset your mail password on",
        "This wasn't me",
    ] {
        assert!(says(&html, shown), "{shown} in the page");
    }
    assert!(app.read_with(&intruder, me).await.is_ok());
    assert!(!reported_in_the_list(&app).await);

    let kicks_before = kicks(&app).await;
    let pressed = press(&app, &token).await;
    assert_eq!(pressed.status(), 200);
    assert_eq!(location(&pressed), Some(format!("/r/{token}?done=1")));

    // Every session is gone, and neither the web nor Forgot Password
    // serves the account.
    let signed_out = app.read_with(&intruder, me).await;
    assert_eq!(signed_out.unwrap_err(), UserError::NotSignedIn);
    let refused = app.log_on_with(&new_client(), ZHANG, NEW).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(user_error(refused).await, UserError::Reported);
    let wrong = app
        .log_on_with(&new_client(), ZHANG, "Wrong#Guess2026")
        .await;
    assert_eq!(user_error(wrong).await, UserError::BadCredentials);
    let flow = Flow::new(&app);
    flow.start(ZHANG).await;
    assert_eq!(flow.state().await, RecoveryView::NoMethod);
    // The mail server drops its sessions; the audit trail and the
    // postmaster know.
    assert_eq!(kicks(&app).await, kicks_before + 1);
    assert_eq!(audit_events(&app, "reported", ZHANG).await, 1);
    let told = last_text_to(&app, POSTMASTER_PHONE).await;
    assert_eq!(
        told,
        format!(
            "An employee reported a change they did not make; their account is locked \
             for 24 h. See Employee Accounts: {}/admin/accounts",
            app.address
        )
    );
    assert!(reported_in_the_list(&app).await);

    // Pressing again changes nothing and says so; so does the page.
    let twice = press(&app, &token).await;
    assert_eq!(twice.status(), 409);
    assert_eq!(user_error(twice).await, UserError::ReportLinkUsed);
    assert_eq!(audit_events(&app, "reported", ZHANG).await, 1);
    let page = app.get(&format!("/r/{token}")).await.text().await.unwrap();
    let used = english(&UserError::ReportLinkUsed);
    assert!(says(&page, &used), "the page says the link was used");

    // The postmaster's Reset Password ends it.
    let id = account_id(&app, ZHANG).await;
    assert_eq!(
        reset(&app, &id, "Bright#Lantern2032", true).await.status(),
        200
    );
    assert!(!reported_in_the_list(&app).await);
    let back = app
        .log_on_with(&new_client(), ZHANG, "Bright#Lantern2032")
        .await;
    assert_eq!(location(&back).as_deref(), Some("/change-password"));
}

#[tokio::test]
async fn the_lockdown_ends_after_24_hours() {
    let app = as_postmaster().await;
    let token = reset_zhang(&app, NEW).await;
    assert_eq!(press(&app, &token).await.status(), 200);
    app.clock.advance(24 * 3_600_000 - 1);
    let refused = app.log_on_with(&new_client(), ZHANG, NEW).await;
    assert_eq!(user_error(refused).await, UserError::Reported);
    app.clock.advance(1);
    let back = app.log_on_with(&new_client(), ZHANG, NEW).await;
    assert_eq!(back.status(), 200);
    // Still marked for the postmaster, who decides what happens next.
    postmaster_again(&app).await;
    assert!(reported_in_the_list(&app).await);
}

#[tokio::test]
async fn two_presses_at_once_lock_down_once() {
    let app = as_postmaster().await;
    let token = reset_zhang(&app, NEW).await;
    let presses = join_all((0..4).map(|_| press(&app, &token))).await;
    let mut statuses: Vec<u16> = presses.iter().map(|r| r.status().as_u16()).collect();
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409, 409, 409]);
    assert_eq!(audit_events(&app, "reported", ZHANG).await, 1);
}

#[tokio::test]
async fn expired_used_or_made_up_links_change_nothing() {
    let app = as_postmaster().await;
    let older = reset_zhang(&app, NEW).await;
    app.clock.advance(DAY);
    postmaster_again(&app).await;
    let newer = reset_zhang(&app, "Second#Meadow2026").await;
    // Seven days after the first reset, its link is dead; the second's
    // still works.
    app.clock.advance(6 * DAY);
    let expired = press(&app, &older).await;
    assert_eq!(expired.status(), 410);
    assert_eq!(user_error(expired).await, UserError::ReportLinkExpired);
    let long = "A".repeat(10_000);
    for made_up in [
        "",
        "short",
        "../../etc/passwd",
        "AAAAAAAAAAAAAAAA",
        "ÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄ",
        &long,
    ] {
        let answer = press(&app, made_up).await;
        assert_eq!(answer.status(), 410, "{made_up:.20}");
        assert_eq!(user_error(answer).await, UserError::ReportLinkExpired);
    }
    assert_eq!(audit_events(&app, "reported", ZHANG).await, 0);
    assert_eq!(
        app.log_on_with(&new_client(), ZHANG, "Second#Meadow2026")
            .await
            .status(),
        200
    );
    // One report spends every link of the account.
    assert_eq!(press(&app, &newer).await.status(), 200);
    let open = scalar_i64(
        &app,
        "SELECT COUNT(*) FROM report_links WHERE used_at IS NULL AND account_id = $1",
        &account_id(&app, ZHANG).await,
    )
    .await;
    assert_eq!(open, 0);
}

/// Each way a password is set tells the secure phone with a link, in one
/// SMS segment, without the address.
#[tokio::test]
async fn every_reset_notice_carries_a_link_in_one_segment() {
    let app = crate::helpers::spawn_demo_app().await;
    change_each_way(&app).await;
    let owner_reset = last_text_to(&app, POSTMASTER_PHONE).await;
    assert!(owner_reset.starts_with("Your postmaster password was reset by the domain's owner. "));
    let own_change = last_text_to(&app, ZHANG_PHONE).await;
    assert!(
        own_change.starts_with("Your mail password was changed. "),
        "{own_change}"
    );
    // Forgot Password.
    let flow = Flow::new(&app);
    let code = flow.code_by_sms(ZHANG, ZHANG_PHONE).await;
    assert_eq!(flow.verify(&code).await.status(), 200);
    assert_eq!(flow.reset("Lantern#Kite2031").await.status(), 200);
    let recovered = last_text_to(&app, ZHANG_PHONE).await;
    assert!(
        recovered.starts_with("Your mail password was reset with Forgot Password. "),
        "{recovered}"
    );
    for text in [&owner_reset, &own_change, &recovered] {
        link_token(&app, text);
        assert!(text.len() <= 160 && !text.contains('@'), "{text}");
    }
    // The postmaster's reset, in Chinese (the account's language).
    app.exec(
        "UPDATE mail_accounts SET language = 'zh-CN' WHERE address = $1",
        &[ZHANG],
    )
    .await;
    let admin = app.log_on("postmaster@example.com", "Tide#Lantern55").await;
    assert_eq!(admin.status(), 200);
    let id = account_id(&app, ZHANG).await;
    assert_eq!(
        reset(&app, &id, "Chinese#Lantern2032", false)
            .await
            .status(),
        200
    );
    let chinese = last_text_to(&app, ZHANG_PHONE).await;
    assert!(
        chinese.starts_with("管理员已重置你的邮箱密码。非本人申请请点："),
        "{chinese}"
    );
    link_token(&app, &chinese);
    assert!(chinese.encode_utf16().count() <= 70, "{chinese}");
}

#[tokio::test]
async fn a_reported_phone_change_unbinds_the_new_phone() {
    let app = crate::helpers::signed_in(ZHANG).await;
    let sent = crate::binding::send_code(&app, "+8613800138003", EMPLOYEE_PASSWORD).await;
    assert_eq!(sent.status(), 200);
    let code = crate::binding::code_sent_to(&app, "+8613800138003").await;
    assert_eq!(crate::binding::bind(&app, &code).await.status(), 200);
    let token = link_token(&app, &last_text_to(&app, ZHANG_PHONE).await);
    let page = app.get(&format!("/r/{token}")).await.text().await.unwrap();
    assert!(
        says(&page, "was changed to +86 138****8003 on"),
        "the page names the new phone"
    );
    assert_eq!(press(&app, &token).await.status(), 200);
    let bound = scalar_i64(
        &app,
        "SELECT COUNT(*) FROM mail_accounts WHERE address = $1 AND phone IS NOT NULL",
        ZHANG,
    )
    .await;
    assert_eq!(bound, 0, "the phone the holder disowned is unbound");
}
