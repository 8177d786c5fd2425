//! Server functions of a "This wasn't me" link's page: what it reports
//! (read while the page renders; nothing changes) and the button.

use leptos::prelude::*;

use super::ReportView;
use crate::error::UserError;

#[cfg(feature = "ssr")]
use crate::server_fn::{or_fail, or_fail_on, redirect, served};
#[cfg(feature = "ssr")]
use services::report;

render_read! {
    pub async fn load_report(token: String) -> Result<ReportView, UserError> {
        let (ctx, _request) = served().await?;
        or_fail(report::view(&ctx, &token).await)
    }
}

/// "This wasn't me": the lockdown, then the same page saying what to do
/// next (`?done=1`).
#[server(endpoint = "report_not_me")]
pub async fn report_not_me(token: String) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    // Only the link's own shape goes into the page's address.
    let page = if report::well_formed(&token) {
        format!("{}{token}", super::REPORT_PATH)
    } else {
        "/".to_owned()
    };
    let result = report::report(&ctx, &request, &token).await;
    or_fail_on::<ReportNotMe, _>(&page, &request, result)?;
    redirect(&format!("{page}?done=1"));
    Ok(())
}
