#!/usr/bin/env bash
# Installs what building, serving and testing need, each piece only when it
# is missing, so a second run takes seconds. `--browser` adds Chromium,
# PostgreSQL, HAProxy and Dovecot, which only the tests need; `--mail`
# adds only Dovecot (for `make run-mail`).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

CARGO_LEPTOS_VERSION=0.3.8
with_browser=0
with_mail=0
[[ "${1:-}" == "--browser" ]] && with_browser=1 && with_mail=1
[[ "${1:-}" == "--mail" ]] && with_mail=1

log() { printf '==> %s\n' "$*"; }

# Tools are compiled once per machine; thin LTO and more codegen units make
# that ~30% faster and change nothing about what they do.
install_tool() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install "$@"
}

as_root() {
  if [[ "$(id -u)" == 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1
  fi
}

apt_install() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >/dev/null \
    || { as_root apt-get update >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >/dev/null; }
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -qF "$CARGO_LEPTOS_VERSION"; then
  log "installing cargo-leptos $CARGO_LEPTOS_VERSION (once per machine, ~20 min)"
  install_tool cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

# The wasm-bindgen CLI must be exactly the version of the crate in Cargo.lock,
# or cargo-leptos tries to download one.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [[ "$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }')" != "$bindgen_version" ]]; then
  log "installing wasm-bindgen-cli $bindgen_version"
  # Not --locked: its lock file names a dependency version the registry lacks.
  install_tool wasm-bindgen-cli --version "$bindgen_version" --force
fi

# Playwright, TypeScript and binaryen (whose wasm-opt the release build uses).
if [[ ! -x end2end/node_modules/.bin/wasm-opt || ! -d end2end/node_modules/@playwright/test \
      || end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]]; then
  log "installing the end-to-end npm packages"
  (cd end2end && npm ci --no-audit --no-fund)
fi

if (( with_browser )); then
  if ! command -v chromium >/dev/null; then
    log "installing Debian's Chromium"
    apt_install chromium
  fi
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    log "installing PostgreSQL"
    apt_install postgresql
  fi
  # The balancer in front of two instances in the multi-instance tests.
  if ! command -v haproxy >/dev/null; then
    log "installing Debian's HAProxy"
    apt_install haproxy
  fi
fi

if (( with_mail )); then
  # Debian's Dovecot 2.3 and its SQL drivers: the mail server that
  # authenticates against the app's accounts. Installing the package may
  # start the system's Dovecot; the app's tests and `make run-mail` run
  # their own, on their own ports.
  # OpenSSL makes the self-signed certificate Dovecot's TLS uses for a
  # local try and in the tests.
  if ! command -v openssl >/dev/null; then
    log "installing OpenSSL"
    apt_install openssl
  fi
  if ! command -v dovecot >/dev/null || ! dpkg -s dovecot-sqlite dovecot-pgsql >/dev/null 2>&1; then
    log "installing Debian's Dovecot (IMAP, SQLite and PostgreSQL drivers)"
    apt_install dovecot-imapd dovecot-sqlite dovecot-pgsql
  fi
  # The system user that owns the mailboxes (Dovecot never runs mail
  # processes as root).
  if ! id vmail >/dev/null 2>&1; then
    log "creating the vmail user that owns the mailboxes"
    as_root useradd --system --no-create-home --shell /usr/sbin/nologin vmail
  fi
fi
