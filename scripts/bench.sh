#!/usr/bin/env bash
# Benchmarks anyone can run; numbers are printed, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "==> password policy check (criterion)"
cargo bench -p app --bench policy
