//! The first step: a flow with an image, then the email address and the
//! image's code. An unknown address and an address with nothing to
//! recover with take the same path and end on the same page.

use crate::request::Request;
use proto::error::{Invalid, UserError};

use super::flow::{self, methods_for_address, FlowId, Step};
use super::{flow_cookie, StepOutcome, FLOW_TTL};
use crate::address::EmailAddress;
use crate::captcha;
use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::sessions::{random_token, sha256_hex};
use crate::limits::{self, Counter};

pub async fn begin(ctx: &Ctx, request: &Request) -> Result<StepOutcome<String>> {
    let now = ctx.now();
    if let Some(flow) = flow::current(ctx, request).await? {
        if flow.step == Step::Start {
            let id = match captcha::live_for_flow(&ctx.db, &flow.id, now).await? {
                Some(id) => id,
                None => new_captcha(ctx, request, &flow.id).await?,
            };
            return Ok(StepOutcome {
                value: id,
                set_cookies: Vec::new(),
            });
        }
    }
    // No flow, or one past the start: Forgot Password starts afresh.
    admit_image(ctx, request).await?;
    let token = random_token();
    let flow_id = FlowId::generate();
    sqlx::query(
        "INSERT INTO recovery_flows (id, token_hash, created_at, expires_at, step, client_addr) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&flow_id)
    .bind(sha256_hex(&token))
    .bind(now)
    .bind(now + FLOW_TTL)
    .bind(Step::Start.key())
    .bind(&request.client.addr)
    .execute(&ctx.db.pool)
    .await?;
    let id = store_captcha(ctx, &flow_id).await?;
    Ok(StepOutcome {
        value: id,
        set_cookies: vec![flow_cookie(&token)],
    })
}

/// Each new image costs the server a little: a client address gets at
/// most 300 an hour (far beyond any person's need).
async fn admit_image(ctx: &Ctx, request: &Request) -> Result<()> {
    let counter = Counter::Images(&request.client.limit_key);
    if limits::try_consume(&ctx.db, &counter, ctx.now()).await? {
        Ok(())
    } else {
        Err(UserError::TooManyRequests.into())
    }
}

async fn new_captcha(ctx: &Ctx, request: &Request, flow_id: &str) -> Result<String> {
    admit_image(ctx, request).await?;
    store_captcha(ctx, flow_id).await
}

async fn store_captcha(ctx: &Ctx, flow_id: &str) -> Result<String> {
    Ok(captcha::create(
        &ctx.db,
        &ctx.captchas,
        flow_id,
        ctx.now(),
        ctx.settings.demo,
    )
    .await?)
}

/// The live image of the flow at the start, without making anything.
pub async fn current(ctx: &Ctx, request: &Request) -> Result<Option<String>> {
    match flow::current(ctx, request).await? {
        Some(flow) if flow.step == Step::Start => {
            Ok(captcha::live_for_flow(&ctx.db, &flow.id, ctx.now()).await?)
        }
        _ => Ok(None),
    }
}

pub async fn refresh(ctx: &Ctx, request: &Request) -> Result<StepOutcome<String>> {
    let Some(flow) = flow::current(ctx, request)
        .await?
        .filter(|flow| flow.step == Step::Start)
    else {
        // No flow yet (a first visit without JavaScript): this POST starts it.
        return begin(ctx, request).await;
    };
    captcha::retire_all(&ctx.db, &flow.id, ctx.now()).await?;
    Ok(StepOutcome {
        value: new_captcha(ctx, request, &flow.id).await?,
        set_cookies: Vec::new(),
    })
}

pub async fn submit_address(
    ctx: &Ctx,
    request: &Request,
    address: &str,
    answer: &str,
) -> Result<()> {
    let address = EmailAddress::parse(address)?;
    if answer.trim().is_empty() {
        return Err(UserError::Invalid(Invalid::EnterCaptcha).into());
    }
    let flow = flow::at_step(ctx, request, Step::Start).await?;
    let now = ctx.now();
    // Right or wrong, this image is now used up.
    if !captcha::consume(&ctx.db, &flow.id, answer, now).await? {
        // The next image comes with this answer (a POST), so the page that
        // shows the error shows it too, with or without JavaScript.
        new_captcha(ctx, request, &flow.id).await?;
        return Err(UserError::CaptchaWrong.into());
    }
    let methods = methods_for_address(&ctx.db, address.as_str(), now)
        .await?
        .filter(|methods| methods.any());
    let moved = sqlx::query(
        "UPDATE recovery_flows SET step = $1, address = $2, account_id = $3 \
         WHERE id = $4 AND step = $5",
    )
    .bind(Step::Choose.key())
    .bind(address.as_str())
    .bind(methods.map(|methods| methods.account_id))
    .bind(&flow.id)
    .bind(Step::Start.key())
    .execute(&ctx.db.pool)
    .await?;
    if moved.rows_affected() != 1 {
        return Err(UserError::FlowExpired.into());
    }
    Ok(())
}
