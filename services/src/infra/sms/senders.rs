//! The two ways an SMS leaves: kept in the database (development, tests,
//! demo) or POSTed to a gateway.

use std::time::Duration;

use anyhow::Context;
use async_trait::async_trait;

use super::SmsSender;

/// Delivery is the stored row itself: in demo mode `/dev/outbox` shows
/// it, so the text is kept; outside demo mode nobody reads it, so a code
/// is blanked like any sent message's.
pub struct OutboxSender {
    pub keep_text: bool,
}

#[async_trait]
impl SmsSender for OutboxSender {
    async fn send(&self, _to: &str, _text: &str) -> anyhow::Result<()> {
        Ok(())
    }

    fn keeps_text(&self) -> bool {
        self.keep_text
    }

    fn describe(&self) -> String {
        "outbox (kept in the database)".to_owned()
    }
}

/// POSTs `{"to","text"}` as JSON, with `Authorization: Bearer <token>` when
/// a token is configured. A non-2xx answer is a failure (retried later).
///
/// The URL may carry a key (in its path, query or user info), so no error
/// and no log line names it: they name its origin (scheme, host and port).
pub struct WebhookSender {
    client: reqwest::Client,
    url: reqwest::Url,
    origin: String,
    token: Option<String>,
}

impl WebhookSender {
    pub fn new(url: String, token: Option<String>) -> anyhow::Result<Self> {
        let url = reqwest::Url::parse(&url).context("--sms-webhook-url is not a URL")?;
        anyhow::ensure!(
            matches!(url.scheme(), "http" | "https"),
            "--sms-webhook-url must be http:// or https://"
        );
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .context("build the SMS webhook client")?;
        let origin = url.origin().ascii_serialization();
        Ok(WebhookSender {
            client,
            url,
            origin,
            token,
        })
    }

    /// A failed request in words that hold neither the URL nor the
    /// message: the gateway's origin, what went wrong, and the innermost
    /// cause (e.g. "Connection refused").
    fn unreachable(&self, err: reqwest::Error) -> anyhow::Error {
        let kind = if err.is_timeout() {
            "timed out"
        } else if err.is_connect() {
            "cannot connect"
        } else if err.is_redirect() {
            "redirect"
        } else if err.is_body() || err.is_decode() {
            "body"
        } else if err.is_request() {
            "request failed"
        } else {
            "error"
        };
        let err = err.without_url();
        let mut cause: &dyn std::error::Error = &err;
        while let Some(source) = cause.source() {
            cause = source;
        }
        let detail = if std::ptr::addr_eq(cause, &err) {
            kind.to_owned()
        } else {
            format!("{kind}: {cause}")
        };
        anyhow::anyhow!(
            "the SMS gateway at {} could not be reached ({})",
            self.origin,
            self.scrub(&detail)
        )
    }

    /// Removes the URL, or the parts of it past the origin, should a
    /// cause ever quote them.
    fn scrub(&self, text: &str) -> String {
        let mut text = text.replace(self.url.as_str(), &self.origin);
        let query = self.url.query().map(|query| format!("?{query}"));
        let path_and_query = format!("{}{}", self.url.path(), query.as_deref().unwrap_or(""));
        let secrets = [
            Some(path_and_query.as_str()),
            query.as_deref(),
            self.url.password(),
            Some(self.url.username()),
        ];
        // Very short parts would only mangle the words around them.
        for secret in secrets.into_iter().flatten().filter(|s| s.len() >= 4) {
            text = text.replace(secret, "***");
        }
        text
    }
}

#[async_trait]
impl SmsSender for WebhookSender {
    async fn send(&self, to: &str, text: &str) -> anyhow::Result<()> {
        let mut request = self
            .client
            .post(self.url.clone())
            .json(&serde_json::json!({ "to": to, "text": text }));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        // Errors name the gateway's origin and the status, never the URL
        // (it may hold a key) nor the message (it may hold a code).
        let response = request.send().await.map_err(|err| self.unreachable(err))?;
        let status = response.status();
        anyhow::ensure!(
            status.is_success(),
            "the SMS gateway at {} answered {status}",
            self.origin
        );
        Ok(())
    }

    fn describe(&self) -> String {
        format!("webhook to {}", self.origin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closed_port() -> u16 {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    }

    #[tokio::test]
    async fn errors_name_the_gateway_by_origin_only() {
        let port = closed_port();
        let sender = WebhookSender::new(
            format!("http://user:hunter22@127.0.0.1:{port}/send/SECRETPATH?key=SECRET123"),
            Some("TOKEN456".to_owned()),
        )
        .unwrap();
        assert_eq!(
            sender.describe(),
            format!("webhook to http://127.0.0.1:{port}")
        );
        let err = format!(
            "{:#}",
            sender
                .send("+8613800138001", "code 123456")
                .await
                .unwrap_err()
        );
        assert!(err.contains(&format!("http://127.0.0.1:{port}")), "{err}");
        assert!(err.contains("cannot connect"), "{err}");
        for secret in [
            "SECRET", "/send", "key=", "hunter22", "user", "TOKEN456", "123456",
        ] {
            assert!(!err.contains(secret), "{secret} in {err}");
        }
    }

    #[test]
    fn a_quoted_url_or_its_parts_are_scrubbed() {
        let sender = WebhookSender::new(
            "https://gw.example.com:8443/v1/send?key=SECRET123".to_owned(),
            None,
        )
        .unwrap();
        assert_eq!(
            sender.scrub("failed for https://gw.example.com:8443/v1/send?key=SECRET123 (x)"),
            "failed for https://gw.example.com:8443 (x)"
        );
        assert_eq!(
            sender.scrub("GET /v1/send?key=SECRET123 or ?key=SECRET123"),
            "GET *** or ***"
        );
    }
}
