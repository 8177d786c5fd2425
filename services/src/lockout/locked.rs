//! "Locked" as SQL, for the lists that show it (Employee Accounts and the
//! Overview): from the same counters the logon lockout writes.

use super::Counter;
use crate::infra::sessions::Kind;

/// SQL for Employee Accounts and the Overview: whether the mail account
/// aliased `a` is "Locked" at the parameter `now` (e.g. `$3`): strangers
/// are locked out of its login (the lock [`super::strangers_locked`] reads), or
/// its holder reported a change and the lockdown runs.
///
/// `per_row` reads two counters by key for each account (for a page's
/// rows); otherwise the few counters holding a lock now are read first
/// (index `counters_locked`), for a filter over a whole domain (of every
/// domain: the caller keeps to its own).
pub fn locked_sql(now: &str, per_row: bool) -> String {
    let keys = [
        Counter::Logon(Kind::Mail, "").key(),
        Counter::LogonStrangersDaily(Kind::Mail, "").key(),
    ];
    let strangers = if per_row {
        format!(
            "EXISTS (SELECT 1 FROM counters c WHERE c.key IN ('{}' || a.address, '{}' || a.address) \
             AND c.locked_until > {now})",
            keys[0], keys[1]
        )
    } else {
        let locked = keys
            .iter()
            .map(|prefix| {
                format!(
                    "SELECT SUBSTR(c.key, {}) FROM counters c WHERE c.locked_until > {now} \
                     AND SUBSTR(c.key, 1, {}) = '{prefix}'",
                    prefix.len() + 1,
                    prefix.len()
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        // By id, so an engine reads these few accounts by key rather than
        // testing every account of the domain against them (the caller
        // then checks the domain without offering its index).
        return format!(
            "a.id IN (SELECT m.id FROM mail_accounts m WHERE m.lockdown_until > {now} \
                      UNION SELECT m.id FROM mail_accounts m WHERE m.address IN ({locked}))"
        );
    };
    format!("(a.lockdown_until > {now} OR {strangers})")
}
