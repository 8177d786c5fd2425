//! The domain's weak-keyword list (docs/policy.md "Weak keywords") and the
//! recovery methods it allows.

use app::admin::api::{SaveKeywords, SaveRecoveryMethods};
use app::admin::DomainPolicy;
use app::error::UserError;
use app::policy::KeywordError;

use super::{account_id, as_postmaster, audit_count, codes, reset};
use crate::helpers::{location, new_client, user_error, TestApp};

const DEMO_KEYWORDS: [&str; 5] = ["example", "alibaba", "password", "123456", "qwerty"];

async fn policy(app: &TestApp) -> DomainPolicy {
    app.read(services::admin::policy).await.unwrap()
}

async fn keyword_errors(response: reqwest::Response) -> Vec<KeywordError> {
    assert_eq!(response.status(), 422);
    match user_error(response).await {
        UserError::Keywords(errors) => errors,
        other => panic!("expected Keywords, got {other:?}"),
    }
}

#[tokio::test]
async fn the_policy_shows_the_keywords_as_written_and_the_allowed_methods() {
    let app = as_postmaster().await;
    let policy = policy(&app).await;
    assert_eq!(policy.domain, "example.com");
    assert_eq!(policy.keywords, DEMO_KEYWORDS);
    assert!(policy.allow_sms && policy.allow_questions);
}

#[tokio::test]
async fn a_keyword_list_is_saved_trimmed_one_a_line() {
    let app = as_postmaster().await;
    let response = app
        .call(SaveKeywords {
            keywords: "  Example \r\n\n\nSunflower\nHarbor#1\n".into(),
        })
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        location(&response).as_deref(),
        Some("/admin/policy?saved=keywords")
    );
    assert_eq!(
        policy(&app).await.keywords,
        ["Example", "Sunflower", "Harbor#1"]
    );
    let stored: String =
        sqlx::query_scalar("SELECT weak_keywords FROM domains WHERE name = 'example.com'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(stored, "Example\nSunflower\nHarbor#1");
    assert_eq!(audit_count(&app, "keywords_changed").await, 1);

    // An empty list is a valid list.
    let cleared = app
        .call(SaveKeywords {
            keywords: " \n ".into(),
        })
        .await;
    assert_eq!(cleared.status(), 200);
    assert!(policy(&app).await.keywords.is_empty());
}

#[tokio::test]
async fn a_bad_keyword_list_is_refused_with_every_problem_and_nothing_is_saved() {
    let app = as_postmaster().await;
    let long = "x".repeat(33);
    let text = format!("abc\n{long}\npässword\nalibaba\nsunflower\nA1ibaba\n");
    let errors = keyword_errors(
        app.call(SaveKeywords {
            keywords: text.to_string(),
        })
        .await,
    )
    .await;
    assert_eq!(
        errors,
        [
            KeywordError::TooShort {
                keyword: "abc".into()
            },
            KeywordError::TooLong { keyword: long },
            KeywordError::InvalidChars {
                keyword: "pässword".into()
            },
            KeywordError::Duplicate {
                first: "alibaba".into(),
                second: "A1ibaba".into()
            },
        ]
    );
    assert_eq!(policy(&app).await.keywords, DEMO_KEYWORDS);
    assert_eq!(audit_count(&app, "keywords_changed").await, 0);
}

#[tokio::test]
async fn more_than_a_thousand_keywords_are_refused() {
    let app = as_postmaster().await;
    let text: String = (0..1001).map(|n| format!("word{n:04}\n")).collect();
    let errors = keyword_errors(
        app.call(SaveKeywords {
            keywords: text.to_string(),
        })
        .await,
    )
    .await;
    assert_eq!(
        errors,
        [KeywordError::TooMany {
            count: 1001,
            max: 1000
        }]
    );
    assert_eq!(policy(&app).await.keywords, DEMO_KEYWORDS);

    let thousand: String = (0..1000).map(|n| format!("word{n:04}\n")).collect();
    let saved = app
        .call(SaveKeywords {
            keywords: thousand.to_string(),
        })
        .await;
    assert_eq!(saved.status(), 200);
    assert_eq!(policy(&app).await.keywords.len(), 1000);
}

#[tokio::test]
async fn a_new_keyword_applies_only_to_passwords_set_afterwards() {
    let app = as_postmaster().await;
    let id = account_id(&app, "zhang.san@example.com").await;
    assert_eq!(
        reset(&app, &id, "Sunflower#2026", false).await.status(),
        200
    );

    let mut keywords = DEMO_KEYWORDS.join("\n");
    keywords.push_str("\nsunflower");
    let saved = app
        .call(SaveKeywords {
            keywords: keywords.to_string(),
        })
        .await;
    assert_eq!(saved.status(), 200);

    // The password set before still logs on...
    let logon = app
        .log_on_with(&new_client(), "zhang.san@example.com", "Sunflower#2026")
        .await;
    assert_eq!(location(&logon).as_deref(), Some("/mail"));
    // ...but no new one may contain the keyword (here in look-alike form).
    let refused = reset(&app, &id, "5unfl0wer#2027", false).await;
    let error = user_error(refused).await;
    assert_eq!(codes(&error), ["contains_keyword"]);
    assert!(
        app::messages::failure(app::language::Language::en, &error.policy_failures()[0])
            .contains("sunflower"),
        "{error:?}"
    );
}

#[tokio::test]
async fn the_recovery_methods_are_saved_as_checked() {
    let app = as_postmaster().await;
    let response = app
        .call(SaveRecoveryMethods {
            sms: Some("on".into()),
            questions: None,
        })
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        location(&response).as_deref(),
        Some("/admin/policy?saved=methods")
    );
    let saved = policy(&app).await;
    assert!(saved.allow_sms && !saved.allow_questions);

    app.call(SaveRecoveryMethods {
        sms: None,
        questions: Some("on".into()),
    })
    .await;
    let saved = policy(&app).await;
    assert!(!saved.allow_sms && saved.allow_questions);
    assert_eq!(audit_count(&app, "recovery_methods_changed").await, 2);
}
