//! The domain's Audit Log: its filters ("Action", "Account", "From",
//! "To"), its pages, and its CSV export, written batch by batch (keyset on
//! the time and id, so the memory it takes does not grow with the log).

use proto::admin::{AuditAction, AuditEntry, AuditFilter, AuditPage, PAGE_SIZE};
use proto::error::{Invalid, UserError};
use proto::language::Language;

use super::caller::Postmaster;
use crate::ctx::Ctx;
use crate::error::Result;

/// The longest "Account" accepted: an address.
const ACCOUNT_MAX: usize = 254;
const DAY_MS: i64 = 86_400_000;
/// Rows read per export batch.
const BATCH: i64 = 2_000;

/// The filters, checked: the SQL conditions after the domain's and their
/// binds (from `$2` on).
#[derive(Clone, Debug)]
pub struct Filters {
    conditions: Vec<String>,
    binds: Vec<Bind>,
    /// A condition keeps to the domain itself (the account's ids, read
    /// from the domain's actor and target indexes): the query then says no
    /// more about the domain, so that no engine reads the whole domain's
    /// index instead.
    scoped: bool,
}

#[derive(Clone, Debug)]
enum Bind {
    Text(String),
    Time(i64),
}

impl Filters {
    pub fn parse(filter: &AuditFilter) -> std::result::Result<Filters, Invalid> {
        let mut filters = Filters {
            conditions: Vec::new(),
            binds: Vec::new(),
            scoped: false,
        };
        let action = filter.action.trim();
        if !action.is_empty() {
            let action = AuditAction::from_key(action).ok_or(Invalid::UnknownAuditAction)?;
            filters.push("action = ${}", Bind::Text(action.key().to_owned()));
        }
        let account = filter.account.trim().to_lowercase();
        if account.chars().count() > ACCOUNT_MAX {
            return Err(Invalid::SearchTooLong { max: ACCOUNT_MAX });
        }
        if !account.is_empty() {
            // As ids from the actor and target indexes: an OR of the two
            // columns would make both engines read the whole domain.
            filters.push(
                "id IN (SELECT id FROM audit_events WHERE domain_id = $1 AND actor = ${n} \
                 UNION ALL SELECT id FROM audit_events WHERE domain_id = $1 AND target = ${n})",
                Bind::Text(account),
            );
            filters.scoped = true;
        }
        let day = |text: &str| {
            let text = text.trim();
            if text.is_empty() {
                Ok(None)
            } else {
                proto::time::day_start(text)
                    .map(Some)
                    .ok_or(Invalid::BadDate)
            }
        };
        let (from, to) = (day(&filter.from)?, day(&filter.to)?);
        if let (Some(from), Some(to)) = (from, to) {
            if from > to {
                return Err(Invalid::DateRange);
            }
        }
        if let Some(from) = from {
            filters.push("at >= ${}", Bind::Time(from));
        }
        if let Some(to) = to {
            // "To" includes its whole day.
            filters.push("at < ${}", Bind::Time(to + DAY_MS));
        }
        Ok(filters)
    }

    /// Adds a condition whose `${}` (or `${n}`, used twice) is the next bind.
    fn push(&mut self, condition: &str, bind: Bind) {
        self.binds.push(bind);
        let n = self.binds.len() + 1;
        self.conditions.push(
            condition
                .replace("${n}", &format!("${n}"))
                .replace("${}", &format!("${n}")),
        );
    }

    /// `domain_id = $1 AND …` (the domain is `$1` either way).
    fn sql(&self) -> String {
        let domain = (!self.scoped).then(|| "domain_id = $1".to_owned());
        domain
            .into_iter()
            .chain(self.conditions.iter().cloned())
            .collect::<Vec<_>>()
            .join(" AND ")
    }

    fn bind<'q, O>(
        &'q self,
        domain_id: &'q str,
        query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
        self.binds
            .iter()
            .fold(query.bind(domain_id), |query, bind| match bind {
                Bind::Text(text) => query.bind(text.as_str()),
                Bind::Time(at) => query.bind(*at),
            })
    }
}

/// Rows the Audit Log counts before it says "more than".
const COUNT_MAX: i64 = 100_000;

type Row = (
    i64,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);
const COLUMNS: &str = "at, id, actor, action, target, client_addr, detail";

/// A page of the filtered log, newest first.
pub async fn page(
    ctx: &Ctx,
    caller: &Postmaster,
    filter: &AuditFilter,
    page: u32,
) -> Result<AuditPage> {
    let filters = Filters::parse(filter).map_err(UserError::Invalid)?;
    let page = page.max(1);
    let size = i64::from(PAGE_SIZE);
    // Unfiltered, counted up to COUNT_MAX rows (or just past this page):
    // beyond that, "more than" is all a person needs, and counting a
    // million rows was most of the page's time. A filter is counted
    // exactly: the index it reads is its own (and a LIMIT there made
    // PostgreSQL leave the index for the table).
    let limit = if filters.conditions.is_empty() {
        COUNT_MAX.max(i64::from(page) * size) + 1
    } else {
        i64::MAX
    };
    let count_sql = if filters.conditions.is_empty() {
        format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM audit_events WHERE {} LIMIT {limit}) counted",
            filters.sql()
        )
    } else {
        format!("SELECT COUNT(*) FROM audit_events WHERE {}", filters.sql())
    };
    let (counted,): (i64,) = filters
        .bind(&caller.domain_id, sqlx::query_as(&count_sql))
        .fetch_one(&ctx.db.pool)
        .await?;
    let total_capped = counted == limit;
    let total = if total_capped { limit - 1 } else { counted };
    let n = filters.binds.len() + 2;
    let sql = format!(
        "SELECT {COLUMNS} FROM audit_events WHERE {} ORDER BY at DESC, id DESC \
         LIMIT ${n} OFFSET ${}",
        filters.sql(),
        n + 1
    );
    let rows: Vec<Row> = filters
        .bind(&caller.domain_id, sqlx::query_as(&sql))
        .bind(size)
        .bind(i64::from(page - 1) * size)
        .fetch_all(&ctx.db.pool)
        .await?;
    Ok(AuditPage {
        entries: rows.into_iter().map(entry).collect(),
        total,
        total_capped,
        page,
        page_size: PAGE_SIZE,
    })
}

fn entry((at, _, actor, action, target, client_addr, _): Row) -> AuditEntry {
    AuditEntry {
        at,
        actor,
        action,
        target,
        client_addr,
    }
}

/// The CSV export of the filtered log, newest first: call [`Export::next`]
/// until it answers `None`. The first chunk starts with a UTF-8 byte-order
/// mark (spreadsheet programs then read Chinese right) and the header row.
pub struct Export {
    domain_id: String,
    filters: Filters,
    language: Language,
    /// The last row written (time, id); `None` before the first batch.
    after: Option<(i64, String)>,
    done: bool,
}

impl Export {
    pub fn new(caller: &Postmaster, filter: &AuditFilter, language: Language) -> Result<Export> {
        Ok(Export {
            domain_id: caller.domain_id.clone(),
            filters: Filters::parse(filter).map_err(UserError::Invalid)?,
            language,
            after: None,
            done: false,
        })
    }

    /// The next chunk of the file, or `None` when it is complete.
    pub async fn next(&mut self, ctx: &Ctx) -> anyhow::Result<Option<Vec<u8>>> {
        if self.done {
            return Ok(None);
        }
        let n = self.filters.binds.len() + 2;
        let keyset = if self.after.is_some() {
            // `at <= …` first: a bound both engines take from the index,
            // so each batch starts where the last one ended (without it,
            // PostgreSQL read from the newest row every time).
            format!(
                " AND at <= ${n} AND (at < ${n} OR (at = ${n} AND id < ${}))",
                n + 1
            )
        } else {
            String::new()
        };
        let limit = if self.after.is_some() { n + 2 } else { n };
        let sql = format!(
            "SELECT {COLUMNS} FROM audit_events WHERE {}{keyset} ORDER BY at DESC, id DESC \
             LIMIT ${limit}",
            self.filters.sql()
        );
        let mut query = self.filters.bind(&self.domain_id, sqlx::query_as(&sql));
        if let Some((at, id)) = &self.after {
            query = query.bind(*at).bind(id.as_str());
        }
        let rows: Vec<Row> = query.bind(BATCH).fetch_all(&ctx.db.pool).await?;
        let mut out = Vec::new();
        if self.after.is_none() {
            out.extend_from_slice("\u{feff}".as_bytes());
        }
        // RFC 4180: CRLF between records, fields quoted when needed.
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        if self.after.is_none() {
            writer.write_record(proto::admin::audit_csv_header(self.language))?;
        }
        self.done = rows.len() < BATCH as usize;
        for row in &rows {
            let (at, _, actor, action, target, client, detail) = row;
            let label = AuditAction::label_of(action, self.language);
            writer.write_record([
                proto::time::rfc3339(*at),
                cell(actor),
                cell(&label),
                cell(target.as_deref().unwrap_or_default()),
                cell(client.as_deref().unwrap_or_default()),
                cell(detail.as_deref().unwrap_or_default()),
            ])?;
        }
        writer.flush()?;
        drop(writer);
        self.after = rows.last().map(|row| (row.0, row.1.clone()));
        if rows.is_empty() && out.is_empty() {
            return Ok(None);
        }
        Ok(Some(out))
    }
}

/// A cell a spreadsheet program will not run as a formula: one that starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return gets a `'` first.
pub fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_others_kept() {
        for formula in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(cell(formula), format!("'{formula}"));
        }
        for plain in ["zhang.san@example.com", "192.0.2.7", "", "a=b"] {
            assert_eq!(cell(plain), plain);
        }
    }

    #[test]
    fn filters_are_checked_and_numbered() {
        let filter = AuditFilter {
            action: "logon".into(),
            account: " Zhang.San@Example.com ".into(),
            from: "2026-12-01".into(),
            to: "2026-12-01".into(),
        };
        let parsed = Filters::parse(&filter).unwrap();
        assert_eq!(
            parsed.sql(),
            "action = $2 AND id IN (SELECT id FROM audit_events \
             WHERE domain_id = $1 AND actor = $3 UNION ALL SELECT id FROM audit_events \
             WHERE domain_id = $1 AND target = $3) AND at >= $4 AND at < $5"
        );
        let bad = |f: AuditFilter| Filters::parse(&f).unwrap_err();
        let with = |action: &str, from: &str, to: &str| AuditFilter {
            action: action.into(),
            from: from.into(),
            to: to.into(),
            ..AuditFilter::default()
        };
        assert_eq!(bad(with("drop table", "", "")), Invalid::UnknownAuditAction);
        assert_eq!(bad(with("", "2026-02-30", "")), Invalid::BadDate);
        assert_eq!(
            bad(with("", "2026-12-02", "2026-12-01")),
            Invalid::DateRange
        );
    }
}
