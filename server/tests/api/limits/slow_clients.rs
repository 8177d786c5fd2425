//! Slow and idle clients hold connections, never the turns a person's page
//! or logon needs: bodies that never come are cut with 408 before the load
//! shedder hands out a turn, and a head that never ends is closed.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::{spawn_demo_app, TestApp, EMPLOYEE_PASSWORD};

/// Opens a connection and sends a complete head announcing a chunked body,
/// and no body.
async fn idle_chunked(app: &TestApp, method: &str, path: &str) -> TcpStream {
    let addr = app.address.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).await.expect("connects");
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: {}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\n\
         Transfer-Encoding: chunked\r\n\r\n",
        app.address
    );
    stream.write_all(head.as_bytes()).await.expect("head sent");
    stream
}

/// The status line the server sends on `stream`, or "closed".
async fn first_line(mut stream: TcpStream) -> String {
    let mut answer = vec![0u8; 256];
    match stream.read(&mut answer).await {
        Ok(0) | Err(_) => "closed".to_owned(),
        Ok(read) => String::from_utf8_lossy(&answer[..read])
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned(),
    }
}

#[tokio::test]
async fn idle_connections_from_one_address_leave_a_persons_page_and_logon_answering() {
    let app = spawn_demo_app().await;
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    // More idle posts than logons may run at once (4 a core), more idle
    // page loads than pages may (32 a core).
    let mut idle = Vec::new();
    for _ in 0..8 * cores {
        idle.push(idle_chunked(&app, "POST", "/api/log_on").await);
    }
    for _ in 0..64 * cores {
        idle.push(idle_chunked(&app, "GET", "/login").await);
    }
    // A head that never ends (slowloris).
    let addr = app.address.trim_start_matches("http://");
    let mut endless = TcpStream::connect(addr).await.expect("connects");
    endless
        .write_all(b"GET /login HTTP/1.1\r\nX-Slow: 1\r\n")
        .await
        .expect("sent");
    let held = Instant::now();
    // A person, meanwhile: the page and the logon answer, well within the
    // 5 s a person waits.
    let person = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .cookie_store(true)
        .build()
        .unwrap();
    let page = person
        .get(app.url("/login"))
        .send()
        .await
        .expect("page answers");
    assert_eq!(page.status(), 200);
    let logon = person
        .post(app.url("/api/log_on"))
        .header("origin", &app.address)
        .form(&[
            ("email", "zhang.san@example.com"),
            ("password", EMPLOYEE_PASSWORD),
        ])
        .send()
        .await
        .expect("logon answers");
    assert_eq!(logon.status(), 200);
    let served_after = held.elapsed();
    // The idle bodies are cut with 408 (and their connections closed)...
    let answers = futures::future::join_all(idle.into_iter().map(first_line)).await;
    assert!(
        answers.iter().all(|line| line.starts_with("HTTP/1.1 408")),
        "{:?}",
        answers
            .iter()
            .find(|line| !line.starts_with("HTTP/1.1 408"))
    );
    // ...and the endless head is closed without an answer to it.
    let mut rest = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(30), endless.read_to_end(&mut rest)).await;
    assert!(read.is_ok(), "the endless head is closed");
    eprintln!(
        "{} idle connections held; a person's page and logon served after {} ms; \
         idle ones cut after {} ms",
        72 * cores + 1,
        served_after.as_millis(),
        held.elapsed().as_millis()
    );
}
