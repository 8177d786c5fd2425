//! "This wasn't me" reaches the mail server: the mailbox's open IMAP
//! sessions are dropped and IMAP logons are refused, even with the right
//! password, for as long as the lockdown lasts.

use std::time::Duration;

use app::report::api::ReportNotMe;

use super::dovecot::MailServer;
use super::{dropped_within, ZHANG};
use crate::binding::{bind, code_sent_to, send_code};
use crate::helpers::{new_client, EMPLOYEE_PASSWORD};
use crate::lifecycle::{last_text_to, link_token, ZHANG_PHONE};

#[tokio::test]
async fn a_report_drops_the_mail_sessions_and_refuses_imap() {
    let server = MailServer::start().await;
    let app = &server.app;
    let mut phone = server.imap(ZHANG, EMPLOYEE_PASSWORD).await.unwrap();
    assert!(phone.alive().await);
    // Someone with Zhang San's password binds their own phone: the old
    // number gets the link (the password is unchanged, so the mail
    // session is still open).
    assert_eq!(app.log_on(ZHANG, EMPLOYEE_PASSWORD).await.status(), 200);
    let sent = send_code(app, "+8613800138003", EMPLOYEE_PASSWORD).await;
    assert_eq!(sent.status(), 200);
    let code = code_sent_to(app, "+8613800138003").await;
    assert_eq!(bind(app, &code).await.status(), 200);
    assert!(phone.alive().await);
    let token = link_token(app, &last_text_to(app, ZHANG_PHONE).await);

    let pressed = app.call_with(&new_client(), ReportNotMe { token }).await;
    assert_eq!(pressed.status(), 200);
    let took = dropped_within(&mut phone, Duration::from_secs(5)).await;
    println!("Zhang San's IMAP session was dropped {took:?} after the report");
    let refused = server
        .imap(ZHANG, EMPLOYEE_PASSWORD)
        .await
        .err()
        .unwrap_or_default();
    assert!(refused.contains("Too many failed logons"), "{refused}");
}
