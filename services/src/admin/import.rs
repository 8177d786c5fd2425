//! Import accounts: a CSV file read and checked row by row (`read`), kept
//! with its verdicts for the preview, then written in one transaction
//! (`commit`), each row checked again there: a name taken since the
//! preview is left out, not written twice.
//!
//! The new accounts get no password anyone knows: one random 256-bit
//! secret is hashed for the import and forgotten (one hash, not 10,000),
//! and a change is required at the first logon. Each employee then sets
//! one with Forgot Password or gets one from Reset Password.

use std::collections::HashMap;

use proto::admin::{
    AuditAction, ImportPreview, ImportRow, ImportStart, NotOnList, RowProblem, IMPORT_MAX_MIB,
    IMPORT_MAX_ROWS,
};
use proto::auth::Role;
use proto::error::{Invalid, NameField, UserError};
use rand::RngCore;

use super::caller::Postmaster;
use super::names;
use crate::accounts::{search_text, Status};
use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::clock::HOUR;
use crate::phone::PhoneNumber;

/// A preview is kept this long for its "Import".
const KEPT: i64 = 24 * HOUR;

fn refuse(invalid: Invalid) -> crate::error::Error {
    UserError::Invalid(invalid).into()
}

/// The columns, by their names in the first line (English or Chinese,
/// case and spaces aside).
fn column(name: &str) -> Option<usize> {
    match name.trim().to_lowercase().as_str() {
        "name" | "display name" | "姓名" | "显示名称" => Some(0),
        "address" | "email" | "email address" | "邮箱地址" | "地址" => Some(1),
        "department" | "部门" => Some(2),
        "phone" | "secure mobile phone" | "mobile" | "安全手机" | "手机" | "手机号码" => {
            Some(3)
        }
        _ => None,
    }
}

/// Reads `bytes` as the CSV file of an import into its rows, each with its
/// problems, and keeps them for the preview: returns its id. A file that
/// cannot be read as a whole is refused with its sentence and kept nowhere.
pub async fn read(ctx: &Ctx, caller: &Postmaster, bytes: &[u8], start: &str) -> Result<String> {
    let start = ImportStart::parse(start)
        .map_err(|NotOnList| refuse(Invalid::UnknownChoice))?
        .unwrap_or(ImportStart::Random);
    if bytes.is_empty() {
        return Err(refuse(Invalid::ImportChooseFile));
    }
    if bytes.len() > IMPORT_MAX_MIB * 1024 * 1024 {
        return Err(refuse(Invalid::ImportTooLarge {
            max: IMPORT_MAX_MIB,
        }));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| refuse(Invalid::ImportNotUtf8))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\0') {
        return Err(refuse(Invalid::ImportNotUtf8));
    }
    let raw = parse(text)?;
    let rows = check(ctx, caller, raw).await?;
    let id = uuid::Uuid::new_v4().to_string();
    let now = ctx.now();
    sqlx::query("DELETE FROM account_imports WHERE created_at < $1")
        .bind(now - KEPT)
        .execute(&ctx.db.pool)
        .await?;
    sqlx::query(
        "INSERT INTO account_imports (id, domain_id, postmaster_id, start_mode, rows, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(&caller.domain_id)
    .bind(&caller.id)
    .bind(start.key())
    .bind(serde_json::to_string(&rows).map_err(anyhow::Error::from)?)
    .bind(now)
    .execute(&ctx.db.pool)
    .await?;
    Ok(id)
}

/// The file's records below its header as (line, name, address,
/// department, phone), or the refusal of the whole file.
fn parse(text: &str) -> Result<Vec<(usize, [String; 4])>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => return Err(refuse(Invalid::ImportColumns)),
        Some(Err(_)) => return Err(refuse(Invalid::ImportNotCsv { line: 1 })),
        Some(Ok(header)) => header,
    };
    let columns: Vec<Option<usize>> = header.iter().map(column).collect();
    let has = |n: usize| columns.iter().filter(|c| **c == Some(n)).count();
    if columns.iter().any(Option::is_none) || (0..3).any(|n| has(n) != 1) || has(3) > 1 {
        return Err(refuse(Invalid::ImportColumns));
    }
    let mut rows = Vec::new();
    // Lines as an editor numbers them, from where the reader says a
    // record starts (its own count passes over blank lines, and its start
    // is the line break before the record).
    let mut counted = (0, 1);
    let mut line_at = |byte: u64| {
        let mut byte = (byte as usize).min(text.len());
        while matches!(text.as_bytes().get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        let (from, line) = counted;
        let line = line
            + text.as_bytes()[from.min(byte)..byte]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
        counted = (byte.max(from), line);
        line
    };
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, |p| line_at(p.byte()));
                return Err(refuse(Invalid::ImportNotCsv { line }));
            }
        };
        let line = record.position().map_or(0, |p| line_at(p.byte()));
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if rows.len() == IMPORT_MAX_ROWS {
            return Err(refuse(Invalid::ImportTooManyRows {
                max: IMPORT_MAX_ROWS,
            }));
        }
        let mut cells: [String; 4] = Default::default();
        for (cell, column) in record.iter().zip(&columns) {
            if let Some(column) = column {
                cells[*column] = cell.trim().to_owned();
            }
        }
        rows.push((line, cells));
    }
    if rows.is_empty() {
        return Err(refuse(Invalid::ImportEmpty));
    }
    Ok(rows)
}

/// Each row with its problems, against the domain as it is now.
async fn check(
    ctx: &Ctx,
    caller: &Postmaster,
    raw: Vec<(usize, [String; 4])>,
) -> Result<Vec<ImportRow>> {
    let departments: Vec<(String, String)> =
        sqlx::query_as("SELECT id, name FROM departments WHERE domain_id = $1")
            .bind(&caller.domain_id)
            .fetch_all(&ctx.db.pool)
            .await?;
    let department_names: Vec<String> = departments.iter().map(|(_, n)| n.to_lowercase()).collect();
    let suffix = format!("@{}", caller.domain);
    let mut first_line: HashMap<String, usize> = HashMap::new();
    let mut rows = Vec::with_capacity(raw.len());
    for (line, [name, address, department, phone]) in raw {
        let mut problems = Vec::new();
        if name.is_empty() {
            problems.push(RowProblem::NameMissing);
        } else if names::name(&name, NameField::DisplayName).is_err() {
            problems.push(RowProblem::NameInvalid);
        }
        let lowered = address.trim().to_lowercase();
        let local = match lowered.split_once('@') {
            None => Some(lowered.clone()),
            Some((local, domain)) if domain == caller.domain => Some(local.to_owned()),
            Some(_) => None,
        };
        let address = match local {
            None => {
                problems.push(RowProblem::OtherDomain);
                lowered
            }
            Some(local) => match names::local_part(&local) {
                Ok(local) => {
                    let full = format!("{local}{suffix}");
                    if let Some(first) = first_line.get(&full) {
                        problems.push(RowProblem::DuplicateOf { line: *first });
                    } else {
                        first_line.insert(full.clone(), line);
                    }
                    full
                }
                Err(_) => {
                    problems.push(RowProblem::AddressInvalid);
                    lowered
                }
            },
        };
        if !department.is_empty() && !department_names.contains(&department.to_lowercase()) {
            problems.push(RowProblem::UnknownDepartment);
        }
        let phone = if phone.is_empty() {
            phone
        } else {
            match PhoneNumber::parse(&phone) {
                Ok(number) => number.as_ref().to_owned(),
                Err(_) => {
                    problems.push(RowProblem::PhoneInvalid);
                    phone
                }
            }
        };
        rows.push(ImportRow {
            line,
            name,
            address,
            department,
            phone,
            problems,
        });
    }
    mark_taken(ctx, &mut rows).await?;
    Ok(rows)
}

/// Adds `AddressTaken` to the rows whose address an account has (any
/// domain: addresses are unique across the service), 500 at a time.
async fn mark_taken(ctx: &Ctx, rows: &mut [ImportRow]) -> Result<()> {
    let addresses: Vec<String> = rows
        .iter()
        .filter(|row| row.problems.is_empty())
        .map(|row| row.address.clone())
        .collect();
    let mut taken = std::collections::HashSet::new();
    for chunk in addresses.chunks(500) {
        let marks: Vec<String> = (1..=chunk.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "SELECT address FROM mail_accounts WHERE address IN ({})",
            marks.join(", ")
        );
        let mut query = sqlx::query_scalar::<_, String>(&sql);
        for address in chunk {
            query = query.bind(address.as_str());
        }
        taken.extend(query.fetch_all(&ctx.db.pool).await?);
    }
    for row in rows.iter_mut() {
        if row.problems.is_empty() && taken.contains(&row.address) {
            row.problems.push(RowProblem::AddressTaken);
        }
    }
    Ok(())
}

/// The kept import `id` of the caller's domain.
pub async fn preview(ctx: &Ctx, caller: &Postmaster, id: &str) -> Result<ImportPreview> {
    let row: Option<(String, String, Option<i64>, i64)> = sqlx::query_as(
        "SELECT start_mode, rows, imported, created_at FROM account_imports \
         WHERE id = $1 AND domain_id = $2",
    )
    .bind(id)
    .bind(&caller.domain_id)
    .fetch_optional(&ctx.db.pool)
    .await?;
    let Some((start, rows, imported, created_at)) = row else {
        return Err(refuse(Invalid::ImportExpired));
    };
    if imported.is_none() && created_at < ctx.now() - KEPT {
        return Err(refuse(Invalid::ImportExpired));
    }
    Ok(ImportPreview {
        id: id.to_owned(),
        domain: caller.domain.clone(),
        start: ImportStart::parse(&start)
            .ok()
            .flatten()
            .unwrap_or(ImportStart::Disabled),
        rows: serde_json::from_str(&rows).map_err(anyhow::Error::from)?,
        imported,
    })
}

/// Writes the ready rows of import `id` in one transaction, each checked
/// again, one `account_created` event each: returns how many. Done once.
pub async fn commit(ctx: &Ctx, caller: &Postmaster, id: &str) -> Result<i64> {
    let preview = preview(ctx, caller, id).await?;
    if preview.imported.is_some() {
        return Err(refuse(Invalid::ImportDone));
    }
    // The domain may have changed since the preview.
    let mut rows: Vec<ImportRow> = preview.rows;
    for row in rows.iter_mut() {
        row.problems
            .retain(|p| !matches!(p, RowProblem::AddressTaken));
    }
    mark_taken(ctx, &mut rows).await?;
    let departments: Vec<(String, String)> =
        sqlx::query_as("SELECT id, name FROM departments WHERE domain_id = $1")
            .bind(&caller.domain_id)
            .fetch_all(&ctx.db.pool)
            .await?;
    let ready: Vec<&ImportRow> = rows.iter().filter(|row| row.problems.is_empty()).collect();
    if ready.is_empty() {
        return Err(refuse(Invalid::ImportNothingReady));
    }
    // A secret no one will ever know: the accounts have no usable password.
    let mut secret = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut secret);
    let secret = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, secret);
    let hash = ctx.hasher.hash(&secret).await?;
    let status = match preview.start {
        ImportStart::Random => Status::Enabled,
        ImportStart::Disabled => Status::Disabled,
    };
    let now = ctx.now();
    let mut tx = ctx.db.pool.begin().await?;
    // Done once: the second of two simultaneous presses changes nothing.
    let claimed =
        sqlx::query("UPDATE account_imports SET imported = $1 WHERE id = $2 AND imported IS NULL")
            .bind(ready.len() as i64)
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    if claimed == 0 {
        return Err(refuse(Invalid::ImportDone));
    }
    for row in &ready {
        let department = departments
            .iter()
            .find(|(_, name)| name.to_lowercase() == row.department.to_lowercase())
            .map(|(id, _)| id.clone());
        let name = names::name(&row.name, NameField::DisplayName)?;
        let phone = (!row.phone.is_empty()).then(|| row.phone.clone());
        sqlx::query(
            "INSERT INTO mail_accounts (id, domain_id, address, display_name, department_id, \
             role, status, password_hash, password_changed_at, must_change_password, \
             phone, phone_verified_at, created_at, search_text) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $9, $12)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(&caller.domain_id)
        .bind(&row.address)
        .bind(&name)
        .bind(department)
        .bind(Role::Employee.key())
        .bind(status.key())
        .bind(hash.as_str())
        .bind(now)
        .bind(phone.clone())
        .bind(phone.map(|_| now))
        .bind(search_text(&name, &row.address))
        .execute(&mut *tx)
        .await
        .map_err(|err| {
            // Created meanwhile by someone else: nothing is written.
            if crate::error::is_unique_violation(&err) {
                refuse(Invalid::AddressTaken)
            } else {
                err.into()
            }
        })?;
        caller
            .event(AuditAction::AccountCreated, &row.address)
            .record(&mut *tx, now)
            .await?;
    }
    tx.commit().await?;
    Ok(ready.len() as i64)
}
