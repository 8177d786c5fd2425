//! Employee accounts one at a time: Create Account, the Edit Account view,
//! and enabling or disabling an account. Disabling an account ends every
//! session it has, in the same transaction as the change of status.

use app::admin::{AccountDetail, NewAccount};

use crate::phone::mask_phone;
use app::error::{Invalid, NameField, UserError};
use app::secret::Secret;
use sqlx::Row;

use super::caller::{role_of, Postmaster};
use super::{db_error, internal, names, DomainAdminImpl};
use crate::audit::{self, Event};
use crate::policy_gate;
use crate::sessions::{self, Kind};

fn address_taken() -> UserError {
    UserError::Invalid(Invalid::AddressTaken)
}

pub async fn create(
    service: &DomainAdminImpl,
    caller: &Postmaster,
    account: NewAccount,
    password: &Secret,
    confirmation: &Secret,
) -> Result<String, UserError> {
    let identity = &service.identity;
    let display_name = names::name(&account.display_name, NameField::DisplayName)?;
    let local = names::local_part(&account.local_part)?;
    let address = format!("{local}@{}", caller.domain);
    let department = caller
        .optional_department(service, &account.department_id)
        .await?;
    // Addresses are unique across the whole service, not just the domain.
    let exists = sqlx::query("SELECT id FROM mail_accounts WHERE address = $1")
        .bind(&address)
        .fetch_optional(&identity.db.pool)
        .await
        .map_err(db_error)?
        .is_some();
    if exists {
        return Err(address_taken());
    }
    let password = policy_gate::check_new_password(
        &identity.db,
        &address,
        Some(&caller.domain_id),
        password,
        confirmation,
    )
    .await?;
    let hash = identity.hasher.hash(password.expose()).await?;
    let now = identity.now();
    let id = uuid::Uuid::new_v4().to_string();

    let mut tx = identity.db.pool.begin().await.map_err(db_error)?;
    sqlx::query(
        "INSERT INTO mail_accounts (id, domain_id, address, display_name, department_id, role, \
         status, password_hash, password_changed_at, must_change_password, created_at) \
         VALUES ($1, $2, $3, $4, $5, 'employee', 'enabled', $6, $7, $8, $7)",
    )
    .bind(&id)
    .bind(&caller.domain_id)
    .bind(&address)
    .bind(&display_name)
    .bind(department)
    .bind(hash.as_str())
    .bind(now)
    .bind(i64::from(account.must_change_password))
    .execute(&mut *tx)
    .await
    .map_err(|err| {
        // Two postmasters racing for one address meet the UNIQUE constraint.
        if err
            .as_database_error()
            .is_some_and(|db| db.is_unique_violation())
        {
            address_taken()
        } else {
            db_error(err)
        }
    })?;
    audit::record(
        &mut *tx,
        Event {
            at: now,
            domain_id: Some(&caller.domain_id),
            actor: &caller.address,
            action: "account_created",
            target: Some(&address),
            client_addr: Some(&caller.client),
            detail: account
                .must_change_password
                .then_some("must change password at next logon"),
        },
    )
    .await
    .map_err(internal)?;
    tx.commit().await.map_err(db_error)?;
    Ok(id)
}

pub async fn detail(
    service: &DomainAdminImpl,
    caller: &Postmaster,
    id: &str,
) -> Result<AccountDetail, UserError> {
    let row = sqlx::query(
        "SELECT a.id, a.display_name, a.address, a.department_id, d.name, a.status, a.role, \
                a.last_logon_at, a.password_changed_at, a.must_change_password, a.phone, \
                (SELECT COUNT(*) FROM security_questions q WHERE q.account_id = a.id) \
         FROM mail_accounts a LEFT JOIN departments d ON d.id = a.department_id \
         WHERE a.id = $1 AND a.domain_id = $2",
    )
    .bind(id)
    .bind(&caller.domain_id)
    .fetch_optional(&service.identity.db.pool)
    .await
    .map_err(db_error)?
    .ok_or(UserError::NotAllowed)?;
    let id: String = row.get(0);
    Ok(AccountDetail {
        is_self: id == caller.id,
        id,
        display_name: row.get(1),
        address: row.get(2),
        department_id: row.get(3),
        department: row.get(4),
        enabled: row.get::<String, _>(5) == "enabled",
        role: role_of(&row.get::<String, _>(6)),
        last_logon_at: row.get(7),
        password_changed_at: row.get(8),
        must_change_password: row.get::<i64, _>(9) != 0,
        phone: row.get::<Option<String>, _>(10).map(|p| mask_phone(&p)),
        has_security_questions: row.get::<i64, _>(11) > 0,
    })
}

pub async fn set_enabled(
    service: &DomainAdminImpl,
    caller: &Postmaster,
    id: &str,
    enabled: bool,
) -> Result<(), UserError> {
    let target = caller.account(service, id).await?;
    if target.id == caller.id && !enabled {
        // Nobody would be left to enable it again but the owner.
        return Err(UserError::Invalid(Invalid::DisableOwnAccount));
    }
    if target.enabled == enabled {
        return Ok(());
    }
    let identity = &service.identity;
    let now = identity.now();
    let (status, action) = if enabled {
        ("enabled", "account_enabled")
    } else {
        ("disabled", "account_disabled")
    };
    let mut tx = identity.db.pool.begin().await.map_err(db_error)?;
    sqlx::query("UPDATE mail_accounts SET status = $1 WHERE id = $2 AND domain_id = $3")
        .bind(status)
        .bind(&target.id)
        .bind(&caller.domain_id)
        .execute(&mut *tx)
        .await
        .map_err(db_error)?;
    if !enabled {
        sessions::revoke_all(&mut *tx, Kind::Mail, &target.id, None, now)
            .await
            .map_err(internal)?;
    }
    audit::record(
        &mut *tx,
        Event {
            at: now,
            domain_id: Some(&caller.domain_id),
            actor: &caller.address,
            action,
            target: Some(&target.address),
            client_addr: Some(&caller.client),
            detail: None,
        },
    )
    .await
    .map_err(internal)?;
    tx.commit().await.map_err(db_error)
}
