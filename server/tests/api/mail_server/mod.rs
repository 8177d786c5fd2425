//! The mail server uses these passwords: a real Dovecot authenticates IMAP
//! logons against the app's accounts, shares the web logon's brute-force
//! counters through the auth policy, and drops a mailbox's sessions when
//! its password is reset or the account is disabled.

mod dovecot;
mod report;

use app::admin::api::SetAccountEnabled;
use std::time::{Duration, Instant};

use futures::future::join_all;
use services::infra::clock::SECOND;

use self::dovecot::{MailServer, MAIL_AUTH_KEY};
use crate::admin::{account_id, reset};
use crate::helpers::{new_client, user_error, TestApp, EMPLOYEE_PASSWORD, POSTMASTER_PASSWORD};
use crate::lockout::change_each_way;
use crate::recovery::{next_sms, outbox, sms_count, Flow, ZHANG_PHONE};

const WANG: &str = "wang.wu@example.com";
const LI: &str = "li.si@example.com";
const ZHANG: &str = "zhang.san@example.com";
const POSTMASTER: &str = "postmaster@example.com";

async fn as_postmaster(app: &TestApp) {
    let logon = app.log_on(POSTMASTER, POSTMASTER_PASSWORD).await;
    assert_eq!(logon.status(), 200, "the postmaster logs on");
}

/// Old password refused, new one accepted, over IMAP.
async fn only_the_new_password_works(server: &MailServer, login: &str, old: &str, new: &str) {
    let refused = server.imap(login, old).await.err();
    assert!(
        refused
            .as_deref()
            .is_some_and(|e| e.contains("AUTHENTICATIONFAILED")),
        "{login}'s old password still works over IMAP: {refused:?}"
    );
    let mut session = server
        .imap(login, new)
        .await
        .unwrap_or_else(|err| panic!("{login}'s new password is refused over IMAP: {err}"));
    assert!(session.select_inbox().await, "{login} opens the inbox");
}

#[tokio::test]
async fn imap_takes_the_current_password_and_after_each_kind_of_reset_only_the_new_one() {
    let server = MailServer::start().await;
    let app = &server.app;
    // Case aside: the login is the full address.
    let mut session = server
        .imap("Wang.Wu@Example.com", EMPLOYEE_PASSWORD)
        .await
        .unwrap();
    assert!(session.select_inbox().await);
    assert!(server.imap(WANG, "Wrong#Password1").await.is_err());

    // Each way a password is set (the postmaster's reset, Forgot Password,
    // the console owner's reset of the postmaster, the own change): only
    // the new one works over IMAP.
    for changed in change_each_way(app).await {
        only_the_new_password_works(&server, changed.login, changed.old, changed.new).await;
    }
}

/// Polls an open session until the server has dropped it.
async fn dropped_within(session: &mut dovecot::Imap, limit: Duration) -> Duration {
    let started = Instant::now();
    while session.alive().await {
        assert!(
            started.elapsed() < limit,
            "the session is still open after {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    started.elapsed()
}

#[tokio::test]
async fn open_sessions_are_closed_within_five_seconds_of_a_reset_or_a_disable() {
    let server = MailServer::start().await;
    let app = &server.app;
    as_postmaster(app).await;
    let mut phone = server.imap(WANG, EMPLOYEE_PASSWORD).await.unwrap();
    let mut laptop = server.imap(WANG, EMPLOYEE_PASSWORD).await.unwrap();
    let mut other = server.imap(LI, EMPLOYEE_PASSWORD).await.unwrap();
    assert!(phone.alive().await && laptop.alive().await);

    let id = account_id(app, WANG).await;
    assert_eq!(reset(app, &id, "Quiet#Harbor77", false).await.status(), 200);
    let took = dropped_within(&mut phone, Duration::from_secs(5)).await;
    dropped_within(&mut laptop, Duration::from_secs(5)).await;
    println!("Wang Wu's IMAP sessions were dropped {took:?} after the reset");
    assert!(
        other.alive().await,
        "another mailbox's session is left alone"
    );

    let mut li = server.imap(LI, EMPLOYEE_PASSWORD).await.unwrap();
    let li_id = account_id(app, LI).await;
    let disabled = app
        .call(SetAccountEnabled {
            id: li_id.to_string(),
            enabled: false,
        })
        .await;
    assert_eq!(disabled.status(), 200);
    dropped_within(&mut li, Duration::from_secs(5)).await;
    dropped_within(&mut other, Duration::from_secs(5)).await;
}

#[tokio::test]
async fn a_kick_queued_while_dovecot_is_down_is_sent_once_it_is_back() {
    let mut server = MailServer::start().await;
    as_postmaster(&server.app).await;
    server.stop_dovecot();
    let id = account_id(&server.app, WANG).await;
    let started = Instant::now();
    let response = reset(&server.app, &id, "Quiet#Harbor77", false).await;
    assert_eq!(
        response.status(),
        200,
        "the reset does not wait for the mail server"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
    let pool = server.app.db.pool.clone();
    let state = || async {
        sqlx::query_as::<_, (String, i64)>(
            "SELECT status, attempts FROM mail_kicks WHERE address = $1",
        )
        .bind(WANG)
        .fetch_one(&pool)
        .await
        .unwrap()
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while state().await.1 == 0 {
        assert!(Instant::now() < deadline, "the kick was never tried");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        state().await.0,
        "queued",
        "a failed kick is kept for a retry"
    );
    server.start_dovecot().await;
    let deadline = Instant::now() + Duration::from_secs(30);
    while state().await.0 != "sent" {
        assert!(
            Instant::now() < deadline,
            "the kick was not sent once Dovecot was back"
        );
        // The retry is due after its backoff, on the server's clock.
        server.app.clock.advance(10 * SECOND);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn disabled_and_must_change_accounts_are_refused_with_the_reason() {
    let server = MailServer::start().await;
    let app = &server.app;
    as_postmaster(app).await;
    let wang = account_id(app, WANG).await;
    assert_eq!(
        reset(app, &wang, "Quiet#Harbor77", true).await.status(),
        200
    );
    let refused = server
        .imap(WANG, "Quiet#Harbor77")
        .await
        .err()
        .unwrap_or_default();
    assert!(
        refused.contains("Change your password on the web first"),
        "{refused}"
    );
    // A wrong password learns nothing of it.
    let wrong = server
        .imap(WANG, "Wrong#Password1")
        .await
        .err()
        .unwrap_or_default();
    assert!(
        wrong.contains("AUTHENTICATIONFAILED") && !wrong.contains("web"),
        "{wrong}"
    );

    let li = account_id(app, LI).await;
    let disabled = app
        .call(SetAccountEnabled {
            id: li.to_string(),
            enabled: false,
        })
        .await;
    assert_eq!(disabled.status(), 200);
    let refused = server
        .imap(LI, EMPLOYEE_PASSWORD)
        .await
        .err()
        .unwrap_or_default();
    assert!(refused.contains("This account is disabled"), "{refused}");

    // In the language the account last used on the web.
    app.exec(
        "UPDATE mail_accounts SET language = 'zh-CN' WHERE address = $1",
        &[WANG],
    )
    .await;
    let refused = server
        .imap(WANG, "Quiet#Harbor77")
        .await
        .err()
        .unwrap_or_default();
    assert!(refused.contains("请先在网页上修改密码"), "{refused}");
}

#[tokio::test]
async fn imap_and_the_web_share_one_lockout() {
    let server = MailServer::start().await;
    let app = &server.app;
    // Ten different wrong IMAP passwords at once: five are judged, and the
    // account is then locked on the web too, right password or not.
    let guesses: Vec<String> = (0..10).map(|n| format!("Wrong#Password{n}")).collect();
    let attempts = join_all(guesses.iter().map(|guess| server.imap(WANG, guess))).await;
    assert!(attempts.iter().all(Result::is_err));
    let judged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_events WHERE target = $1 AND detail = 'IMAP'",
    )
    .bind(WANG)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(judged, 5, "only five IMAP attempts are judged");
    let web = app.log_on(WANG, EMPLOYEE_PASSWORD).await;
    assert_eq!(web.status(), 403);
    assert_eq!(user_error(web).await, app::error::UserError::Locked);
    let refused = server
        .imap(WANG, EMPLOYEE_PASSWORD)
        .await
        .err()
        .unwrap_or_default();
    assert!(refused.contains("Too many failed logons"), "{refused}");

    // Five wrong web passwords: IMAP refuses the right one.
    for n in 0..5 {
        app.log_on(LI, &format!("Wrong#Password{n}")).await;
    }
    let refused = server
        .imap(LI, EMPLOYEE_PASSWORD)
        .await
        .err()
        .unwrap_or_default();
    assert!(refused.contains("Too many failed logons"), "{refused}");
}

#[tokio::test]
async fn a_mail_client_that_logged_on_before_is_not_locked_out_by_strangers() {
    let server = MailServer::start().await;
    let app = &server.app;
    // Four wrong guesses, then the owner's phone logs on over IMAP: that
    // success does not clear the guesses (the phone's address becomes
    // familiar instead).
    let guesses: Vec<String> = (0..4).map(|n| format!("Wrong#Password{n}")).collect();
    let four_wrong = join_all(guesses.iter().map(|guess| server.imap(ZHANG, guess))).await;
    assert!(four_wrong.iter().all(Result::is_err));
    server.imap(ZHANG, EMPLOYEE_PASSWORD).await.unwrap();
    // One more guess from a stranger's browser locks strangers out.
    let stranger = app
        .log_on_with(&new_client(), ZHANG, "Wrong#Password9")
        .await;
    assert_eq!(user_error(stranger).await, app::error::UserError::Locked);
    // The phone still logs on: its address is familiar to this mailbox.
    let mut session = server
        .imap_tls(ZHANG, EMPLOYEE_PASSWORD)
        .await
        .unwrap_or_else(|err| panic!("the familiar phone is locked out: {err}"));
    assert!(session.select_inbox().await);
}

#[tokio::test]
async fn the_policy_endpoint_answers_only_with_the_configured_key() {
    let server = MailServer::start().await;
    let app = &server.app;
    let url = app.url("/mail-auth/policy?command=allow");
    let body = serde_json::json!({"login": WANG, "remote": "192.0.2.7", "protocol": "imap"});
    let client = reqwest::Client::new();
    for authorization in [
        None,
        Some("Bearer wrong-key".to_owned()),
        Some(MAIL_AUTH_KEY.to_owned()),
    ] {
        let mut request = client.post(&url).json(&body);
        if let Some(value) = authorization {
            request = request.header("authorization", value);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 401);
    }
    // A forged Origin or X-Forwarded-For changes nothing either.
    let response = client
        .post(&url)
        .header("origin", &app.address)
        .header("x-forwarded-for", "198.51.100.1")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let response = client
        .post(&url)
        .header("authorization", format!("Bearer {MAIL_AUTH_KEY}"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let verdict: serde_json::Value = response.json().await.unwrap();
    assert_eq!(verdict["status"], 0);
}

#[tokio::test]
async fn after_forgot_password_a_phone_with_the_old_password_locks_nothing_and_is_named_once() {
    let server = MailServer::start().await;
    let app = &server.app;
    // Zhang San's phone reads his mail over TLS with the password of the
    // time.
    server.imap_tls(ZHANG, EMPLOYEE_PASSWORD).await.unwrap();
    let flow = Flow::new(app);
    let code = flow.code_by_sms(ZHANG, ZHANG_PHONE).await;
    assert_eq!(flow.verify(&code).await.status(), 200);
    assert_eq!(flow.reset("Harbor#Kite2027").await.status(), 200);
    let before = sms_count(app, ZHANG_PHONE).await;

    // The phone still has the old one and retries it, eight times.
    let retries = join_all((0..8).map(|_| server.imap_tls(ZHANG, EMPLOYEE_PASSWORD))).await;
    for retry in retries {
        let refused = retry.err().unwrap_or_default();
        assert!(refused.contains("AUTHENTICATIONFAILED"), "{refused}");
    }
    // Nothing was locked: the new password works on the web and over IMAP.
    let web = app
        .log_on_with(&new_client(), ZHANG, "Harbor#Kite2027")
        .await;
    assert_eq!(web.status(), 200);
    let mut session = server.imap_tls(ZHANG, "Harbor#Kite2027").await.unwrap();
    assert!(session.select_inbox().await);
    // Its owner is told once which client still has the old password.
    let told = next_sms(app, ZHANG_PHONE, before).await;
    assert!(told.contains("previous password"), "{told}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let stale = outbox(app)
        .await
        .into_iter()
        .filter(|sms| sms.to == ZHANG_PHONE && sms.text.contains("previous password"))
        .count();
    assert_eq!(stale, 1);
}
