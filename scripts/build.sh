#!/usr/bin/env bash
# The release build of the server and the WASM, as `make run` and
# `make test` use it: brotli and gzip copies of every built file beside it
# (served when the browser accepts them), hashed file names (cached for a
# year, immutable; target/release/hash.txt tells the server the names), and
# the WASM split so that a lazy island (`#[island(lazy)]`: the Password
# Policy page's editor) is a chunk of its own. Splitting differs between
# builds: ship target/site/pkg/ whole, with the server built beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo leptos build --release --precompress --split "$@"
