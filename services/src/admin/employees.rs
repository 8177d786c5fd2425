//! Employee Accounts: the list of a domain, searched, filtered ("Status",
//! "Recovery methods", department), in one of three orders, a keyset page
//! at a time, with the total.
//!
//! It must stay quick with 100,000 accounts in a domain (`bench/
//! employees.sh` measures it). Each order has its index (migration
//! `accounts_at_scale`); a page reads from its cursor onwards, never
//! through the pages before it. The name order's index holds every column
//! the filters read, so the total and a filtered page are read from the
//! index alone; "Locked" starts from the few counters that hold a lock.

use proto::admin::{
    EmployeeFilter, EmployeePage, EmployeeRow, NotOnList, RecoveryFilter, SortOrder, StatusFilter,
    COUNT_MAX, PAGE_SIZE,
};
use proto::auth::Role;
use proto::error::{Invalid, UserError};

use super::caller::Postmaster;
use crate::accounts::Status;
use crate::ctx::Ctx;
use crate::error::Result;
use crate::infra::db::Flag;
use crate::lockout;

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

/// The recovery methods the domain lets Forgot Password offer, as SQL
/// conditions on the account aliased `a`: a bound phone, security
/// questions (`1 = 0` for a method the domain does not allow).
pub(super) struct Methods {
    pub sms: &'static str,
    pub questions: &'static str,
}

impl Methods {
    pub(super) async fn of(ctx: &Ctx, caller: &Postmaster) -> Result<Self> {
        let (sms, questions): (i64, i64) =
            sqlx::query_as("SELECT allow_sms, allow_questions FROM domains WHERE id = $1")
                .bind(&caller.domain_id)
                .fetch_one(&ctx.db.pool)
                .await?;
        Ok(Methods {
            sms: if Flag::from(sms).is_set() {
                "a.phone IS NOT NULL"
            } else {
                "1 = 0"
            },
            questions: if Flag::from(questions).is_set() {
                "a.has_questions = 1"
            } else {
                "1 = 0"
            },
        })
    }

    fn matching(&self, filter: RecoveryFilter) -> String {
        match filter {
            RecoveryFilter::Sms => self.sms.to_owned(),
            RecoveryFilter::Questions => self.questions.to_owned(),
            RecoveryFilter::None => format!("NOT ({}) AND NOT ({})", self.sms, self.questions),
        }
    }
}

/// A bind of the list's SQL.
#[derive(Clone)]
pub(super) enum Bind {
    Text(String),
    Int(i64),
}

/// Conditions on the accounts aliased `a`, with their binds (`$1` is the
/// caller's domain).
pub(super) struct Conditions {
    pub sql: Vec<String>,
    pub binds: Vec<Bind>,
    /// A condition names a few accounts by id ("Locked"): the domain is
    /// then checked as an expression, which offers no index, so that no
    /// engine reads the domain's whole index to test each account against
    /// them (SQLite, without statistics, would).
    by_id: bool,
}

impl Conditions {
    pub(super) fn of_domain(caller: &Postmaster) -> Self {
        Conditions {
            sql: vec!["a.domain_id = $1".to_owned()],
            binds: vec![Bind::Text(caller.domain_id.clone())],
            by_id: false,
        }
    }

    /// Adds a bind and returns its placeholder.
    pub(super) fn bind(&mut self, bind: Bind) -> String {
        self.binds.push(bind);
        format!("${}", self.binds.len())
    }

    pub(super) fn status(&mut self, status: StatusFilter, now: i64) {
        let condition = match status {
            StatusFilter::Enabled => format!("a.status = '{}'", Status::Enabled.key()),
            StatusFilter::Disabled => format!("a.status = '{}'", Status::Disabled.key()),
            StatusFilter::MustChange => "a.must_change_password = 1".to_owned(),
            StatusFilter::Locked => {
                let now = self.bind(Bind::Int(now));
                self.by_id = true;
                lockout::locked_sql(&now, false)
            }
        };
        self.sql.push(condition);
    }

    pub(super) fn where_clause(&self) -> String {
        if self.by_id {
            // The first condition is the domain's.
            std::iter::once("a.domain_id || '' = $1")
                .chain(self.sql[1..].iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(" AND ")
        } else {
            self.sql.join(" AND ")
        }
    }
}

/// Binds `binds` to a query of any kind, in order.
macro_rules! bind_all {
    ($query:expr, $binds:expr) => {{
        let mut query = $query;
        for bind in $binds {
            query = match bind {
                Bind::Text(text) => query.bind(text.clone()),
                Bind::Int(n) => query.bind(*n),
            };
        }
        query
    }};
}
pub(super) use bind_all;

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
    #[sqlx(try_from = "i64")]
    must_change_password: Flag,
    #[sqlx(try_from = "i64")]
    locked: Flag,
}

/// Where a keyset page starts: the sort key of the row before (or after)
/// it.
struct Cursor {
    display_name: String,
    address: String,
    last_logon: i64,
}

fn unknown_choice(_: NotOnList) -> UserError {
    UserError::Invalid(Invalid::UnknownChoice)
}

pub async fn employees(
    ctx: &Ctx,
    caller: &Postmaster,
    filter: &EmployeeFilter,
) -> Result<EmployeePage> {
    let search = filter.q.trim();
    if search.chars().count() > SEARCH_MAX {
        return Err(UserError::Invalid(Invalid::SearchTooLong { max: SEARCH_MAX }).into());
    }
    let status = StatusFilter::parse(&filter.status).map_err(unknown_choice)?;
    let recovery = RecoveryFilter::parse(&filter.recovery).map_err(unknown_choice)?;
    let sort = SortOrder::parse(&filter.sort)
        .map_err(unknown_choice)?
        .unwrap_or_default();
    let department = caller.optional_department(ctx, &filter.department).await?;
    let now = ctx.now();

    let mut conditions = Conditions::of_domain(caller);
    if let Some(department) = department {
        let n = conditions.bind(Bind::Text(department));
        conditions.sql.push(format!("a.department_id = {n}"));
    }
    if !search.is_empty() {
        // `search_text` holds the name in lower case and the address, so
        // one LIKE on one column of the order's index does (on SQLite, LIKE
        // also ignores ASCII case; the text is folded already either way).
        let n = conditions.bind(Bind::Text(contains_pattern(&search.to_lowercase())));
        conditions
            .sql
            .push(format!("a.search_text LIKE {n} ESCAPE '\\'"));
    }
    if let Some(status) = status {
        conditions.status(status, now);
    }
    if let Some(recovery) = recovery {
        let methods = Methods::of(ctx, caller).await?;
        conditions.sql.push(methods.matching(recovery));
    }

    // The cursor: `after` the row with this address, or `before` it.
    let (cursor, backwards) = match (filter.after.trim(), filter.before.trim()) {
        ("", "") => (None, false),
        ("", before) => (Some(cursor(ctx, caller, before).await?), true),
        (after, _) => (Some(cursor(ctx, caller, after).await?), false),
    };
    // Counted up to COUNT_MAX: past that, "more than" is all a person
    // needs, and counting 100,000 accounts was most of a page's time.
    let count_sql = format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM mail_accounts a WHERE {} LIMIT {}) counted",
        conditions.where_clause(),
        COUNT_MAX + 1
    );
    let count_binds = conditions.binds.clone();
    let mut page = conditions;
    let last_logon = "COALESCE(a.last_logon_at, 0)";
    if let Some(cursor) = cursor {
        let name = page.bind(Bind::Text(cursor.display_name));
        let address = page.bind(Bind::Text(cursor.address));
        let logon = page.bind(Bind::Int(cursor.last_logon));
        let (more, less) = if backwards { ("<", ">") } else { (">", "<") };
        page.sql.push(match sort {
            SortOrder::Name => format!("(a.display_name, a.address) {more} ({name}, {address})"),
            SortOrder::Address => format!("a.address {more} {address}"),
            SortOrder::LastLogon => {
                let eq = if backwards { ">=" } else { "<=" };
                format!(
                    "{last_logon} {eq} {logon} AND ({last_logon} {less} {logon} OR a.address {more} {address})"
                )
            }
        });
    }
    let order = match (sort, backwards) {
        (SortOrder::Name, false) => "a.display_name, a.address".to_owned(),
        (SortOrder::Name, true) => "a.display_name DESC, a.address DESC".to_owned(),
        (SortOrder::Address, false) => "a.address".to_owned(),
        (SortOrder::Address, true) => "a.address DESC".to_owned(),
        (SortOrder::LastLogon, false) => format!("{last_logon} DESC, a.address"),
        (SortOrder::LastLogon, true) => format!("{last_logon}, a.address DESC"),
    };
    let now_bind = page.bind(Bind::Int(now));
    // The page's ids first, from the order's index alone (it holds every
    // column the conditions read), then only those rows: reading each
    // skipped row from the table made a rare search slow on PostgreSQL.
    let page_sql = format!(
        "SELECT a.id, a.display_name, a.address, d.name AS department, a.status, a.role, \
                a.last_logon_at, a.reported_at, a.must_change_password, \
                CAST(CASE WHEN {} THEN 1 ELSE 0 END AS BIGINT) AS locked \
         FROM mail_accounts a LEFT JOIN departments d ON d.id = a.department_id \
         WHERE a.id IN (SELECT a.id FROM mail_accounts a WHERE {} ORDER BY {order} LIMIT {}) \
         ORDER BY {order}",
        lockout::locked_sql(&now_bind, true),
        page.where_clause(),
        PAGE_SIZE + 1
    );
    let mut rows: Vec<ListRow> = bind_all!(sqlx::query_as(&page_sql), &page.binds)
        .fetch_all(&ctx.db.pool)
        .await?;
    let more = rows.len() > PAGE_SIZE as usize;
    // A first page with room to spare holds every match: no need to count
    // them again (a rare search then reads the index once, not twice).
    let counted: i64 = if cursor_given(filter) || more {
        bind_all!(sqlx::query_scalar(&count_sql), &count_binds)
            .fetch_one(&ctx.db.pool)
            .await?
    } else {
        rows.len() as i64
    };
    let total_capped = counted > COUNT_MAX;
    rows.truncate(PAGE_SIZE as usize);
    if backwards {
        rows.reverse();
    }
    let first = rows.first().map(|row| row.address.clone());
    let last = rows.last().map(|row| row.address.clone());
    let (previous, next) = match (backwards, filter.after.trim().is_empty()) {
        // Pages before this one exist when it was reached backwards with
        // more behind it, or forwards from a cursor.
        (true, _) => (first.filter(|_| more), last),
        (false, true) => (None, last.filter(|_| more)),
        (false, false) => (first, last.filter(|_| more)),
    };
    Ok(EmployeePage {
        rows: rows.into_iter().map(EmployeeRow::from).collect(),
        total: counted.min(COUNT_MAX),
        total_capped,
        previous,
        next,
    })
}

impl From<ListRow> for EmployeeRow {
    fn from(row: ListRow) -> Self {
        EmployeeRow {
            id: row.id,
            display_name: row.display_name,
            address: row.address,
            department: row.department,
            enabled: row.status.is_enabled(),
            reported: row.reported_at.is_some(),
            locked: row.locked.is_set(),
            must_change: row.must_change_password.is_set(),
            role: row.role,
            last_logon_at: row.last_logon_at,
        }
    }
}

fn cursor_given(filter: &EmployeeFilter) -> bool {
    !filter.after.trim().is_empty() || !filter.before.trim().is_empty()
}

/// The sort key of the domain's account with this address: where a page
/// link starts. Another domain's address, or none, is a stale link.
async fn cursor(ctx: &Ctx, caller: &Postmaster, address: &str) -> Result<Cursor> {
    let row: Option<(String, String, i64)> = sqlx::query_as(
        "SELECT display_name, address, COALESCE(last_logon_at, 0) FROM mail_accounts \
         WHERE domain_id = $1 AND address = $2",
    )
    .bind(&caller.domain_id)
    .bind(address)
    .fetch_optional(&ctx.db.pool)
    .await?;
    let (display_name, address, last_logon) = row.ok_or(UserError::Invalid(Invalid::StalePage))?;
    Ok(Cursor {
        display_name,
        address,
        last_logon,
    })
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
