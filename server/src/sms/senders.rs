//! The two ways an SMS leaves: kept in the database (development, tests,
//! demo) or POSTed to a gateway.

use std::time::Duration;

use anyhow::Context;
use async_trait::async_trait;

use super::SmsSender;

/// Delivery is the stored row itself: `/dev/outbox` shows it.
pub struct OutboxSender;

#[async_trait]
impl SmsSender for OutboxSender {
    async fn send(&self, _to: &str, _text: &str) -> anyhow::Result<()> {
        Ok(())
    }

    fn keeps_text(&self) -> bool {
        true
    }
}

/// POSTs `{"to","text"}` as JSON, with `Authorization: Bearer <token>` when
/// a token is configured. A non-2xx answer is a failure (retried later).
pub struct WebhookSender {
    client: reqwest::Client,
    url: String,
    token: Option<String>,
}

impl WebhookSender {
    pub fn new(url: String, token: Option<String>) -> anyhow::Result<Self> {
        let parsed = reqwest::Url::parse(&url).context("--sms-webhook-url is not a URL")?;
        anyhow::ensure!(
            matches!(parsed.scheme(), "http" | "https"),
            "--sms-webhook-url must be http:// or https://"
        );
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .context("build the SMS webhook client")?;
        Ok(WebhookSender { client, url, token })
    }
}

#[async_trait]
impl SmsSender for WebhookSender {
    async fn send(&self, to: &str, text: &str) -> anyhow::Result<()> {
        let mut request = self
            .client
            .post(&self.url)
            .json(&serde_json::json!({ "to": to, "text": text }));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        // The error names the status, never the message (it may hold a code).
        let response = request.send().await.context("reach the SMS gateway")?;
        let status = response.status();
        anyhow::ensure!(status.is_success(), "the SMS gateway answered {status}");
        Ok(())
    }
}
