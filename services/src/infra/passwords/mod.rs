//! Argon2id hashing with explicit OWASP parameters (m = 19 MiB, t = 2,
//! p = 1) in PHC strings. Hashing is CPU- and memory-bound, so it runs on
//! the blocking pool behind a semaphore the size of the core count: a flood
//! of logons queues (and past a bound is refused as busy) instead of
//! starving page rendering or exhausting memory. Each hashing slot owns one
//! 19 MiB block buffer, reused for every hash: allocating and freeing it per
//! hash left glibc holding hundreds of megabytes of freed blocks under load.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use argon2::password_hash::{Output, ParamsString, PasswordHash, Salt, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use rand::rngs::OsRng;
use tokio::sync::Semaphore;

use proto::secret::MAX_HASHED_CHARS;

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
    /// Hashes run at once.
    concurrency: usize,
    params: Params,
    /// One block buffer a hashing slot, taken while a hash runs.
    memory: Arc<std::sync::Mutex<Vec<Vec<Block>>>>,
    /// Verified when the account does not exist, so both paths cost alike.
    dummy: Arc<String>,
}

fn argon2(params: Params) -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn production_params() -> Params {
    Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None).expect("OWASP parameters are valid")
}

/// A block buffer big enough for `params`.
pub fn memory_for(params: &Params) -> Vec<Block> {
    vec![Block::default(); params.block_count()]
}

fn failed(err: impl std::fmt::Display) -> HashError {
    HashError::Failed(err.to_string())
}

/// Hash synchronously (tests, seeding, benches), with a fresh buffer.
pub fn hash_blocking(params: &Params, password: &str) -> Result<String, HashError> {
    hash_with_memory(params, password, &mut memory_for(params))
}

/// Verify synchronously, with a fresh buffer.
pub fn verify_blocking(params: &Params, phc: &str, password: &str) -> Verified {
    verify_with_memory(params, phc, password, &mut memory_for(params))
}

/// Hashes into the caller's buffer and returns the PHC string.
pub fn hash_with_memory(
    params: &Params,
    password: &str,
    memory: &mut Vec<Block>,
) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_bytes = [0u8; Salt::MAX_LENGTH];
    let salt_bytes = salt.as_salt().decode_b64(&mut salt_bytes).map_err(failed)?;
    let mut out = vec![0u8; params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN)];
    let blocks = params.block_count();
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    argon2(params.clone())
        .hash_password_into_with_memory(
            password.as_bytes(),
            salt_bytes,
            &mut out,
            &mut memory[..blocks],
        )
        .map_err(failed)?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(params).map_err(failed)?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(failed)?),
    };
    Ok(phc.to_string())
}

/// Verifies with the parameters stored in `phc`, in the caller's buffer;
/// reports whether those parameters are older than `params`.
pub fn verify_with_memory(
    params: &Params,
    phc: &str,
    password: &str,
    memory: &mut Vec<Block>,
) -> Verified {
    // Anything over the hashing limit can never have been set: refuse it
    // without spending a hash on it.
    if password.chars().count() > MAX_HASHED_CHARS {
        return Verified::No;
    }
    let Ok(parsed) = PasswordHash::new(phc) else {
        return Verified::No;
    };
    let (Ok(algorithm), Ok(stored), Some(salt), Some(expected)) = (
        Algorithm::try_from(parsed.algorithm),
        Params::try_from(&parsed),
        parsed.salt,
        parsed.hash,
    ) else {
        return Verified::No;
    };
    let version = match parsed.version.map(Version::try_from) {
        None => Version::V0x13,
        Some(Ok(version)) => version,
        Some(Err(_)) => return Verified::No,
    };
    let mut salt_bytes = [0u8; Salt::MAX_LENGTH];
    let Ok(salt_bytes) = salt.decode_b64(&mut salt_bytes) else {
        return Verified::No;
    };
    let blocks = stored.block_count();
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    let mut out = vec![0u8; expected.len()];
    let matches = Argon2::new(algorithm, version, stored.clone())
        .hash_password_into_with_memory(password.as_bytes(), salt_bytes, &mut out, &mut memory[..blocks])
        .is_ok()
        // Output's equality is constant-time.
        && Output::new(&out).is_ok_and(|output| output == expected);
    if !matches {
        return Verified::No;
    }
    let current = algorithm == Algorithm::Argon2id
        && stored.m_cost() == params.m_cost()
        && stored.t_cost() == params.t_cost()
        && stored.p_cost() == params.p_cost();
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
            concurrency: concurrency.max(1),
            memory: Arc::new(std::sync::Mutex::new(
                (0..concurrency.max(1))
                    .map(|_| memory_for(&params))
                    .collect(),
            )),
            params,
            dummy: Arc::new(dummy),
        }
    }

    /// True when a new hash would be refused as busy right now: logon
    /// checks this before any database work, so an overloaded server
    /// refuses cheaply. (A hint, not a reservation: `run` decides.)
    pub fn is_saturated(&self) -> bool {
        self.in_flight.load(Ordering::SeqCst) >= self.limit
    }

    /// Hashes running now and hashes waiting for a slot (for metrics).
    pub fn load(&self) -> (usize, usize) {
        let running = self.concurrency - self.permits.available_permits().min(self.concurrency);
        let in_flight = self.in_flight.load(Ordering::SeqCst);
        (running, in_flight.saturating_sub(running))
    }

    pub fn production() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Hasher::new(production_params(), cores, 64 * cores)
    }

    async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce(&Params, &mut Vec<Block>) -> T + Send + 'static,
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
        let pool = self.memory.clone();
        let result = tokio::task::spawn_blocking(move || {
            let _held = (permit, in_flight);
            // Holding a permit guarantees a free buffer; a poisoned lock or
            // a missing buffer only costs a fresh allocation.
            let taken = pool.lock().ok().and_then(|mut buffers| buffers.pop());
            let mut memory = taken.unwrap_or_else(|| memory_for(&params));
            let result = job(&params, &mut memory);
            if let Ok(mut buffers) = pool.lock() {
                buffers.push(memory);
            }
            result
        })
        .await
        .map_err(|err| HashError::Failed(err.to_string()))?;
        Ok(result)
    }

    pub async fn hash(&self, password: &str) -> Result<PasswordHashString, HashError> {
        // What could never be verified is never stored.
        if password.chars().count() > MAX_HASHED_CHARS {
            return Err(HashError::Failed(format!(
                "refusing to hash a secret over {MAX_HASHED_CHARS} characters"
            )));
        }
        let password = password.to_owned();
        self.run(move |params, memory| hash_with_memory(params, &password, memory))
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
            .run(move |params, memory| verify_with_memory(params, &phc, &password, memory))
            .await?;
        Ok(if real { verified } else { Verified::No })
    }
}

#[cfg(test)]
mod tests;
