//! Server functions of domain management. Thin: take the request, call the
//! domain-management service (`services::admin`), map the answer. Checkboxes arrive as
//! `Option<String>` (a plain HTML form sends nothing for an unchecked box).

use leptos::prelude::*;

use super::{
    AccountDetail, AdminDomain, AuditFilter, AuditPage, BulkSelection, Department, DomainPolicy,
    EmployeeFilter, EmployeePage, ImportPreview, Overview,
};
use crate::auth::PasswordContext;
use crate::error::UserError;
use crate::secret::Secret;

#[cfg(feature = "ssr")]
use crate::server_fn::{or_fail, or_fail_on, redirect, served};
#[cfg(feature = "ssr")]
use services::admin;
#[cfg(feature = "ssr")]
use services::policy_gate::Candidate;

render_read! {
    pub async fn admin_home() -> Result<AdminDomain, UserError> {
        let (ctx, request) = served().await?;
        or_fail(admin::home(&ctx, &request).await)
    }
}

render_read! {
    pub async fn load_overview() -> Result<Overview, UserError> {
        let (ctx, request) = served().await?;
        or_fail(admin::overview(&ctx, &request).await)
    }
}

render_read! {
    /// The accounts a bulk action would touch (`ids` joined by commas).
    pub async fn bulk_selection(operation: String, ids: String) -> Result<BulkSelection, UserError> {
        let (ctx, request) = served().await?;
        or_fail(admin::bulk_selection(&ctx, &request, &operation, &ids).await)
    }
}

/// The confirmed bulk action; back to its confirmation, which then shows
/// the accounts as they are now.
#[server(endpoint = "bulk_apply")]
pub async fn bulk_apply(operation: String, ids: String) -> Result<usize, UserError> {
    let (ctx, request) = served().await?;
    let page = super::bulk_link(&operation, &ids, false);
    let result = admin::bulk_apply(&ctx, &request, &operation, &ids).await;
    let changed = or_fail_on::<BulkApply, _>(&page, &request, result)?;
    redirect(&super::bulk_link(&operation, &ids, true));
    Ok(changed)
}

render_read! {
    pub async fn list_employees(filter: EmployeeFilter) -> Result<EmployeePage, UserError> {
        let (ctx, request) = served().await?;
        or_fail(admin::employees(&ctx, &request, &filter).await)
    }
}

render_read! {
    pub async fn list_departments() -> Result<Vec<Department>, UserError> {
        let (ctx, request) = served().await?;
        or_fail(admin::departments(&ctx, &request).await)
    }
}

#[server(endpoint = "create_department")]
pub async fn create_department(name: String) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let result = admin::create_department(&ctx, &request, &name).await;
    or_fail_on::<CreateDepartment, _>("/admin/departments", &request, result)?;
    redirect("/admin/departments");
    Ok(())
}

#[server(endpoint = "rename_department")]
pub async fn rename_department(id: String, name: String) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let result = admin::rename_department(&ctx, &request, &id, &name).await;
    or_fail_on::<RenameDepartment, _>("/admin/departments", &request, result)?;
    redirect("/admin/departments");
    Ok(())
}

#[server(endpoint = "create_account")]
pub async fn create_account(
    display_name: String,
    local_part: String,
    department: String,
    new_password: Secret,
    confirm_password: Secret,
    policy_version: Option<String>,
    must_change: Option<String>,
) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let account = super::NewAccount {
        display_name,
        local_part,
        department_id: department,
        must_change_password: must_change.is_some(),
    };
    let result = admin::create_account(
        &ctx,
        &request,
        account,
        Candidate::new(&new_password, &confirm_password, policy_version.as_deref()),
    )
    .await;
    let id = or_fail_on::<CreateAccount, _>("/admin/accounts/new", &request, result)?;
    redirect(&format!("/admin/accounts/{id}?created=1"));
    Ok(())
}

render_read! {
    pub async fn load_account(id: String) -> Result<AccountDetail, UserError> {
        let (ctx, request) = served().await?;
        or_fail(admin::account(&ctx, &request, &id).await)
    }
}

#[server(endpoint = "set_account_enabled")]
pub async fn set_account_enabled(id: String, enabled: bool) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let page = format!("/admin/accounts/{id}");
    let result = admin::set_enabled(&ctx, &request, &id, enabled).await;
    or_fail_on::<SetAccountEnabled, _>(&page, &request, result)?;
    redirect(&page);
    Ok(())
}

/// Scenario 1: Edit Account > Reset Password > Save.
#[server(endpoint = "reset_password")]
pub async fn reset_password(
    id: String,
    new_password: Secret,
    confirm_password: Secret,
    policy_version: Option<String>,
    must_change: Option<String>,
) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let page = format!("/admin/accounts/{id}");
    let result = admin::reset_password(
        &ctx,
        &request,
        &id,
        Candidate::new(&new_password, &confirm_password, policy_version.as_deref()),
        must_change.is_some(),
    )
    .await;
    let at = or_fail_on::<ResetPassword, _>(&format!("{page}?reset_form=1"), &request, result)?;
    redirect(&format!("{page}?reset={at}"));
    Ok(())
}

render_read! {
    pub async fn account_password_context(id: String) -> Result<PasswordContext, UserError> {
        let (ctx, request) = served().await?;
        or_fail(admin::account_password_context(&ctx, &request, &id).await)
    }
}

render_read! {
    pub async fn load_domain_policy() -> Result<DomainPolicy, UserError> {
        let (ctx, request) = served().await?;
        or_fail(admin::policy(&ctx, &request).await)
    }
}

#[server(endpoint = "save_keywords")]
pub async fn save_keywords(keywords: String) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let result = admin::save_keywords(&ctx, &request, &keywords).await;
    or_fail_on::<SaveKeywords, _>("/admin/policy", &request, result)?;
    redirect("/admin/policy?saved=keywords");
    Ok(())
}

#[server(endpoint = "save_recovery_methods")]
pub async fn save_recovery_methods(
    sms: Option<String>,
    questions: Option<String>,
) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let result =
        admin::save_recovery_methods(&ctx, &request, sms.is_some(), questions.is_some()).await;
    or_fail_on::<SaveRecoveryMethods, _>("/admin/policy", &request, result)?;
    redirect("/admin/policy?saved=methods");
    Ok(())
}

/// Password Policy > "Recovery at logon": "Require recovery setup at
/// logon" (present when ticked), the reconfirmation days, the cooldown.
#[server(endpoint = "save_recovery_settings")]
pub async fn save_recovery_settings(
    setup_required: Option<String>,
    reconfirm_days: String,
    phone_cooldown_hours: String,
) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let result = admin::save_recovery_settings(
        &ctx,
        &request,
        setup_required.is_some(),
        &reconfirm_days,
        &phone_cooldown_hours,
    )
    .await;
    or_fail_on::<SaveRecoverySettings, _>("/admin/policy", &request, result)?;
    redirect("/admin/policy?saved=recovery");
    Ok(())
}

#[server(endpoint = "save_sms_limits")]
pub async fn save_sms_limits(
    calling_codes: String,
    daily_ceiling: String,
) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let result = admin::save_sms_limits(&ctx, &request, &calling_codes, &daily_ceiling).await;
    or_fail_on::<SaveSmsLimits, _>("/admin/policy", &request, result)?;
    redirect("/admin/policy?saved=sms");
    Ok(())
}

/// "Policy preset" and "Remember previous passwords".
#[server(endpoint = "save_password_rules")]
pub async fn save_password_rules(preset: String, history: String) -> Result<(), UserError> {
    let (ctx, request) = served().await?;
    let result = admin::save_password_rules(&ctx, &request, &preset, &history).await;
    or_fail_on::<SavePasswordRules, _>("/admin/policy", &request, result)?;
    redirect("/admin/policy?saved=rules");
    Ok(())
}

render_read! {
    pub async fn audit_log(filter: AuditFilter, page: u32) -> Result<AuditPage, UserError> {
        let (ctx, request) = served().await?;
        or_fail(admin::audit_log(&ctx, &request, &filter, page.max(1)).await)
    }
}

render_read! {
    pub async fn import_preview(id: String) -> Result<ImportPreview, UserError> {
        let (ctx, request) = served().await?;
        or_fail(admin::import_preview(&ctx, &request, &id).await)
    }
}

/// "Import": writes the previewed rows, then back to the preview, which
/// then says how many accounts were imported.
#[server(endpoint = "commit_import")]
pub async fn commit_import(id: String) -> Result<i64, UserError> {
    let (ctx, request) = served().await?;
    let page = format!("/admin/accounts/import/{id}");
    let result = admin::import_commit(&ctx, &request, &id).await;
    let imported = or_fail_on::<CommitImport, _>(&page, &request, result)?;
    redirect(&page);
    Ok(imported)
}
