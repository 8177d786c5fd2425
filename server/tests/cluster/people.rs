//! What the demo people do, as requests, against any instance or the
//! balancer, through a browser-like client.

use std::time::Duration;

pub const ZHANG: &str = "zhang.san@example.com";
pub const ZHANG_PHONE: &str = "+8613800138001";
pub const LI: &str = "li.si@example.com";
pub const POSTMASTER: &str = "postmaster@example.com";
pub const POSTMASTER_PASSWORD: &str = "Harbor#Lights2026";
pub const EMPLOYEE_PASSWORD: &str = "Employee#2026";
pub const ANSWERS: [&str; 3] = ["Hangzhou", "Xixi Primary", "Dream of the Red Chamber"];

/// A person's browser: its own cookie jar (cookies are per host, not per
/// port, so one jar serves every instance on 127.0.0.1, as one browser
/// behind the balancer would), no automatic redirects, and the app's
/// origin on every post.
pub struct Browser {
    pub client: reqwest::Client,
    pub origin: String,
}

impl Browser {
    pub fn new(origin: &str) -> Self {
        Browser {
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .cookie_store(true)
                .timeout(Duration::from_secs(30))
                .build()
                .expect("client builds"),
            origin: origin.to_owned(),
        }
    }

    /// Posts `form` to `path` on `base` (an instance or the balancer).
    pub async fn post(&self, base: &str, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{base}{path}"))
            .header("origin", &self.origin)
            .form(form)
            .send()
            .await
            .expect("request is sent")
    }

    /// Like `post`, for a request the server may die under.
    pub async fn try_post(
        &self,
        base: &str,
        path: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Result<reqwest::Response> {
        self.client
            .post(format!("{base}{path}"))
            .header("origin", &self.origin)
            .form(form)
            .send()
            .await
    }

    pub async fn get(&self, base: &str, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{base}{path}"))
            .send()
            .await
            .expect("request is sent")
    }
}

/// The id of the account with `address`.
pub async fn account_id(db: &sqlx::PgPool, address: &str) -> String {
    sqlx::query_scalar("SELECT id FROM mail_accounts WHERE address = $1")
        .bind(address)
        .fetch_one(db)
        .await
        .expect("the demo account exists")
}

/// Starts a Forgot Password flow on `base`; the image's id.
pub async fn begin(browser: &Browser, base: &str) -> String {
    let answer = browser.post(base, "/forgot/api/refresh_captcha", &[]).await;
    assert_eq!(answer.status(), 200, "a flow begins on {base}");
    answer.json().await.expect("an image id")
}

/// The characters of image `id` (demo mode's `/dev/captcha`).
pub async fn captcha_answer(browser: &Browser, base: &str, id: &str) -> String {
    let answer = browser.get(base, &format!("/dev/captcha/{id}")).await;
    assert_eq!(answer.status(), 200, "the image's answer");
    answer.text().await.expect("text").trim().to_owned()
}

/// Begins a flow on `base` and passes its first step with `email` and the
/// image's right answer.
pub async fn pass_the_first_step(browser: &Browser, base: &str, email: &str) {
    let image = begin(browser, base).await;
    let code = captcha_answer(browser, base, &image).await;
    let submit = browser
        .post(
            base,
            "/forgot/api/submit_address",
            &[("email", email), ("captcha", &code)],
        )
        .await;
    assert_eq!(submit.status(), 200, "the address and image pass");
}

/// The newest SMS code sent to `phone` (demo mode's outbox).
pub async fn latest_code(browser: &Browser, base: &str, phone: &str) -> String {
    for _ in 0..100 {
        let messages: Vec<serde_json::Value> = browser
            .get(base, "/dev/outbox")
            .await
            .json()
            .await
            .expect("the outbox is JSON");
        let code = messages
            .iter()
            .find(|m| m["to"] == phone)
            .and_then(|m| m["text"].as_str())
            .and_then(|text| {
                text.split(|c: char| !c.is_ascii_digit())
                    .find(|word| word.len() == 6)
                    .map(str::to_owned)
            });
        if let Some(code) = code {
            return code;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no SMS code reached {phone}");
}

/// Logs `email` on through `base`; the answer.
pub async fn log_on(
    browser: &Browser,
    base: &str,
    email: &str,
    password: &str,
) -> reqwest::Response {
    browser
        .post(
            base,
            "/api/log_on",
            &[("email", email), ("password", password)],
        )
        .await
}
