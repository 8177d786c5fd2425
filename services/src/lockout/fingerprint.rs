//! A password's 12-bit keyed fingerprint, computed exactly as Dovecot
//! computes `%{hashed_password}` for its auth policy
//! (`H(nonce || user || 0x00 || password)`, SHA-256, truncated to
//! `auth_policy_hash_truncate = 12` bits), so the web and the mail server
//! speak of the same password the same way.
//!
//! Why 12 bits are safe to keep (docs/product.md, "Password
//! fingerprints"): one password in 4,096 shares any fingerprint, so a
//! fingerprint never confirms a guess; and it is keyed by a secret that is
//! not in the database when `--mail-auth-key` is set, so a copy of the
//! database alone says nothing about any password.

use anyhow::Context;
use rand::RngCore;
use sha2::{Digest, Sha256};

use proto::secret::Secret;

use crate::infra::db::Db;
use crate::infra::sessions::hex;

/// How many bits of the hash are kept (Dovecot's `auth_policy_hash_truncate`).
pub const BITS: u32 = 12;

/// The secret that keys every fingerprint (Dovecot's
/// `auth_policy_hash_nonce`). Never printed.
#[derive(Clone)]
pub struct FingerprintKey(String);

impl std::fmt::Debug for FingerprintKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FingerprintKey(***)")
    }
}

impl FingerprintKey {
    /// Derived from the mail auth-policy key, which the app and the
    /// generated Dovecot configuration share.
    pub fn from_mail_auth_key(key: &Secret) -> Self {
        FingerprintKey(hex(&Sha256::digest(format!(
            "dovecot-policy-nonce:{}",
            key.expose()
        ))))
    }

    /// The key this deployment uses: derived from `--mail-auth-key` when
    /// it is set, else a random key the installation keeps in its database
    /// (made once, shared by every instance).
    pub async fn resolve(db: &Db, mail_auth_key: Option<&Secret>) -> anyhow::Result<Self> {
        if let Some(key) = mail_auth_key {
            return Ok(Self::from_mail_auth_key(key));
        }
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        sqlx::query(
            "INSERT INTO installation_secrets (name, value) VALUES ('fingerprint_key', $1) \
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(hex(&bytes))
        .execute(&db.pool)
        .await
        .context("make the fingerprint key")?;
        let value: String = sqlx::query_scalar(
            "SELECT value FROM installation_secrets WHERE name = 'fingerprint_key'",
        )
        .fetch_one(&db.pool)
        .await
        .context("read the fingerprint key")?;
        Ok(FingerprintKey(value))
    }

    /// The nonce as Dovecot's configuration carries it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The fingerprint of `password` presented for `user` (the login as
    /// the mail server knows it: the lowercased address, or a console
    /// owner's login name).
    pub fn of(&self, user: &str, password: &str) -> Fingerprint {
        let digest = Sha256::new()
            .chain_update(self.0.as_bytes())
            .chain_update(user.as_bytes())
            .chain_update([0u8])
            .chain_update(password.as_bytes())
            .finalize();
        Fingerprint(i64::from(
            u16::from_be_bytes([digest[0], digest[1]]) >> (16 - BITS),
        ))
    }
}

/// A 12-bit fingerprint (0..4096), stored as a BIGINT.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint(pub i64);

impl Fingerprint {
    /// Dovecot's wire form: the truncated bytes in hex (`"0abc"`).
    pub fn from_dovecot(hex: &str) -> Option<Self> {
        let value = u16::from_str_radix(hex.trim(), 16).ok()?;
        (u32::from(value) < (1 << BITS)).then_some(Fingerprint(i64::from(value)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_bits_in_dovecot_form() {
        let key = FingerprintKey("nonce".into());
        let fp = key.of("a@b.cn", "Employee#2026");
        assert!((0..4096).contains(&fp.0));
        assert_eq!(
            Fingerprint::from_dovecot(&format!("{:04x}", fp.0)),
            Some(fp)
        );
        assert_ne!(fp, key.of("a@b.cn", "Employee#2027"));
        assert_ne!(fp, key.of("c@b.cn", "Employee#2026"));
        assert_eq!(Fingerprint::from_dovecot("1000"), None);
        assert_eq!(Fingerprint::from_dovecot("zz"), None);
        assert_eq!(format!("{key:?}"), "FingerprintKey(***)");
    }
}
