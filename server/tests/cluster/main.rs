//! The multi-instance tests: release `server` processes sharing one
//! PostgreSQL database (and, for one test, one SQLite file), HAProxy in
//! front, a counting SMS gateway, and the faults a deployment meets.
//! They run after the release build, inside scripts/with-postgres.sh, one
//! at a time (`--test-threads=1`: one of them stops the database):
//!
//! ```sh
//! scripts/build.sh
//! scripts/with-postgres.sh cargo test -p server --test cluster -- --test-threads=1
//! ```

mod across;
mod browser;
mod faults;
mod gateway;
mod gateway_faults;
mod harness;
mod people;
