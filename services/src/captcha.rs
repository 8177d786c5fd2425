//! Image verification codes for Forgot Password's first step: a distorted
//! image, its answer stored only as a hash (plus, in demo mode only, in
//! plain text for `/dev/captcha/<id>`), single use, 5 minutes, bound to
//! one flow. Generation sits behind a trait so tests could swap it.

use anyhow::Context;
use base64::Engine as _;

use crate::infra::clock::MINUTE;
use crate::infra::db::Db;
use crate::infra::sessions::sha256_hex;

pub const CAPTCHA_TTL: i64 = 5 * MINUTE;

pub struct CaptchaImage {
    pub answer: String,
    pub png: Vec<u8>,
}

pub trait CaptchaMaker: Send + Sync + 'static {
    fn make(&self) -> anyhow::Result<CaptchaImage>;
}

/// Characters that cannot be mistaken for one another in the image.
const CHARS: &[char] = &[
    '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'M',
    'N', 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z',
];

/// Five characters with noise and a wave, 220x80 PNG.
pub struct DistortedImage;

impl CaptchaMaker for DistortedImage {
    fn make(&self) -> anyhow::Result<CaptchaImage> {
        use captcha::filters::{Dots, Noise, Wave};
        let mut image = captcha::Captcha::new();
        let usable: Vec<char> = image
            .supported_chars()
            .into_iter()
            .filter(|c| CHARS.contains(c))
            .collect();
        image
            .set_chars(&usable)
            .add_chars(5)
            .apply_filter(Noise::new(0.2))
            .apply_filter(Wave::new(2.0, 12.0))
            .view(220, 80)
            .apply_filter(Dots::new(4));
        let png = image.as_png().context("encode the captcha image")?;
        Ok(CaptchaImage {
            answer: image.chars_as_string(),
            png,
        })
    }
}

/// What the user typed, as it is compared: no spaces, any case.
pub fn normalize(answer: &str) -> String {
    answer
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase()
}

fn answer_hash(id: &str, answer: &str) -> String {
    sha256_hex(&format!("{id}:{}", normalize(answer)))
}

/// Makes and stores a new image for `flow_id`; returns its id.
pub async fn create(
    db: &Db,
    maker: &std::sync::Arc<dyn CaptchaMaker>,
    flow_id: &str,
    now: i64,
    keep_answer: bool,
) -> anyhow::Result<String> {
    let made = {
        let maker = maker.clone();
        tokio::task::spawn_blocking(move || maker.make())
            .await
            .context("captcha task")??
    };
    let id = uuid::Uuid::new_v4().simple().to_string();
    sqlx::query(
        "INSERT INTO captchas (id, flow_id, answer_hash, dev_answer, image_png, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(flow_id)
    .bind(answer_hash(&id, &made.answer))
    .bind(keep_answer.then_some(made.answer.as_str()))
    .bind(base64::engine::general_purpose::STANDARD.encode(&made.png))
    .bind(now + CAPTCHA_TTL)
    .execute(&db.pool)
    .await
    .context("store a captcha")?;
    Ok(id)
}

/// The flow's live, unused image, if any.
pub async fn live_for_flow(db: &Db, flow_id: &str, now: i64) -> anyhow::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT id FROM captchas WHERE flow_id = $1 AND used_at IS NULL AND expires_at > $2 \
         ORDER BY expires_at DESC LIMIT 1",
    )
    .bind(flow_id)
    .bind(now)
    .fetch_optional(&db.pool)
    .await
    .context("find the flow's captcha")
}

/// Kills every image of the flow (refresh, or an answer was tried).
pub async fn retire_all(db: &Db, flow_id: &str, now: i64) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE captchas SET used_at = $1, image_png = '' WHERE flow_id = $2 AND used_at IS NULL",
    )
    .bind(now)
    .bind(flow_id)
    .execute(&db.pool)
    .await
    .context("retire captchas")?;
    Ok(())
}

/// Checks an answer against the flow's live image and uses it up, right or
/// wrong: each image gets exactly one try.
pub async fn consume(db: &Db, flow_id: &str, answer: &str, now: i64) -> anyhow::Result<bool> {
    let Some(id) = live_for_flow(db, flow_id, now).await? else {
        return Ok(false);
    };
    let used = sqlx::query(
        "UPDATE captchas SET used_at = $1, image_png = '' \
         WHERE id = $2 AND used_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(&id)
    .execute(&db.pool)
    .await
    .context("use a captcha")?;
    if used.rows_affected() != 1 {
        return Ok(false); // a concurrent try got it first
    }
    let stored: String = sqlx::query_scalar("SELECT answer_hash FROM captchas WHERE id = $1")
        .bind(&id)
        .fetch_one(&db.pool)
        .await
        .context("read a captcha")?;
    Ok(crate::infra::sessions::constant_time_eq(
        stored.as_bytes(),
        answer_hash(&id, answer).as_bytes(),
    ))
}

/// The PNG of a live image, for `GET /forgot/captcha/<id>`.
pub async fn image(db: &Db, id: &str, now: i64) -> anyhow::Result<Option<Vec<u8>>> {
    let png: Option<String> = sqlx::query_scalar(
        "SELECT image_png FROM captchas WHERE id = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(id)
    .bind(now)
    .fetch_optional(&db.pool)
    .await
    .context("load a captcha image")?;
    png.map(|png| {
        base64::engine::general_purpose::STANDARD
            .decode(png)
            .context("decode a stored captcha image")
    })
    .transpose()
}

/// The answer in plain text: demo mode only (`GET /dev/captcha/<id>`).
pub async fn dev_answer(db: &Db, id: &str) -> anyhow::Result<Option<String>> {
    let answer: Option<Option<String>> =
        sqlx::query_scalar("SELECT dev_answer FROM captchas WHERE id = $1")
            .bind(id)
            .fetch_optional(&db.pool)
            .await
            .context("load a captcha answer")?;
    Ok(answer.flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_ignore_case_and_spaces() {
        assert_eq!(normalize(" ab 3k "), "AB3K");
        assert_eq!(answer_hash("x", "ab3k"), answer_hash("x", "AB 3K"));
        assert_ne!(answer_hash("x", "AB3K"), answer_hash("y", "AB3K"));
    }

    #[test]
    fn an_image_has_five_unambiguous_characters_and_is_a_png() {
        let made = DistortedImage.make().unwrap();
        assert_eq!(made.answer.chars().count(), 5);
        assert!(made.answer.chars().all(|c| CHARS.contains(&c)));
        assert!(made.png.starts_with(b"\x89PNG"));
    }
}
