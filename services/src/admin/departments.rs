//! DEPTs & Users: the departments with their account counts, which a
//! postmaster creates and renames.

use proto::admin::{AuditAction, Department};
use proto::error::{Invalid, NameField, UserError};

use super::caller::Postmaster;
use super::names;
use crate::ctx::Ctx;
use crate::error::{is_unique_violation, Error, Result};

pub async fn departments(ctx: &Ctx, caller: &Postmaster) -> Result<Vec<Department>> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT d.id, d.name, \
                (SELECT COUNT(*) FROM mail_accounts a WHERE a.department_id = d.id) \
         FROM departments d WHERE d.domain_id = $1 ORDER BY d.name",
    )
    .bind(&caller.domain_id)
    .fetch_all(&ctx.db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, accounts)| Department { id, name, accounts })
        .collect())
}

/// A department name for this domain: valid, and not the name of another
/// of its departments (ignoring case, so "Sales" and "sales" are not two).
async fn free_name(
    ctx: &Ctx,
    caller: &Postmaster,
    text: &str,
    except_id: Option<&str>,
) -> Result<String> {
    let name = names::name(text, NameField::DepartmentName)?;
    let existing: Vec<(String, String)> =
        sqlx::query_as("SELECT id, name FROM departments WHERE domain_id = $1")
            .bind(&caller.domain_id)
            .fetch_all(&ctx.db.pool)
            .await?;
    let taken = existing.iter().any(|(id, existing)| {
        Some(id.as_str()) != except_id && existing.to_lowercase() == name.to_lowercase()
    });
    if taken {
        return Err(already_exists().into());
    }
    Ok(name)
}

fn already_exists() -> UserError {
    UserError::Invalid(Invalid::DepartmentExists)
}

/// Two postmaster sessions racing past `free_name` meet the UNIQUE
/// constraint; that is the same answer, not an internal error.
fn unique_or_internal(err: sqlx::Error) -> Error {
    if is_unique_violation(&err) {
        already_exists().into()
    } else {
        err.into()
    }
}

pub async fn create_department(ctx: &Ctx, caller: &Postmaster, text: &str) -> Result<()> {
    let name = free_name(ctx, caller, text, None).await?;
    let now = ctx.now();
    let mut tx = ctx.db.pool.begin().await?;
    sqlx::query(
        "INSERT INTO departments (id, domain_id, name, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(&caller.domain_id)
    .bind(&name)
    .bind(now)
    .execute(&mut *tx)
    .await
    .map_err(unique_or_internal)?;
    caller
        .event(AuditAction::DepartmentCreated, &name)
        .record(&mut *tx, now)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn rename_department(ctx: &Ctx, caller: &Postmaster, id: &str, text: &str) -> Result<()> {
    caller.department(ctx, id).await?;
    let name = free_name(ctx, caller, text, Some(id)).await?;
    let now = ctx.now();
    let mut tx = ctx.db.pool.begin().await?;
    sqlx::query("UPDATE departments SET name = $1 WHERE id = $2 AND domain_id = $3")
        .bind(&name)
        .bind(id)
        .bind(&caller.domain_id)
        .execute(&mut *tx)
        .await
        .map_err(unique_or_internal)?;
    caller
        .event(AuditAction::DepartmentRenamed, &name)
        .record(&mut *tx, now)
        .await?;
    tx.commit().await?;
    Ok(())
}
