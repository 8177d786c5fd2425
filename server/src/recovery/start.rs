//! The first step: a flow with an image, then the email address and the
//! image's code. An unknown address and an address with nothing to
//! recover with take the same path and end on the same page.

use app::error::{Invalid, UserError};
use app::recovery::ports::StepOutcome;
use http::request::Parts;

use super::flow::{self, methods_for_address};
use super::{db_error, RecoveryImpl, FLOW_TTL, IMAGES_PER_CLIENT};
use crate::captcha;
use crate::identity::internal;
use crate::identity::logon::normalize_login;
use crate::limits;
use crate::sessions::{random_token, sha256_hex};

pub async fn begin(
    service: &RecoveryImpl,
    request: &Parts,
) -> Result<StepOutcome<String>, UserError> {
    let db = &service.identity.db;
    let now = service.identity.now();
    if let Some(flow) = flow::current(service, request).await? {
        if flow.step == "start" {
            let live = captcha::live_for_flow(db, &flow.id, now)
                .await
                .map_err(internal)?;
            let id = match live {
                Some(id) => id,
                None => new_captcha(service, request, &flow.id, now).await?,
            };
            return Ok(StepOutcome {
                value: id,
                set_cookies: Vec::new(),
            });
        }
    }
    // No flow, or one past the start: Forgot Password starts afresh.
    admit_image(service, request, now).await?;
    let token = random_token();
    let flow_id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO recovery_flows (id, token_hash, created_at, expires_at, step, client_addr) \
         VALUES ($1, $2, $3, $4, 'start', $5)",
    )
    .bind(&flow_id)
    .bind(sha256_hex(&token))
    .bind(now)
    .bind(now + FLOW_TTL)
    .bind(service.identity.client_addr(request))
    .execute(&db.pool)
    .await
    .map_err(db_error)?;
    let id = store_captcha(service, &flow_id, now).await?;
    Ok(StepOutcome {
        value: id,
        set_cookies: vec![service.flow_cookie(&token)],
    })
}

/// Each new image costs the server a little: a client address gets at
/// most 300 an hour (far beyond any person's need).
async fn admit_image(service: &RecoveryImpl, request: &Parts, now: i64) -> Result<(), UserError> {
    let key = format!("captcha:client:{}", service.identity.client_key(request));
    if limits::try_consume(&service.identity.db, &key, IMAGES_PER_CLIENT, now)
        .await
        .map_err(internal)?
    {
        Ok(())
    } else {
        Err(UserError::TooManyRequests)
    }
}

async fn new_captcha(
    service: &RecoveryImpl,
    request: &Parts,
    flow_id: &str,
    now: i64,
) -> Result<String, UserError> {
    admit_image(service, request, now).await?;
    store_captcha(service, flow_id, now).await
}

async fn store_captcha(
    service: &RecoveryImpl,
    flow_id: &str,
    now: i64,
) -> Result<String, UserError> {
    captcha::create(
        &service.identity.db,
        &service.captchas,
        flow_id,
        now,
        service.identity.settings.demo,
    )
    .await
    .map_err(internal)
}

/// The live image of the flow at the start, without making anything.
pub async fn current(service: &RecoveryImpl, request: &Parts) -> Result<Option<String>, UserError> {
    match flow::current(service, request).await? {
        Some(flow) if flow.step == "start" => {
            captcha::live_for_flow(&service.identity.db, &flow.id, service.identity.now())
                .await
                .map_err(internal)
        }
        _ => Ok(None),
    }
}

pub async fn refresh(
    service: &RecoveryImpl,
    request: &Parts,
) -> Result<StepOutcome<String>, UserError> {
    let Some(flow) = flow::current(service, request)
        .await?
        .filter(|flow| flow.step == "start")
    else {
        // No flow yet (a first visit without JavaScript): this POST starts it.
        return begin(service, request).await;
    };
    let now = service.identity.now();
    captcha::retire_all(&service.identity.db, &flow.id, now)
        .await
        .map_err(internal)?;
    Ok(StepOutcome {
        value: new_captcha(service, request, &flow.id, now).await?,
        set_cookies: Vec::new(),
    })
}

/// A syntactically plausible address: something@something.something.
fn plausible_address(address: &str) -> bool {
    address.len() <= 254
        && address.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
        })
        && !address.chars().any(char::is_whitespace)
}

pub async fn submit_address(
    service: &RecoveryImpl,
    request: &Parts,
    address: &str,
    answer: &str,
) -> Result<(), UserError> {
    let address = normalize_login(address);
    if !plausible_address(&address) {
        return Err(UserError::Invalid(Invalid::EnterFullAddress));
    }
    if answer.trim().is_empty() {
        return Err(UserError::Invalid(Invalid::EnterCaptcha));
    }
    let flow = flow::at_step(service, request, "start").await?;
    let db = &service.identity.db;
    let now = service.identity.now();
    // Right or wrong, this image is now used up.
    if !captcha::consume(db, &flow.id, answer, now)
        .await
        .map_err(internal)?
    {
        // The next image comes with this answer (a POST), so the page that
        // shows the error shows it too, with or without JavaScript.
        new_captcha(service, request, &flow.id, now).await?;
        return Err(UserError::CaptchaWrong);
    }
    let methods = methods_for_address(db, &address, now)
        .await
        .map_err(internal)?
        .filter(|methods| methods.any());
    let moved = sqlx::query(
        "UPDATE recovery_flows SET step = 'choose', address = $1, account_id = $2 \
         WHERE id = $3 AND step = 'start'",
    )
    .bind(&address)
    .bind(methods.map(|methods| methods.account_id))
    .bind(&flow.id)
    .execute(&db.pool)
    .await
    .map_err(db_error)?;
    if moved.rows_affected() != 1 {
        return Err(UserError::FlowExpired);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::plausible_address;

    #[test]
    fn only_whole_addresses_are_plausible() {
        assert!(plausible_address("zhang.san@example.com"));
        assert!(!plausible_address("zhang.san"));
        assert!(!plausible_address("@example.com"));
        assert!(!plausible_address("a@localhost"));
        assert!(!plausible_address("a b@example.com"));
    }
}
