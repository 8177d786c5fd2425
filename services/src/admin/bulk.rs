//! Bulk actions of Employee Accounts: "Require a password change at next
//! logon", "Disable" and "Enable" on the accounts ticked on one page. The
//! selection is read back and shown first (the confirmation names every
//! account); applying it is one transaction with one audit event for each
//! account it changed, and disabling does what disabling one account does
//! (`accounts::change_status`).

use std::collections::BTreeSet;

use proto::admin::{
    split_ids, AuditAction, BulkAccount, BulkOperation, BulkSelection, NotOnList, PAGE_SIZE,
};
use proto::error::{Invalid, UserError};

use super::accounts::change_status;
use super::caller::Postmaster;
use super::employees::{bind_all, Bind};
use crate::accounts::{AccountId, Status};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::db::Flag;

#[derive(sqlx::FromRow)]
struct Row {
    id: AccountId,
    display_name: String,
    address: String,
    #[sqlx(try_from = "String")]
    status: Status,
    #[sqlx(try_from = "i64")]
    must_change_password: Flag,
}

/// The operation and the accounts `ids` name, all of the caller's domain:
/// at least one, at most a page's worth; an id from elsewhere (or none)
/// is `NotAllowed`, and disabling one's own account is refused.
pub async fn selection(
    ctx: &Ctx,
    caller: &Postmaster,
    operation: &str,
    ids: &str,
) -> Result<BulkSelection> {
    let (operation, rows) = read(ctx, caller, operation, ids).await?;
    Ok(BulkSelection {
        operation,
        accounts: rows
            .into_iter()
            .map(|row| BulkAccount {
                id: row.id.to_string(),
                display_name: row.display_name,
                address: row.address,
                enabled: row.status.is_enabled(),
                must_change: row.must_change_password.is_set(),
            })
            .collect(),
    })
}

/// Applies the operation to the selection: returns how many accounts it
/// changed (those already in that state are left alone, unaudited).
pub async fn apply(ctx: &Ctx, caller: &Postmaster, operation: &str, ids: &str) -> Result<usize> {
    let (operation, rows) = read(ctx, caller, operation, ids).await?;
    let now = ctx.now();
    let mut changed = 0;
    let mut tx = ctx.db.pool.begin().await?;
    for row in &rows {
        let done = match operation {
            BulkOperation::Disable => {
                change_status(&mut tx, caller, &row.id, &row.address, false, now).await?
            }
            BulkOperation::Enable => {
                change_status(&mut tx, caller, &row.id, &row.address, true, now).await?
            }
            BulkOperation::RequireChange => {
                let updated = sqlx::query(
                    "UPDATE mail_accounts SET must_change_password = 1 \
                     WHERE id = $1 AND domain_id = $2 AND must_change_password = 0",
                )
                .bind(&row.id)
                .bind(&caller.domain_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if updated > 0 {
                    caller
                        .event(AuditAction::PasswordChangeRequired, &row.address)
                        .record(&mut *tx, now)
                        .await?;
                }
                updated > 0
            }
        };
        changed += usize::from(done);
    }
    tx.commit().await?;
    Ok(changed)
}

async fn read(
    ctx: &Ctx,
    caller: &Postmaster,
    operation: &str,
    ids: &str,
) -> Result<(BulkOperation, Vec<Row>)> {
    let operation = BulkOperation::parse(operation)
        .map_err(|NotOnList| UserError::Invalid(Invalid::UnknownChoice))?
        .ok_or(UserError::Invalid(Invalid::UnknownChoice))?;
    let ids: BTreeSet<String> = split_ids(ids).into_iter().collect();
    if ids.is_empty() {
        return Err(UserError::Invalid(Invalid::SelectAccounts).into());
    }
    if ids.len() > PAGE_SIZE as usize {
        let max = PAGE_SIZE as usize;
        return Err(UserError::Invalid(Invalid::TooManyAccounts { max }).into());
    }
    let marks: Vec<String> = (2..ids.len() + 2).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT id, display_name, address, status, must_change_password FROM mail_accounts \
         WHERE domain_id = $1 AND id IN ({}) ORDER BY display_name, address",
        marks.join(", ")
    );
    let binds: Vec<Bind> = std::iter::once(Bind::Text(caller.domain_id.clone()))
        .chain(ids.iter().cloned().map(Bind::Text))
        .collect();
    let rows: Vec<Row> = bind_all!(sqlx::query_as(&sql), &binds)
        .fetch_all(&ctx.db.pool)
        .await?;
    if rows.len() != ids.len() {
        // Another domain's id, or one that does not exist.
        return Err(UserError::NotAllowed.into());
    }
    if operation == BulkOperation::Disable && rows.iter().any(|row| row.id == caller.id) {
        return Err(UserError::Invalid(Invalid::DisableOwnAccount).into());
    }
    Ok((operation, rows))
}
