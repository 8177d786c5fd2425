//! Account notices in the reader's language: the SMS a reset sends is
//! worded in the language the account last used on the web, the home
//! page's notice in the language it is read in.

use crate::helpers::me;
use crate::helpers::Browser;
use services::infra::clock::Clock;

use super::*;
use crate::admin::{account_id, as_postmaster, reset};
use crate::helpers::EMPLOYEE_PASSWORD;

/// A reset notice is worded in the language the account last used on the
/// web (kept at each logon), whoever causes it; the home page words it in
/// the reader's language.
#[tokio::test]
async fn reset_notices_are_in_the_language_the_account_last_used_on_the_web() {
    let app = as_postmaster().await;
    let id = account_id(&app, ZHANG).await;
    let reset_zhang = |password: &'static str| {
        let (app, id) = (&app, id.clone());
        async move {
            let response = reset(app, &id, password, false).await;
            assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
            app.clock.now()
        }
    };
    // Zhang San chooses Chinese on the logon page and logs on.
    let chinese = new_client();
    let chosen = chinese
        .post(app.url("/language"))
        .header("origin", &app.address)
        .form(&[("lang", "zh-CN"), ("back", "/login")])
        .send()
        .await
        .unwrap();
    assert_eq!(chosen.status(), 303);
    assert_eq!(
        app.log_on_with(&chinese, ZHANG, EMPLOYEE_PASSWORD)
            .await
            .status(),
        200
    );

    let before = sms_count(&app, ZHANG_PHONE).await;
    let at = reset_zhang(NEW_PASSWORD).await;
    let chinese_sms = next_sms(&app, ZHANG_PHONE, before).await;
    let link = format!(
        "管理员已重置你的邮箱密码。非本人申请请点：{}/r/",
        app.address
    );
    assert!(chinese_sms.starts_with(&link), "{chinese_sms}");

    // Read in Chinese, the home-page notice is Chinese; in English, English.
    assert_eq!(
        notice_read_after_logon(&app, &chinese).await,
        format!("你的密码已于 {} 被管理员重置。", app::time::format_time(at))
    );
    // The English logon makes English the account's language again.
    let english = new_client();
    assert_eq!(
        notice_read_after_logon(&app, &english).await,
        format!(
            "Your password was reset by your administrator on {}.",
            app::time::format_time(at)
        )
    );
    let before = sms_count(&app, ZHANG_PHONE).await;
    reset_zhang("Second#Meadow2026").await;
    let english_sms = next_sms(&app, ZHANG_PHONE, before).await;
    let link = format!(
        "Your administrator reset your mail password. If you did not ask for this, open {}/r/",
        app.address
    );
    assert!(english_sms.starts_with(&link), "{english_sms}");
}

/// Zhang San logs on with `client` (his language cookie, if any) and reads
/// the newest notice on his home page.
async fn notice_read_after_logon(app: &TestApp, client: &Browser) -> String {
    assert_eq!(
        app.log_on_with(client, ZHANG, NEW_PASSWORD).await.status(),
        200
    );
    let me: app::auth::MailUser = app.read_with(client, me).await.unwrap();
    me.notices[0].text.clone()
}
