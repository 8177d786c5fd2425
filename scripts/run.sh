#!/usr/bin/env bash
# Builds the release server and WASM, then serves with the embedded SQLite
# database under data/ and demo mode on (demo data, /dev/* pages).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
scripts/build.sh
export APP_DEMO="${APP_DEMO:-1}"
export APP_BIND="${APP_BIND:-127.0.0.1:3000}"
export DATABASE_URL="${DATABASE_URL:-sqlite://data/recovery.db}"
exec target/release/server
