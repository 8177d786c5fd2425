//! The first lock by strangers in a period sends one SMS that says how to
//! unlock; the postmaster sees the lock in the Audit Log.

use services::infra::clock::MINUTE;

use super::{guess, stranger_logs_on};
use crate::helpers::spawn_demo_app;
use crate::limits::audit_events;
use crate::recovery::{next_sms, outbox, sms_count, ZHANG, ZHANG_PHONE};

async fn blocked_sms(app: &crate::helpers::TestApp) -> usize {
    outbox(app)
        .await
        .iter()
        .filter(|m| m.to == ZHANG_PHONE && m.text.contains("Unlock account"))
        .count()
}

#[tokio::test]
async fn a_lock_by_strangers_sends_one_sms_per_lock_period() {
    let app = spawn_demo_app().await;
    let before = sms_count(&app, ZHANG_PHONE).await;
    for n in 0..12 {
        stranger_logs_on(&app, ZHANG, &guess(n)).await;
    }
    let sms = next_sms(&app, ZHANG_PHONE, before).await;
    assert!(
        !sms.contains("zhang.san@example.com") && sms.contains("/forgot"),
        "{sms}"
    );
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(blocked_sms(&app).await, 1, "one SMS for twelve attempts");
    assert_eq!(audit_events(&app, "logon_locked", ZHANG).await, 1);

    // The next lock, after this one ended, is told again.
    app.clock.advance(16 * MINUTE);
    for n in 20..25 {
        stranger_logs_on(&app, ZHANG, &guess(n)).await;
    }
    let before = sms_count(&app, ZHANG_PHONE).await;
    for _ in 0..50 {
        if blocked_sms(&app).await == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(blocked_sms(&app).await, 2, "{before}");
}

#[tokio::test]
async fn the_lockout_sms_is_in_the_accounts_language() {
    let app = spawn_demo_app().await;
    app.exec(
        "UPDATE mail_accounts SET language = 'zh-CN' WHERE address = $1",
        &[ZHANG],
    )
    .await;
    let before = sms_count(&app, ZHANG_PHONE).await;
    for n in 0..5 {
        stranger_logs_on(&app, ZHANG, &guess(n)).await;
    }
    let sms = next_sms(&app, ZHANG_PHONE, before).await;
    assert!(sms.contains("解锁账号"), "{sms}");
}
