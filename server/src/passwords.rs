//! Argon2id hashing with explicit OWASP parameters (m = 19 MiB, t = 2,
//! p = 1) in PHC strings. Hashing is CPU- and memory-bound, so it runs on
//! the blocking pool behind a semaphore the size of the core count: a flood
//! of logons queues (and past a bound is refused as busy) instead of
//! starving page rendering or exhausting memory.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::rngs::OsRng;
use tokio::sync::Semaphore;

use app::policy::MAX_LEN;

/// OWASP Password Storage Cheat Sheet, argon2id option 2.
pub const MEMORY_KIB: u32 = 19_456;
pub const ITERATIONS: u32 = 2;
pub const PARALLELISM: u32 = 1;

/// A stored hash; never serialised, never printed.
#[derive(Clone)]
pub struct PasswordHashString(String);

impl PasswordHashString {
    pub fn from_stored(phc: String) -> Self {
        PasswordHashString(phc)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for PasswordHashString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHashString(***)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("too many password hashes are queued")]
    Busy,
    #[error("password hashing failed: {0}")]
    Failed(String),
}

/// The outcome of a verification.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verified {
    No,
    Yes,
    /// Correct, but hashed with older parameters: store a new hash.
    YesRehash,
}

#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
    /// Hashes running or queued; past `limit` callers are refused.
    in_flight: Arc<AtomicUsize>,
    limit: usize,
    params: Params,
    /// Verified when the account does not exist, so both paths cost alike.
    dummy: Arc<String>,
}

fn argon2(params: Params) -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn production_params() -> Params {
    Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None).expect("OWASP parameters are valid")
}

/// Hash synchronously (tests, seeding, benches).
pub fn hash_blocking(params: &Params, password: &str) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2(params.clone())
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|err| HashError::Failed(err.to_string()))
}

/// Verify synchronously; reports whether the stored parameters are stale.
pub fn verify_blocking(params: &Params, phc: &str, password: &str) -> Verified {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return Verified::No;
    };
    // Anything over the policy maximum can never have been set: refuse it
    // without spending a hash on it.
    if password.chars().count() > MAX_LEN {
        return Verified::No;
    }
    if argon2(params.clone())
        .verify_password(password.as_bytes(), &parsed)
        .is_err()
    {
        return Verified::No;
    }
    let current = parsed.algorithm.as_str() == "argon2id"
        && Params::try_from(&parsed).is_ok_and(|stored| {
            stored.m_cost() == params.m_cost()
                && stored.t_cost() == params.t_cost()
                && stored.p_cost() == params.p_cost()
        });
    if current {
        Verified::Yes
    } else {
        Verified::YesRehash
    }
}

struct InFlight(Arc<AtomicUsize>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Hasher {
    /// `concurrency` hashes at once (the core count), at most `max_waiting`
    /// queued behind them before callers are told the server is busy.
    pub fn new(params: Params, concurrency: usize, max_waiting: usize) -> Self {
        let dummy = hash_blocking(&params, "dummy password for unknown accounts")
            .expect("hashing a constant works");
        Hasher {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
            in_flight: Arc::new(AtomicUsize::new(0)),
            limit: concurrency.max(1) + max_waiting,
            params,
            dummy: Arc::new(dummy),
        }
    }

    pub fn production() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Hasher::new(production_params(), cores, 64 * cores)
    }

    async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce(Params) -> T + Send + 'static,
    ) -> Result<T, HashError> {
        if self.in_flight.fetch_add(1, Ordering::SeqCst) >= self.limit {
            self.in_flight.fetch_sub(1, Ordering::SeqCst);
            return Err(HashError::Busy);
        }
        // Released on every path, including a cancelled request.
        let in_flight = InFlight(self.in_flight.clone());
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|err| HashError::Failed(err.to_string()))?;
        let params = self.params.clone();
        let result = tokio::task::spawn_blocking(move || {
            let _held = (permit, in_flight);
            job(params)
        })
        .await
        .map_err(|err| HashError::Failed(err.to_string()))?;
        Ok(result)
    }

    pub async fn hash(&self, password: &str) -> Result<PasswordHashString, HashError> {
        let password = password.to_owned();
        self.run(move |params| hash_blocking(&params, &password))
            .await?
            .map(PasswordHashString)
    }

    /// Verifies against `stored`, or against the dummy hash when there is
    /// no account, so the time taken does not tell the two apart.
    pub async fn verify(
        &self,
        stored: Option<&PasswordHashString>,
        password: &str,
    ) -> Result<Verified, HashError> {
        let (phc, real) = match stored {
            Some(hash) => (hash.0.clone(), true),
            None => ((*self.dummy).clone(), false),
        };
        let password = password.to_owned();
        let verified = self
            .run(move |params| verify_blocking(&params, &phc, &password))
            .await?;
        Ok(if real { verified } else { Verified::No })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cheap() -> Params {
        Params::new(1024, 1, 1, None).unwrap()
    }

    #[test]
    fn hashes_are_argon2id_phc_strings_with_the_given_parameters() {
        let phc = hash_blocking(&production_params(), "Harbor#Lights2026").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
    }

    #[test]
    fn the_right_password_verifies_and_a_wrong_one_does_not() {
        let phc = hash_blocking(&cheap(), "Employee#2026").unwrap();
        assert_eq!(
            verify_blocking(&cheap(), &phc, "Employee#2026"),
            Verified::Yes
        );
        assert_eq!(
            verify_blocking(&cheap(), &phc, "Employee#2027"),
            Verified::No
        );
    }

    #[test]
    fn a_hash_with_older_parameters_asks_to_be_upgraded() {
        let old = hash_blocking(&cheap(), "Employee#2026").unwrap();
        assert_eq!(
            verify_blocking(&production_params(), &old, "Employee#2026"),
            Verified::YesRehash
        );
    }

    #[test]
    fn a_password_over_the_policy_maximum_never_verifies() {
        let long = "A".repeat(65);
        let phc = hash_blocking(&cheap(), &long).unwrap();
        assert_eq!(verify_blocking(&cheap(), &phc, &long), Verified::No);
    }

    #[test]
    fn a_hash_never_prints() {
        let hash = PasswordHashString::from_stored("$argon2id$secret".into());
        assert!(!format!("{hash:?}").contains("argon2id"));
    }

    #[tokio::test]
    async fn an_unknown_account_never_verifies_even_with_the_dummy_password() {
        let hasher = Hasher::new(cheap(), 2, 8);
        let verified = hasher
            .verify(None, "dummy password for unknown accounts")
            .await
            .unwrap();
        assert_eq!(verified, Verified::No);
    }

    #[tokio::test]
    async fn past_the_queue_bound_callers_are_told_the_server_is_busy() {
        let hasher = Hasher::new(production_params(), 1, 0);
        // One hash holds the only permit...
        let busy = hasher.clone();
        let first = tokio::spawn(async move { busy.hash("Employee#2026").await });
        tokio::task::yield_now().await;
        // ...so with no queue allowed, the next caller is refused at once.
        let second = hasher.hash("Employee#2026").await;
        assert!(matches!(second, Err(HashError::Busy)), "{second:?}");
        assert!(first.await.unwrap().is_ok());
        // Once it is done, hashing works again.
        assert!(hasher.hash("Employee#2026").await.is_ok());
    }
}
