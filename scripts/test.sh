#!/usr/bin/env bash
# Every test, in the order that fails fastest: format, lints (server and
# browser builds), Rust tests on SQLite then PostgreSQL (with a real
# Dovecot), the release build, `make run` and `make run-mail`, the browser
# suite against it, several instances of it behind HAProxy
# (with faults), and the size of what the browser downloads.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

scripts/setup.sh --browser
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# A test run compiles each change once; incremental caches only cost disk.
export CARGO_INCREMENTAL=0

step() { printf '\n==> %s (%ss)\n' "$*" "$((SECONDS - started))"; }

# A cold build leaves about 18 GB in target/; running out of space shows up
# late, as a linker error, so say it first.
free_gb=$(($(df -Pk . | awk 'NR == 2 { print $4 }') / 1024 / 1024))
if [ "$free_gb" -lt 20 ]; then
  printf 'warning: %s GB free on the disk of %s; a first build needs about 20 GB (cargo clean empties target/)\n' \
    "$free_gb" "$PWD" >&2
fi

step "cargo fmt --check"
cargo fmt --all --check

step "clippy: server build (ssr)"
cargo clippy --locked -p proto -p services -p app -p server --all-targets -- -D warnings
# The multi-instance tests are not a default test target (they need the
# release build): linted by name.
cargo clippy --locked -p server --test cluster -- -D warnings

step "clippy: browser build (hydrate, wasm32)"
cargo clippy --locked -p proto -p app -p frontend --target wasm32-unknown-unknown -- -D warnings

step "Rust tests on SQLite"
TEST_DATABASE_URL=sqlite cargo test --locked -p proto -p services -p app -p server

step "Rust API tests on PostgreSQL"
scripts/with-postgres.sh cargo test --locked -p server --test api

step "release build (server + WASM)"
scripts/build.sh

step "the README's run command: make run, probed and stopped"
scripts/run-smoke.sh

step "the README's mail server: make run-mail, logged on to over IMAP and stopped"
scripts/run-mail-smoke.sh

step "browser tests (Playwright, Chromium)"
(cd end2end && npx playwright test)

step "several instances behind HAProxy, and faults (release server, PostgreSQL)"
scripts/with-postgres.sh cargo test --locked -p server --test cluster -- --test-threads=1 --nocapture

step "size of what the browser downloads"
scripts/size-report.sh

step "all tests passed"
