//! The image verification code: single use, 5 minutes, bound to its flow.

use app::error::UserError;
use app::recovery::api::{RecoveryCaptcha, RefreshCaptcha};

use super::*;
use crate::helpers::{spawn_app, spawn_demo_app};

#[tokio::test]
async fn a_wrong_answer_uses_the_image_up_and_a_new_one_is_shown() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    let first = flow.begin().await;
    let right = captcha_answer(&app, &first).await;
    assert_eq!(
        app.get(&format!("/forgot/captcha/{first}")).await.status(),
        200
    );
    assert_eq!(
        expect_error(flow.submit(ZHANG, "WRONG").await, 422).await,
        UserError::CaptchaWrong
    );
    // The old image is gone, and its right answer no longer helps.
    assert_eq!(
        app.get(&format!("/forgot/captcha/{first}")).await.status(),
        404
    );
    assert_eq!(
        expect_error(flow.submit(ZHANG, &right).await, 422).await,
        UserError::CaptchaWrong
    );
    let second = flow.begin().await;
    assert_ne!(second, first, "a new image");
    let image = app.get(&format!("/forgot/captcha/{second}")).await;
    assert_eq!(image.status(), 200);
    assert_eq!(image.headers()["content-type"], "image/png");
    let answer = captcha_answer(&app, &second).await;
    assert_eq!(
        flow.submit(ZHANG, &answer.to_lowercase()).await.status(),
        200
    );
}

#[tokio::test]
async fn the_right_answer_works_once() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    let id = flow.begin().await;
    let answer = captcha_answer(&app, &id).await;
    assert_eq!(flow.submit(WANG, &answer).await.status(), 200);
    // The flow moved on; the same answer cannot start it again.
    assert_eq!(
        expect_error(flow.submit(WANG, &answer).await, 410).await,
        UserError::FlowExpired
    );
}

#[tokio::test]
async fn an_image_expires_after_five_minutes() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    let id = flow.begin().await;
    let answer = captcha_answer(&app, &id).await;
    app.clock.advance(5 * 60 * 1000);
    assert_eq!(
        expect_error(flow.submit(ZHANG, &answer).await, 422).await,
        UserError::CaptchaWrong
    );
    assert_eq!(
        app.get(&format!("/forgot/captcha/{id}")).await.status(),
        404
    );
}

#[tokio::test]
async fn an_image_belongs_to_the_flow_that_asked_for_it() {
    let app = spawn_demo_app().await;
    let mine = Flow::new(&app);
    let theirs = Flow::new(&app);
    let their_id = theirs.begin().await;
    mine.begin().await;
    let their_answer = captcha_answer(&app, &their_id).await;
    assert_eq!(
        expect_error(mine.submit(ZHANG, &their_answer).await, 422).await,
        UserError::CaptchaWrong
    );
}

#[tokio::test]
async fn refresh_replaces_the_image() {
    let app = spawn_demo_app().await;
    let flow = Flow::new(&app);
    let old = flow.begin().await;
    let old_answer = captcha_answer(&app, &old).await;
    let refreshed = flow.call(RefreshCaptcha {}).await;
    assert_eq!(refreshed.status(), 200);
    let new: String = refreshed.json().await.unwrap();
    assert_ne!(new, old);
    let shown: Option<String> = flow.call(RecoveryCaptcha {}).await.json().await.unwrap();
    assert_eq!(shown, Some(new), "the page shows the new image");
    assert_eq!(
        expect_error(flow.submit(ZHANG, &old_answer).await, 422).await,
        UserError::CaptchaWrong
    );
}

#[tokio::test]
async fn outside_demo_mode_no_answer_is_kept_or_served() {
    let app = spawn_app().await;
    let flow = Flow::new(&app);
    let id = flow.begin().await;
    assert_eq!(app.get(&format!("/dev/captcha/{id}")).await.status(), 404);
    assert_eq!(app.get("/dev/outbox").await.status(), 404);
    let kept: Option<String> = sqlx::query_scalar("SELECT dev_answer FROM captchas WHERE id = $1")
        .bind(&id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(kept, None);
    let hash: String = sqlx::query_scalar("SELECT answer_hash FROM captchas WHERE id = $1")
        .bind(&id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(hash.len(), 64, "a SHA-256 hex digest");
}

#[tokio::test]
async fn a_client_address_gets_at_most_three_hundred_images_an_hour() {
    let app = crate::helpers::spawn_app_with(&["--demo", "--trust-forwarded-for"]).await;
    let flow = Flow::from_addr(&app, "10.0.0.7");
    flow.begin().await;
    for _ in 1..300 {
        assert_eq!(flow.call(RefreshCaptcha {}).await.status(), 200);
    }
    assert_eq!(
        expect_error(flow.call(RefreshCaptcha {}).await, 429).await,
        UserError::TooManyRequests
    );
    assert_eq!(
        expect_error(
            Flow::from_addr(&app, "10.0.0.7")
                .call(RefreshCaptcha {})
                .await,
            429
        )
        .await,
        UserError::TooManyRequests
    );
    // Another address is not affected; an hour later this one is not either.
    Flow::from_addr(&app, "10.0.0.8").begin().await;
    app.clock.advance(60 * 60 * 1000);
    Flow::from_addr(&app, "10.0.0.7").begin().await;
}
