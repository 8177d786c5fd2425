//! Recompiles `sqlx::migrate!` when a migration changes (the macro cannot
//! tell Cargo on a stable compiler).

fn main() {
    println!("cargo::rerun-if-changed=../migrations");
}
