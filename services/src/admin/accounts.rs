//! Employee accounts one at a time: Create Account, the Edit Account view,
//! and enabling or disabling an account. Disabling an account ends every
//! session it has, in the same transaction as the change of status.

use proto::admin::{AccountDetail, AuditAction, NewAccount};
use proto::auth::Role;
use proto::error::{Invalid, NameField, UserError};

use super::caller::Postmaster;
use super::names;
use crate::accounts::{AccountId, Status};
use crate::ctx::Ctx;
use crate::error::{is_unique_violation, Result};
use crate::infra::audit;
use crate::infra::db::Flag;
use crate::infra::sessions::{self, Kind};
use crate::lockout::history;
use crate::phone::mask_phone;
use crate::policy_gate;
use crate::policy_gate::Candidate;

fn address_taken() -> UserError {
    UserError::Invalid(Invalid::AddressTaken)
}

pub async fn create(
    ctx: &Ctx,
    caller: &Postmaster,
    account: NewAccount,
    candidate: Candidate<'_>,
) -> Result<String> {
    let display_name = names::name(&account.display_name, NameField::DisplayName)?;
    let local = names::local_part(&account.local_part)?;
    let address = format!("{local}@{}", caller.domain);
    let department = caller
        .optional_department(ctx, &account.department_id)
        .await?;
    // Addresses are unique across the whole service, not just the domain.
    let exists: Option<String> =
        sqlx::query_scalar("SELECT id FROM mail_accounts WHERE address = $1")
            .bind(&address)
            .fetch_optional(&ctx.db.pool)
            .await?;
    if exists.is_some() {
        return Err(address_taken().into());
    }
    let password =
        policy_gate::check_new_password(&ctx.db, &address, Some(&caller.domain_id), candidate)
            .await?;
    let hash = ctx.hasher.hash(password.expose()).await?;
    let now = ctx.now();
    let id = uuid::Uuid::new_v4().to_string();

    let mut tx = ctx.db.pool.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO mail_accounts (id, domain_id, address, display_name, department_id, role, \
         status, password_hash, password_changed_at, must_change_password, created_at, \
         search_text) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9, $11)",
    )
    .bind(&id)
    .bind(&caller.domain_id)
    .bind(&address)
    .bind(&display_name)
    .bind(department)
    .bind(Role::Employee.key())
    .bind(Status::Enabled.key())
    .bind(hash.as_str())
    .bind(now)
    .bind(i64::from(account.must_change_password))
    .bind(crate::accounts::search_text(&display_name, &address))
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => {}
        // Two postmasters racing for one address meet the UNIQUE constraint.
        Err(err) if is_unique_violation(&err) => return Err(address_taken().into()),
        Err(err) => return Err(err.into()),
    }
    let fingerprint = ctx.fingerprints.of(&address, password.expose());
    history::record_current(&mut *tx, Kind::Mail, &id, fingerprint, now).await?;
    caller
        .event(AuditAction::AccountCreated, &address)
        .maybe_detail(account.must_change_password.then_some(audit::MUST_CHANGE))
        .record(&mut *tx, now)
        .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    id: AccountId,
    display_name: String,
    address: String,
    department_id: Option<String>,
    department: Option<String>,
    #[sqlx(try_from = "String")]
    status: Status,
    #[sqlx(try_from = "String")]
    role: Role,
    last_logon_at: Option<i64>,
    password_changed_at: i64,
    #[sqlx(try_from = "i64")]
    must_change_password: Flag,
    phone: Option<String>,
    questions: i64,
    reported_at: Option<i64>,
}

pub async fn detail(ctx: &Ctx, caller: &Postmaster, id: &str) -> Result<AccountDetail> {
    let row: DetailRow = sqlx::query_as(
        "SELECT a.id, a.display_name, a.address, a.department_id, d.name AS department, \
                a.status, a.role, a.last_logon_at, a.password_changed_at, \
                a.must_change_password, a.phone, \
                (SELECT COUNT(*) FROM security_questions q WHERE q.account_id = a.id) AS questions, \
                a.reported_at \
         FROM mail_accounts a LEFT JOIN departments d ON d.id = a.department_id \
         WHERE a.id = $1 AND a.domain_id = $2",
    )
    .bind(id)
    .bind(&caller.domain_id)
    .fetch_optional(&ctx.db.pool)
    .await?
    .ok_or(UserError::NotAllowed)?;
    Ok(AccountDetail {
        is_self: row.id == caller.id,
        id: row.id.to_string(),
        display_name: row.display_name,
        address: row.address,
        department_id: row.department_id,
        department: row.department,
        enabled: row.status.is_enabled(),
        reported: row.reported_at.is_some(),
        role: row.role,
        last_logon_at: row.last_logon_at,
        password_changed_at: row.password_changed_at,
        must_change_password: row.must_change_password.is_set(),
        phone: row.phone.as_deref().map(mask_phone),
        has_security_questions: row.questions > 0,
    })
}

pub async fn set_enabled(ctx: &Ctx, caller: &Postmaster, id: &str, enabled: bool) -> Result<()> {
    let target = caller.account(ctx, id).await?;
    if target.id == caller.id && !enabled {
        // Nobody would be left to enable it again but the owner.
        return Err(UserError::Invalid(Invalid::DisableOwnAccount).into());
    }
    let now = ctx.now();
    let mut tx = ctx.db.pool.begin().await?;
    change_status(&mut tx, caller, &target.id, &target.address, enabled, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Enables or disables one account of the caller's domain, inside `tx`:
/// the one owner of what that takes. Disabling ends its sessions, forgets
/// its familiar devices and queues the mail server's kick; either way an
/// open recovery ends and the change is audited. An account already in
/// that state is left alone (and two postmasters racing change it once).
/// Returns whether it changed.
pub(super) async fn change_status(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    caller: &Postmaster,
    id: &AccountId,
    address: &str,
    enabled: bool,
    now: i64,
) -> Result<bool> {
    let (status, action) = if enabled {
        (Status::Enabled, AuditAction::AccountEnabled)
    } else {
        (Status::Disabled, AuditAction::AccountDisabled)
    };
    let changed = sqlx::query(
        "UPDATE mail_accounts SET status = $1 WHERE id = $2 AND domain_id = $3 AND status <> $1",
    )
    .bind(status.key())
    .bind(id)
    .bind(&caller.domain_id)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Ok(false);
    }
    // A recovery begun before a disable never resumes after an enable.
    crate::accounts::end_open_flows(&mut **tx, id, None, now).await?;
    if !enabled {
        sessions::revoke_all(&mut **tx, Kind::Mail, id, None, now).await?;
        crate::lockout::devices::forget_all(tx, Kind::Mail, id).await?;
        crate::infra::kick::enqueue(&mut **tx, address, now).await?;
    }
    caller.event(action, address).record(&mut **tx, now).await?;
    Ok(true)
}
