#!/usr/bin/env bash
# Employee Accounts at scale (numbers reported, never asserted): the release
# server in demo mode, 10,000 extra accounts seeded into example.com, the
# postmaster signed in with curl, then each request timed REPS times after
# one warm-up: the first page, a search, a department filter, and the
# server-rendered /admin/accounts page (skipped when it answers 404).
#
#   bench/employees.sh [sqlite|postgres|both]     (default: sqlite)
#
# postgres runs inside scripts/with-postgres.sh (a throwaway cluster) unless
# TEST_DATABASE_URL already points at one; a fresh database is created in it
# and dropped afterwards. Knobs (environment): ACCOUNTS (10000), REPS (20).
# Everything runs on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ENGINE=${1:-sqlite}
ACCOUNTS=${ACCOUNTS:-10000}
REPS=${REPS:-20}

say() { printf '==> %s\n' "$*"; }

case "$ENGINE" in
  both)
    "$0" sqlite
    exec "$0" postgres
    ;;
  postgres)
    if [[ "${TEST_DATABASE_URL:-}" != postgres* ]]; then
      exec scripts/with-postgres.sh "$0" postgres
    fi
    ;;
  sqlite) ;;
  *)
    echo "usage: $0 [sqlite|postgres|both]" >&2
    exit 2
    ;;
esac

say "building the release server and the seeder"
cargo build --release --quiet -p server --bin server --example seed_employees
SERVER_BIN=$ROOT/target/release/server
SEED_BIN=$ROOT/target/release/examples/seed_employees

TMP=$(mktemp -d "${TMPDIR:-/tmp}/employees-bench.XXXXXX")
SERVER_PID=""
PG_DB=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -n "$PG_DB" ]; then
    psql -q "$TEST_DATABASE_URL" -c "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1 || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

if [ "$ENGINE" = postgres ]; then
  PG_DB="bench_employees_$$"
  psql -q "$TEST_DATABASE_URL" -c "CREATE DATABASE $PG_DB" >/dev/null
  DATABASE_URL="${TEST_DATABASE_URL%/*}/$PG_DB"
else
  DATABASE_URL="sqlite://$TMP/bench.db"
fi

say "starting the server ($ENGINE, fresh database, --demo)"
# Started from $TMP: no site files are needed to render pages on the server.
(
  cd "$TMP"
  exec "$SERVER_BIN" --bind 127.0.0.1:0 --database-url "$DATABASE_URL" --demo \
    >"$TMP/server.out" 2>"$TMP/server.log"
) &
SERVER_PID=$!
ORIGIN=""
for _ in $(seq 1 600); do
  ORIGIN=$(sed -n 's/^Serving on //p' "$TMP/server.out" 2>/dev/null | head -n1)
  [ -n "$ORIGIN" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/server.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$ORIGIN" ] || { echo "the server did not start in 60 s" >&2; exit 1; }
say "server pid $SERVER_PID at $ORIGIN"

say "seeding $ACCOUNTS accounts into example.com"
"$SEED_BIN" "$DATABASE_URL" "$ACCOUNTS"

JAR=$TMP/cookies
status=$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR" -X POST "$ORIGIN/api/log_on" \
  -H "Origin: $ORIGIN" --data-urlencode 'email=postmaster@example.com' \
  --data-urlencode 'password=Harbor#Lights2026')
[ "$status" = 200 ] || { echo "the postmaster logon answered $status" >&2; exit 1; }

# The Sales department's id, from the department filter of Employee Accounts.
SALES=$(curl -s -b "$JAR" "$ORIGIN/admin/accounts" | python3 -c \
  'import re, sys; print(re.search(r"<option value=\"([^\"]+)\"[^>]*>Sales</option>", sys.stdin.read()).group(1))')

ROWS=()
# measure LABEL METHOD PATH [curl args...]: one warm-up, then REPS timed runs.
measure() {
  local label=$1 method=$2 path=$3
  shift 3
  local body=$TMP/body times=$TMP/times code time
  : >"$times"
  for i in $(seq 0 "$REPS"); do
    read -r code time < <(curl -s -o "$body" -w '%{http_code} %{time_total}\n' -b "$JAR" \
      -X "$method" "$ORIGIN$path" -H "Origin: $ORIGIN" "$@")
    if [ "$code" = 404 ] && [ "$method" = GET ]; then
      ROWS+=("$label|skipped: 404|-|-|-")
      return
    fi
    [ "$code" = 200 ] || { echo "$label answered $code: $(head -c 300 "$body")" >&2; exit 1; }
    [ "$i" -gt 0 ] && echo "$time" >>"$times"
  done
  local shape
  shape="$(wc -c <"$body") bytes"
  # Nearest-rank percentiles of the REPS samples, in milliseconds.
  local stats
  stats=$(sort -g "$times" | awk '{ t[NR] = $1 * 1000 } END {
    m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    p = int(NR * 0.95); if (p < NR * 0.95) p++
    printf "%.1f|%.1f|%.1f", m, t[p], t[NR] }')
  ROWS+=("$label|$shape|$stats")
}

say "timing $REPS runs each (after one warm-up)"
measure "GET /admin/accounts" GET /admin/accounts
measure "page 100 (deep)" GET "/admin/accounts?page=100"
measure "search q=zhang" GET "/admin/accounts?q=zhang"
measure "department=Sales" GET "/admin/accounts?department=$SALES"

say "stopping the server"
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""

echo
echo "Employee Accounts, $ENGINE, $ACCOUNTS seeded accounts, $REPS runs each," \
  "$(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
printf '| %-34s | %-14s | %9s | %9s | %9s |\n' request size "median ms" "p95 ms" "max ms"
printf '|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..36})" "$(printf -- '-%.0s' {1..16})" \
  "$(printf -- '-%.0s' {1..11})" "$(printf -- '-%.0s' {1..11})" "$(printf -- '-%.0s' {1..11})"
for row in "${ROWS[@]}"; do
  IFS='|' read -r label shape median p95 max <<<"$row"
  printf '| %-34s | %-14s | %9s | %9s | %9s |\n' "$label" "$shape" "$median" "$p95" "$max"
done
