//! "Set up account recovery" after logon (skipped at most three times, or
//! required by the domain) and "Confirm your recovery information" when
//! the domain's period has passed.

use app::admin::api::SaveRecoverySettings;
use app::auth::api::SetRequiredPassword;
use app::binding::api::{ConfirmRecovery, SkipRecoverySetup};
use app::error::{Invalid, UserError};
use app::report::RecoveryPrompt;

use super::*;
use crate::admin::{account_id, as_postmaster, reset};
use crate::binding::{questions_form, BOOK, CITY, OWN};
use crate::helpers::{audit_count, me, secret, spawn_demo_app, user_error, Call};

const ANSWERS: [&str; 3] = ["Hangzhou", "Dream of the Red Chamber", "Ada"];

async fn save_settings(
    app: &TestApp,
    required: bool,
    days: &str,
    hours: &str,
) -> reqwest::Response {
    app.call(SaveRecoverySettings {
        setup_required: required.then(|| "on".to_owned()),
        reconfirm_days: days.to_owned(),
        phone_cooldown_hours: hours.to_owned(),
    })
    .await
}

#[tokio::test]
async fn wang_wu_is_asked_to_set_up_recovery_and_may_skip_three_times() {
    let app = spawn_demo_app().await;
    // Accounts with a method go home, as before.
    assert_eq!(landing(&app, ZHANG).await, "/mail");
    assert_eq!(landing(&app, LI).await, "/mail");
    for used in 0..3u32 {
        let (landed, client) = lands(&app, WANG, EMPLOYEE_PASSWORD).await;
        assert_eq!(landed, "/settings/recovery");
        let skips_left = 3 - used;
        assert_eq!(
            prompt(&app, &client).await,
            Some(RecoveryPrompt::Setup { skips_left })
        );
        let skipped = app.call_with(&client, SkipRecoverySetup {}).await;
        assert_eq!(skipped.status(), 200);
        assert_eq!(location(&skipped).as_deref(), Some("/mail"));
        // Skipped: the mailbox serves the account.
        assert!(app.read_with(&client, me).await.is_ok());
        assert_eq!(
            audit_count(&app, "recovery_setup_skipped").await,
            i64::from(used + 1)
        );
    }
    // The fourth time there is no skip, and nothing but Security settings
    // serves the account until a method is set up.
    let (landed, client) = lands(&app, WANG, EMPLOYEE_PASSWORD).await;
    assert_eq!(landed, "/settings/recovery");
    assert_eq!(
        prompt(&app, &client).await,
        Some(RecoveryPrompt::Setup { skips_left: 0 })
    );
    let refused = app.call_with(&client, SkipRecoverySetup {}).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(user_error(refused).await, UserError::RecoverySetupRequired);
    assert_eq!(audit_count(&app, "recovery_setup_skipped").await, 3);
    let user = app.read_with(&client, me).await.unwrap();
    assert!(
        user.recovery_setup_required,
        "the mailbox sends it to the setup"
    );
    let page = client.get(app.url("/mail")).send().await.unwrap();
    assert_eq!(location(&page).as_deref(), Some("/settings/recovery"));

    // Setting up questions ends it: home again, at once and at each logon.
    let questions = questions_form(
        [(CITY, ""), (BOOK, ""), ("own", OWN)],
        ANSWERS,
        EMPLOYEE_PASSWORD,
    );
    let saved = Call::of(questions)
        .post(&app, &client)
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 200);
    assert_eq!(prompt(&app, &client).await, None);
    assert!(
        !app.read_with(&client, me)
            .await
            .unwrap()
            .recovery_setup_required
    );
    assert_eq!(landing(&app, WANG).await, "/mail");
}

#[tokio::test]
async fn a_domain_that_requires_the_setup_offers_no_skip() {
    let app = as_postmaster().await;
    // Out of range is refused with the range, and nothing is saved.
    let refused = save_settings(&app, true, "-1", "72").await;
    assert_eq!(
        user_error(refused).await,
        UserError::Invalid(Invalid::ReconfirmDaysRange { max: 3650 })
    );
    let refused = save_settings(&app, true, "180", "721").await;
    assert_eq!(
        user_error(refused).await,
        UserError::Invalid(Invalid::CooldownRange { max: 720 })
    );
    assert_eq!(audit_count(&app, "recovery_settings_changed").await, 0);
    let (_, client) = lands(&app, WANG, EMPLOYEE_PASSWORD).await;
    assert_eq!(
        prompt(&app, &client).await,
        Some(RecoveryPrompt::Setup { skips_left: 3 })
    );

    let saved = save_settings(&app, true, "180", "72").await;
    assert_eq!(saved.status(), 200);
    assert_eq!(
        location(&saved).as_deref(),
        Some("/admin/policy?saved=recovery")
    );
    assert_eq!(audit_count(&app, "recovery_settings_changed").await, 1);
    let (landed, client) = lands(&app, WANG, EMPLOYEE_PASSWORD).await;
    assert_eq!(landed, "/settings/recovery");
    assert_eq!(
        prompt(&app, &client).await,
        Some(RecoveryPrompt::Setup { skips_left: 0 })
    );
    let refused = app.call_with(&client, SkipRecoverySetup {}).await;
    assert_eq!(user_error(refused).await, UserError::RecoverySetupRequired);

    // A domain that allows no method asks nothing.
    app.exec(
        "UPDATE domains SET allow_sms = 0, allow_questions = 0 WHERE name = 'example.com'",
        &[],
    )
    .await;
    assert_eq!(landing(&app, WANG).await, "/mail");
}

#[tokio::test]
async fn the_forced_change_goes_on_to_the_setup() {
    let app = as_postmaster().await;
    let id = account_id(&app, WANG).await;
    assert_eq!(reset(&app, &id, "Quiet#River88", true).await.status(), 200);
    let (landed, client) = lands(&app, WANG, "Quiet#River88").await;
    assert_eq!(landed, "/change-password");
    let changed = app
        .call_with(
            &client,
            SetRequiredPassword {
                new_password: secret("Calm#Harbor2031"),
                confirm_password: secret("Calm#Harbor2031"),
                policy_version: None,
            },
        )
        .await;
    assert_eq!(changed.status(), 200);
    assert_eq!(location(&changed).as_deref(), Some("/settings/recovery"));
}

#[tokio::test]
async fn recovery_information_is_reconfirmed_when_the_period_has_passed() {
    let app = spawn_demo_app().await;
    // The first logon starts the period of methods set before it was kept.
    assert_eq!(landing(&app, ZHANG).await, "/mail");
    app.clock.advance(179 * DAY);
    assert_eq!(landing(&app, ZHANG).await, "/mail");
    app.clock.advance(DAY);
    let (landed, client) = lands(&app, ZHANG, EMPLOYEE_PASSWORD).await;
    assert_eq!(landed, "/settings/confirm-recovery");
    let Some(RecoveryPrompt::Reconfirm { phone, questions }) = prompt(&app, &client).await else {
        panic!("the reconfirmation is due");
    };
    assert_eq!(phone.as_deref(), Some("+86 138****8001"));
    assert_eq!(
        questions,
        [
            "What city were you born in?",
            "What was the name of your first school?",
            "What is your favourite book?"
        ]
    );
    // Logging on again without confirming asks again.
    assert_eq!(landing(&app, ZHANG).await, "/settings/confirm-recovery");
    let confirmed = app.call_with(&client, ConfirmRecovery {}).await;
    assert_eq!(confirmed.status(), 200);
    assert_eq!(location(&confirmed).as_deref(), Some("/mail"));
    assert_eq!(audit_count(&app, "recovery_confirmed").await, 1);
    assert_eq!(prompt(&app, &client).await, None);
    assert_eq!(landing(&app, ZHANG).await, "/mail");

    // 0 days: never asked.
    app.exec("UPDATE domains SET reconfirm_days = 0", &[]).await;
    app.clock.advance(400 * DAY);
    assert_eq!(landing(&app, ZHANG).await, "/mail");
}
