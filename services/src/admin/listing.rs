//! DEPTs & Users: the Employee Accounts list (searched, filtered by
//! department, paginated on the server) and the departments with their
//! account counts, which a postmaster creates and renames.
//!
//! The list must stay quick with 10,000 accounts in a domain: the total,
//! the search and the page's ids come from one index alone
//! (`mail_accounts_domain_list`, or `mail_accounts_department_list` with a
//! department; see the migration), and only the page's rows are read.
//! `bench/employees.sh` measures it.

use proto::admin::{AuditAction, Department, EmployeePage, EmployeeRow, PAGE_SIZE};
use proto::auth::Role;
use proto::error::{Invalid, NameField, UserError};

use super::caller::Postmaster;
use super::names;
use crate::accounts::Status;
use crate::ctx::Ctx;
use crate::error::{is_unique_violation, Error, Result};

/// Longest search text accepted; no name or address is longer.
const SEARCH_MAX: usize = 128;

/// `text` as a LIKE pattern matching it anywhere, with LIKE's own
/// wildcards (and the escape character) escaped, so a user searching for
/// `50%` or `li_si` finds exactly that. Used with `ESCAPE '\'`, which both
/// engines read the same way.
pub fn contains_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[derive(sqlx::FromRow)]
struct ListRow {
    id: String,
    display_name: String,
    address: String,
    department: Option<String>,
    #[sqlx(try_from = "String")]
    status: Status,
    #[sqlx(try_from = "String")]
    role: Role,
    last_logon_at: Option<i64>,
    reported_at: Option<i64>,
}

pub async fn employees(
    ctx: &Ctx,
    caller: &Postmaster,
    search: &str,
    department_id: &str,
    page: u32,
) -> Result<EmployeePage> {
    let search = search.trim();
    if search.chars().count() > SEARCH_MAX {
        return Err(UserError::Invalid(Invalid::SearchTooLong { max: SEARCH_MAX }).into());
    }
    let department = caller.optional_department(ctx, department_id).await?;

    // The same conditions and binds for the count and the page.
    let mut conditions = vec!["a.domain_id = $1".to_owned()];
    let mut binds = vec![caller.domain_id.clone()];
    if let Some(department) = department {
        binds.push(department);
        conditions.push(format!("a.department_id = ${}", binds.len()));
    }
    if !search.is_empty() {
        // LOWER on both sides: PostgreSQL's LIKE is case-sensitive and
        // SQLite's is not. (SQLite's LOWER folds ASCII only, so there a
        // search ignores case for Latin letters; names in scripts without
        // case, such as Chinese, are unaffected.)
        binds.push(contains_pattern(&search.to_lowercase()));
        let n = binds.len();
        conditions.push(format!(
            "(LOWER(a.display_name) LIKE ${n} ESCAPE '\\' OR LOWER(a.address) LIKE ${n} ESCAPE '\\')"
        ));
    }
    let filter = conditions.join(" AND ");

    let count_sql = format!("SELECT COUNT(*) FROM mail_accounts a WHERE {filter}");
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
    for bind in &binds {
        count = count.bind(bind.as_str());
    }
    let total = count.fetch_one(&ctx.db.pool).await?;

    // The page's ids first, from the index alone (however deep the page),
    // then only those rows.
    let page_sql = format!(
        "SELECT a.id, a.display_name, a.address, d.name AS department, a.status, a.role, \
                a.last_logon_at, a.reported_at \
         FROM mail_accounts a LEFT JOIN departments d ON d.id = a.department_id \
         WHERE a.id IN (SELECT a.id FROM mail_accounts a WHERE {filter} \
                        ORDER BY a.display_name, a.address LIMIT ${} OFFSET ${}) \
         ORDER BY a.display_name, a.address",
        binds.len() + 1,
        binds.len() + 2
    );
    let mut query = sqlx::query_as::<_, ListRow>(&page_sql);
    for bind in &binds {
        query = query.bind(bind.as_str());
    }
    let offset = i64::from(page.max(1) - 1) * i64::from(PAGE_SIZE);
    let rows = query
        .bind(i64::from(PAGE_SIZE))
        .bind(offset)
        .fetch_all(&ctx.db.pool)
        .await?
        .into_iter()
        .map(|row| EmployeeRow {
            id: row.id,
            display_name: row.display_name,
            address: row.address,
            department: row.department,
            enabled: row.status.is_enabled(),
            reported: row.reported_at.is_some(),
            role: row.role,
            last_logon_at: row.last_logon_at,
        })
        .collect();
    Ok(EmployeePage {
        rows,
        total,
        page: page.max(1),
        page_size: PAGE_SIZE,
    })
}

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

#[cfg(test)]
mod tests {
    use super::contains_pattern;

    #[test]
    fn like_wildcards_in_a_search_are_matched_literally() {
        assert_eq!(contains_pattern("zhang"), "%zhang%");
        assert_eq!(contains_pattern("li_si"), "%li\\_si%");
        assert_eq!(contains_pattern("50%"), "%50\\%%");
        assert_eq!(contains_pattern("a\\b"), "%a\\\\b%");
    }
}
