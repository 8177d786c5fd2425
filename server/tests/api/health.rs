use crate::helpers::{spawn_app, spawn_app_with};

#[tokio::test]
async fn healthz_answers_ok() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "ok");
}

#[tokio::test]
async fn readyz_answers_ok_when_the_database_is_reachable() {
    let app = spawn_app().await;
    let response = app.get("/readyz").await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    let id = response
        .headers()
        .get("x-request-id")
        .expect("x-request-id header");
    assert_eq!(id.to_str().unwrap().len(), 36, "a UUID");
}

async fn request_id_answered(app: &crate::helpers::TestApp, sent: &str) -> String {
    let response = app
        .client
        .get(app.url("/login"))
        .header("x-request-id", sent)
        .send()
        .await
        .unwrap();
    response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_request_id_is_kept_only_from_a_trusted_balancer_and_only_when_plain() {
    let trusted = spawn_app_with(&["--trust-forwarded-for"]).await;
    assert_eq!(request_id_answered(&trusted, "lb-1234").await, "lb-1234");
    // Even from the balancer: not a short token, not kept.
    for hostile in ["a b", "x".repeat(65).as_str(), "id\"<>", "../x;y"] {
        let answered = request_id_answered(&trusted, hostile).await;
        assert_ne!(answered, hostile);
        assert_eq!(answered.len(), 36, "a fresh UUID for {hostile:?}");
    }
    // Without a trusted balancer, a client's id is never taken.
    let direct = spawn_app().await;
    let answered = request_id_answered(&direct, "lb-1234").await;
    assert_ne!(answered, "lb-1234");
    assert_eq!(answered.len(), 36);
}
