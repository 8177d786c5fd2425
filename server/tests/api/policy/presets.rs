//! The preset a postmaster chooses, as the server follows it.

use app::error::{Invalid, UserError};
use app::policy::Preset;

use super::save_rules;
use crate::admin::{codes, reset};
use crate::helpers::{account_id, as_postmaster, audit_count, location, new_client, user_error};

#[tokio::test]
async fn the_chosen_preset_is_what_the_checklist_and_the_server_judge_by() {
    let app = as_postmaster().await;
    let response = save_rules(&app, "nist-800-63b-4", "5").await;
    assert_eq!(
        location(&response).as_deref(),
        Some("/admin/policy?saved=rules")
    );
    let policy = app.read(services::admin::policy).await.unwrap();
    assert_eq!((policy.preset, policy.history), (Preset::Nist80063b4, 5));
    let id = account_id(&app, "zhang.san@example.com").await;
    let context = app
        .read(async |c, r| services::admin::account_password_context(c, r, &id).await)
        .await
        .unwrap();
    assert_eq!(context.rules.preset, Preset::Nist80063b4);

    // 12 characters were enough under the standard preset, not now.
    let short = reset(&app, &id, "Qx7#Lantern9", false).await;
    assert_eq!(short.status(), 422);
    assert_eq!(codes(&user_error(short).await), ["too_short"]);
    // A passphrase with spaces and one kind of character is.
    let passphrase = "lanterns drift over quiet water";
    assert_eq!(reset(&app, &id, passphrase, false).await.status(), 200);
    let logon = app
        .log_on_with(&new_client(), "zhang.san@example.com", passphrase)
        .await;
    assert_eq!(location(&logon).as_deref(), Some("/mail"));
}

#[tokio::test]
async fn pci_dss_asks_for_twelve_characters_a_letter_and_a_digit() {
    let app = as_postmaster().await;
    assert_eq!(save_rules(&app, "pci-dss-4", "4").await.status(), 200);
    let id = account_id(&app, "li.si@example.com").await;
    let refused = reset(&app, &id, "Quiet#Lantern", false).await;
    assert_eq!(codes(&user_error(refused).await), ["too_few_classes"]);
    assert_eq!(
        reset(&app, &id, "quietlanterns7", false).await.status(),
        200
    );
}

#[tokio::test]
async fn a_common_password_is_refused_by_the_server_whatever_the_browser_said() {
    let app = as_postmaster().await;
    let id = account_id(&app, "zhang.san@example.com").await;
    for common in ["Abcd1234", "Aa123456", "1qaz@WSX", "Passw0rd!"] {
        let refused = reset(&app, &id, common, false).await;
        assert_eq!(refused.status(), 422, "{common}");
        assert!(
            codes(&user_error(refused).await).contains(&"common_password"),
            "{common}"
        );
    }
}

#[tokio::test]
async fn pci_dss_refuses_a_history_under_four_and_unknown_presets_are_refused() {
    let app = as_postmaster().await;
    let events = audit_count(&app, "password_rules_changed").await;
    for (preset, history, expected) in [
        ("pci-dss-4", "3", Invalid::HistoryRange { min: 4, max: 24 }),
        ("standard", "25", Invalid::HistoryRange { min: 0, max: 24 }),
        (
            "standard",
            "five",
            Invalid::HistoryRange { min: 0, max: 24 },
        ),
        ("fips-140", "5", Invalid::UnknownPreset),
    ] {
        let refused = save_rules(&app, preset, history).await;
        assert_eq!(refused.status(), 422, "{preset} {history}");
        assert_eq!(user_error(refused).await, UserError::Invalid(expected));
    }
    let policy = app.read(services::admin::policy).await.unwrap();
    assert_eq!((policy.preset, policy.history), (Preset::Standard, 5));
    assert_eq!(audit_count(&app, "password_rules_changed").await, events);
    assert_eq!(save_rules(&app, "pci-dss-4", "4").await.status(), 200);
    assert_eq!(
        audit_count(&app, "password_rules_changed").await,
        events + 1
    );
}
