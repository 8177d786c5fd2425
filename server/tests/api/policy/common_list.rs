//! The common-password list the browser fetches: the server's own bytes,
//! under a name that changes with them, kept for a year, brotli when
//! accepted.

use app::policy::common;

use crate::helpers::spawn_app;

fn path() -> String {
    format!("/policy/{}", common::FILE_NAME)
}

#[tokio::test]
async fn the_list_is_the_servers_own_and_immutable() {
    let app = spawn_app().await;
    let plain = app
        .client
        .get(app.url(&path()))
        .header("accept-encoding", "identity")
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), 200);
    assert_eq!(
        plain.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(plain.text().await.unwrap(), common::TEXT);
    assert!(common::embedded().len() > 30_000);
}

#[tokio::test]
async fn a_browser_that_accepts_brotli_gets_the_precompressed_copy_of_the_same_bytes() {
    let app = spawn_app().await;
    let answer = app
        .client
        .get(app.url(&path()))
        .header("accept-encoding", "gzip, br;q=1.0")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.headers()["content-encoding"], "br");
    let compressed = answer.bytes().await.unwrap();
    assert!(compressed.len() < common::TEXT.len() / 3);
    let mut text = Vec::new();
    brotli_decompressor::BrotliDecompress(&mut compressed.as_ref(), &mut text).unwrap();
    assert_eq!(text, common::TEXT.as_bytes());
}

#[tokio::test]
async fn another_name_under_policy_is_not_found() {
    let app = spawn_app().await;
    for other in ["common-passwords-0000000000000000.txt", "..%2Fsecret", "x"] {
        let answer = app.get(&format!("/policy/{other}")).await;
        assert_eq!(answer.status(), 404, "{other}");
    }
}
