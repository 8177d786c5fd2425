use crate::helpers::{spawn_app, spawn_app_with};

#[tokio::test]
async fn the_logon_page_is_rendered_on_the_server_with_its_form() {
    let app = spawn_app().await;
    let response = app.get("/login").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(
        html.contains(r#"<label for="login-email">Email address</label>"#),
        "{html}"
    );
    assert!(html.contains(r#"<label for="login-password">Password</label>"#));
    assert!(html.contains(">Log On</button>"));
    assert!(html.contains(">Forgot Password</a>"));
}

#[tokio::test]
async fn an_unknown_path_is_a_404_page() {
    let app = spawn_app().await;
    let response = app.get("/no/such/page").await;
    assert_eq!(response.status(), 404);
    assert!(response.text().await.unwrap().contains("Page not found"));
}

#[tokio::test]
async fn the_dev_pages_do_not_exist_outside_demo_mode() {
    let app = spawn_app().await;
    assert_eq!(app.get("/dev/policy").await.status(), 404);
}

#[tokio::test]
async fn the_dev_policy_page_exists_in_demo_mode() {
    let app = spawn_app_with(&["--demo"]).await;
    let response = app.get("/dev/policy").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"data-rule="too_short""#), "{html}");
    assert!(html.contains(r#"aria-live="polite""#));
}
