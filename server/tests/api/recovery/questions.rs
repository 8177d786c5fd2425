//! Security questions: all must match; 5 failed flows in 24 hours lock
//! the method for the account.

use app::error::UserError;
use app::recovery::RecoveryView;

use super::*;
use crate::helpers::spawn_demo_app;

const HOUR: i64 = 60 * 60 * 1000;

async fn at_questions(app: &TestApp) -> Flow<'_> {
    let flow = Flow::new(app);
    flow.start(LI).await;
    assert_eq!(flow.choose("questions").await.status(), 200);
    flow
}

#[tokio::test]
async fn every_answer_must_match() {
    let app = spawn_demo_app().await;
    let flow = at_questions(&app).await;
    assert_eq!(
        expect_error(
            flow.answer(["Hangzhou", "Xixi Primary", "Journey to the West"])
                .await,
            422
        )
        .await,
        UserError::AnswersWrong
    );
    assert!(matches!(
        expect_error(flow.answer(["Hangzhou", "", "x"]).await, 422).await,
        UserError::Invalid(_)
    ));
    assert_eq!(flow.answer(ANSWERS).await.status(), 200);
}

#[tokio::test]
async fn five_failures_in_a_day_lock_the_questions_for_the_account() {
    let app = spawn_demo_app().await;
    let wrong = ["Beijing", "Xixi Primary", "Dream of the Red Chamber"];
    for _ in 0..4 {
        let flow = at_questions(&app).await;
        assert_eq!(
            expect_error(flow.answer(wrong).await, 422).await,
            UserError::AnswersWrong
        );
    }
    let flow = at_questions(&app).await;
    assert_eq!(
        expect_error(flow.answer(wrong).await, 403).await,
        UserError::MethodLocked
    );
    assert_eq!(
        expect_error(flow.answer(ANSWERS).await, 403).await,
        UserError::MethodLocked,
        "even the right answers"
    );
    // li.si has nothing else bound: a new flow offers nothing.
    let fresh = Flow::new(&app);
    fresh.start(LI).await;
    assert_eq!(fresh.state().await, RecoveryView::NoMethod);
    // zhang.san is not affected.
    let other = Flow::new(&app);
    other.start(ZHANG).await;
    assert!(matches!(
        other.state().await,
        RecoveryView::Choose {
            questions: true,
            ..
        }
    ));
    app.clock.advance(24 * HOUR);
    let later = at_questions(&app).await;
    assert_eq!(later.answer(ANSWERS).await.status(), 200);
}

#[tokio::test]
async fn answers_are_stored_hashed() {
    let app = spawn_demo_app().await;
    let hashes: Vec<String> = sqlx::query_scalar("SELECT answer_hash FROM security_questions")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    assert!(!hashes.is_empty());
    for hash in hashes {
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        for answer in ANSWERS {
            assert!(!hash.to_lowercase().contains(&answer.to_lowercase()));
        }
    }
}
