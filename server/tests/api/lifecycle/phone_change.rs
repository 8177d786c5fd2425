//! A secure phone that replaces another: the old number is told, with a
//! "This wasn't me" link, and Forgot Password does not offer the new one
//! for the domain's cooldown (questions still are); a first binding has
//! nobody to tell and no cooldown.

use app::recovery::RecoveryView;

use super::*;
use crate::binding::{bind, code_sent_to, send_code};
use crate::helpers::signed_in;
use crate::recovery::Flow;
use services::infra::clock::Clock;

const NEW_PHONE: &str = "+8613800138003";

/// What Forgot Password offers `email` after its image.
async fn offered(app: &TestApp, email: &str) -> RecoveryView {
    let flow = Flow::new(app);
    flow.start(email).await;
    flow.state().await
}

async fn bind_new_phone(app: &TestApp, phone: &str) {
    assert_eq!(send_code(app, phone, EMPLOYEE_PASSWORD).await.status(), 200);
    let code = code_sent_to(app, phone).await;
    assert_eq!(bind(app, &code).await.status(), 200);
}

#[tokio::test]
async fn the_old_number_is_told_and_the_new_one_waits_out_the_cooldown() {
    let app = signed_in(ZHANG).await;
    assert_eq!(
        offered(&app, ZHANG).await,
        RecoveryView::Choose {
            sms: Some("+86 138****8001".to_owned()),
            questions: true
        }
    );
    bind_new_phone(&app, NEW_PHONE).await;

    let told = last_text_to(&app, ZHANG_PHONE).await;
    let token = link_token(&app, &told);
    assert_eq!(
        told,
        format!(
            "The secure phone of your mail account was changed. If this wasn't you, open {}/r/{token}",
            app.address
        )
    );
    assert!(told.len() <= 160 && !told.contains('@'), "{told}");
    // The link is stored only as its hash.
    let count = "SELECT COUNT(*) FROM report_links WHERE token_hash = $1";
    assert_eq!(scalar_i64(&app, count, &token).await, 0);
    let hash = services::infra::sessions::sha256_hex(&token);
    assert_eq!(scalar_i64(&app, count, &hash).await, 1);

    // The holder is told when Forgot Password will offer it.
    let cooling = crate::binding::setup(&app).await.phone_cooling_until;
    assert_eq!(cooling, Some(app.clock.now() + 72 * 3_600_000));
    // For 72 hours the new phone is not offered; the questions are.
    let during = RecoveryView::Choose {
        sms: None,
        questions: true,
    };
    assert_eq!(offered(&app, ZHANG).await, during);
    app.clock.advance(72 * 3_600_000 - 1);
    assert_eq!(offered(&app, ZHANG).await, during);
    app.clock.advance(1);
    assert_eq!(
        offered(&app, ZHANG).await,
        RecoveryView::Choose {
            sms: Some("+86 138****8003".to_owned()),
            questions: true
        }
    );
}

#[tokio::test]
async fn the_cooldown_is_the_domains_setting_and_a_first_phone_has_none() {
    let app = signed_in(LI).await;
    bind_new_phone(&app, NEW_PHONE).await;
    // Li Si had no phone: nobody to tell, and the phone is offered at once.
    assert_eq!(
        offered(&app, LI).await,
        RecoveryView::Choose {
            sms: Some("+86 138****8003".to_owned()),
            questions: true
        }
    );
    let zhang = signed_in(ZHANG).await;
    zhang
        .exec("UPDATE domains SET phone_cooldown_hours = 0", &[])
        .await;
    bind_new_phone(&zhang, "+8613800138004").await;
    assert!(matches!(
        offered(&zhang, ZHANG).await,
        RecoveryView::Choose { sms: Some(_), .. }
    ));
}

/// Without questions, an account whose phone is cooling down has nothing
/// to offer: the same page an unknown address gets.
#[tokio::test]
async fn with_only_a_cooling_phone_forgot_password_offers_nothing() {
    let app = signed_in(ZHANG).await;
    app.exec(
        "DELETE FROM security_questions WHERE account_id IN \
         (SELECT id FROM mail_accounts WHERE address = $1)",
        &[ZHANG],
    )
    .await;
    bind_new_phone(&app, NEW_PHONE).await;
    assert_eq!(offered(&app, ZHANG).await, RecoveryView::NoMethod);
    assert_eq!(
        offered(&app, "nobody@example.com").await,
        RecoveryView::NoMethod
    );
}
