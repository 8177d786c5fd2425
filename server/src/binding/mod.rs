//! Security settings' recovery methods (the precondition of Forgot
//! Password): binding a secure mobile phone, proven by an SMS code sent to
//! it, and security questions. Both need the current password; every
//! change is one transaction with its audit event and SMS notice. Codes
//! follow the same limits, and share the same SMS counters, as Forgot
//! Password's.

mod phone;
mod questions;

use std::sync::Arc;

use app::binding::ports::{Binding, QuestionAnswer};
use app::binding::{SecuritySetup, PRESET_QUESTIONS};
use app::error::UserError;
use app::secret::Secret;
use async_trait::async_trait;
use http::request::Parts;

use crate::phone::mask_phone;
pub use crate::phone::PhoneNumber;

use crate::db::Db;
use crate::identity::views::signed_in_account;
use crate::identity::{internal, IdentityServiceImpl};
use crate::recovery::CODE_TRIES;

pub struct BindingImpl {
    pub identity: Arc<IdentityServiceImpl>,
}

fn db_error(err: sqlx::Error) -> UserError {
    internal(err.into())
}

/// The account's verified secure phone (E.164), if any.
async fn bound_phone(db: &Db, account_id: &str) -> Result<Option<String>, UserError> {
    let phone: Option<Option<String>> = sqlx::query_scalar(
        "SELECT phone FROM mail_accounts WHERE id = $1 AND phone_verified_at IS NOT NULL",
    )
    .bind(account_id)
    .fetch_optional(&db.pool)
    .await
    .map_err(db_error)?;
    Ok(phone.flatten())
}

#[async_trait]
impl Binding for BindingImpl {
    async fn setup(&self, request: &Parts) -> Result<SecuritySetup, UserError> {
        let identity = &self.identity;
        let (account, _) = signed_in_account(identity, request, false).await?;
        let db = &identity.db;
        let phone = bound_phone(db, &account.id).await?;
        let pending: Option<String> = sqlx::query_scalar(
            "SELECT phone FROM phone_bindings \
             WHERE account_id = $1 AND expires_at > $2 AND attempts < $3",
        )
        .bind(&account.id)
        .bind(identity.now())
        .bind(CODE_TRIES)
        .fetch_optional(&db.pool)
        .await
        .map_err(db_error)?;
        let questions: Vec<String> = sqlx::query_scalar(
            "SELECT question FROM security_questions WHERE account_id = $1 ORDER BY position",
        )
        .bind(&account.id)
        .fetch_all(&db.pool)
        .await
        .map_err(db_error)?;
        Ok(SecuritySetup {
            phone: phone.as_deref().map(mask_phone),
            pending_phone: pending.as_deref().map(mask_phone),
            questions,
            preset_questions: PRESET_QUESTIONS.iter().map(|q| (*q).to_owned()).collect(),
        })
    }

    async fn send_phone_code(
        &self,
        request: &Parts,
        phone: &str,
        current_password: &Secret,
    ) -> Result<String, UserError> {
        phone::send_code(self, request, phone, current_password).await
    }

    async fn bind_phone(&self, request: &Parts, code: &Secret) -> Result<String, UserError> {
        phone::bind(self, request, code).await
    }

    async fn set_questions(
        &self,
        request: &Parts,
        current_password: &Secret,
        questions: Vec<QuestionAnswer>,
    ) -> Result<(), UserError> {
        questions::set(self, request, current_password, questions).await
    }
}
