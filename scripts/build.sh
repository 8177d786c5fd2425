#!/usr/bin/env bash
# The release build of the server and the WASM, as `make run` and
# `make test` use it: brotli and gzip copies of every built file beside it
# (served when the browser accepts them), and hashed file names (cached for
# a year, immutable; target/release/hash.txt tells the server the names).
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo leptos build --release --precompress --split "$@"
