//! Unit tests of the hasher: PHC strings, verification, upgrades, the
//! reused buffer, the dummy hash and the bounded queue.

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
fn hashes_interoperate_with_the_argon2_crates_own_phc_functions() {
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};
    let ours = hash_blocking(&cheap(), "Employee#2026").unwrap();
    let parsed = PasswordHash::new(&ours).unwrap();
    assert!(argon2(cheap())
        .verify_password(b"Employee#2026", &parsed)
        .is_ok());
    let salt = SaltString::generate(&mut OsRng);
    let theirs = argon2(cheap())
        .hash_password(b"Employee#2026", &salt)
        .unwrap()
        .to_string();
    assert_eq!(
        verify_blocking(&cheap(), &theirs, "Employee#2026"),
        Verified::Yes
    );
    assert_eq!(
        verify_blocking(&cheap(), &theirs, "Employee#2025"),
        Verified::No
    );
}

#[test]
fn one_buffer_serves_hashes_with_different_parameters() {
    let mut memory = memory_for(&cheap());
    let strong = hash_with_memory(&production_params(), "Employee#2026", &mut memory).unwrap();
    let weak = hash_with_memory(&cheap(), "Employee#2026", &mut memory).unwrap();
    let params = production_params();
    assert_eq!(
        verify_with_memory(&params, &strong, "Employee#2026", &mut memory),
        Verified::Yes
    );
    assert_eq!(
        verify_with_memory(&params, &weak, "Employee#2026", &mut memory),
        Verified::YesRehash
    );
    assert_eq!(
        verify_with_memory(&params, "not a hash", "Employee#2026", &mut memory),
        Verified::No
    );
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
