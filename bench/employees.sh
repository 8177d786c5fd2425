#!/usr/bin/env bash
# The postmaster at scale (numbers reported, never asserted): the release
# server in demo mode, ACCOUNTS accounts and AUDIT_ROWS audit events seeded
# into example.com (server/examples/seed_employees.rs, in seconds), the
# postmaster signed in with curl, then each server-rendered page timed REPS
# times after one warm-up: Employee Accounts in each order, its keyset
# pages, the search, every filter alone and combined, the Overview, the
# Audit Log and its filters; then the full CSV export of the audit log,
# once, with the server's resident memory before and after.
#
#   bench/employees.sh [sqlite|postgres|both]     (default: sqlite)
#
# postgres runs inside scripts/with-postgres.sh (a throwaway cluster) unless
# TEST_DATABASE_URL already points at one; a fresh database is created in it
# and dropped afterwards. Knobs (environment): ACCOUNTS (100000),
# AUDIT_ROWS (1000000), REPS (20), README (1: the table replaces this
# engine's section of bench/README.md; 0: printed only).
# Everything runs on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ENGINE=${1:-sqlite}
ACCOUNTS=${ACCOUNTS:-100000}
AUDIT_ROWS=${AUDIT_ROWS:-1000000}
REPS=${REPS:-20}
README=${README:-1}

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

# start_server: the release server on a free port, from $TMP (no site
# files are needed to render pages on the server); sets SERVER_PID, ORIGIN.
start_server() {
  (
    cd "$TMP"
    exec "$SERVER_BIN" --bind 127.0.0.1:0 --database-url "$DATABASE_URL" --demo \
      >"$TMP/server.out" 2>>"$TMP/server.log"
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
}

stop_server() {
  kill -TERM "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

say "starting the server ($ENGINE, fresh database, --demo) for its demo data"
start_server
stop_server
# Seeded with no server connected: on PostgreSQL the seeder's VACUUM then
# marks every page visible (as autovacuum keeps an established database),
# which a connection's open snapshot could prevent.
say "seeding $ACCOUNTS accounts and $AUDIT_ROWS audit events into example.com"
SEEDED=$(AUDIT_ROWS=$AUDIT_ROWS "$SEED_BIN" "$DATABASE_URL" "$ACCOUNTS")
say "$SEEDED"
if [ "$ENGINE" = postgres ]; then
  # Once more from outside: the visibility map is what lets PostgreSQL
  # count from an index alone.
  psql -q "$DATABASE_URL" -c "VACUUM ANALYZE" >/dev/null
fi
say "starting the server again"
start_server

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

rss_kb() { awk '/^VmRSS:/{print $2}' "/proc/$SERVER_PID/status"; }

say "timing $REPS runs each (after one warm-up)"
measure "Employee Accounts (name order)" GET /admin/accounts
# The second page, and a deep one: after an account in the middle of the
# name order (Liu Wei, seeded as liu.wei5), and back before it.
NEXT=$(curl -s -b "$JAR" "$ORIGIN/admin/accounts" | python3 -c \
  'import html, re, sys; print(html.unescape(re.search(r"href=\"([^\"]+)\" rel=\"next\"", sys.stdin.read()).group(1)))')
measure "next page" GET "$NEXT"
measure "deep page (after liu.wei5)" GET "/admin/accounts?after=liu.wei5%40example.com"
measure "deep page (before liu.wei5)" GET "/admin/accounts?before=liu.wei5%40example.com"
measure "sort=address" GET "/admin/accounts?sort=address"
measure "sort=last_logon" GET "/admin/accounts?sort=last_logon"
measure "sort=last_logon, deep" GET "/admin/accounts?sort=last_logon&after=liu.wei5%40example.com"
measure "search q=zhang" GET "/admin/accounts?q=zhang"
measure "search q=hui12345 (one match)" GET "/admin/accounts?q=hui12345"
measure "department=Sales" GET "/admin/accounts?department=$SALES"
for status in enabled disabled locked must_change; do
  measure "status=$status" GET "/admin/accounts?status=$status"
done
for recovery in none sms questions; do
  measure "recovery=$recovery" GET "/admin/accounts?recovery=$recovery"
done
measure "Sales, enabled, none, by last logon" GET \
  "/admin/accounts?department=$SALES&status=enabled&recovery=none&sort=last_logon"
measure "search zhang, locked" GET "/admin/accounts?q=zhang&status=locked"
measure "Overview (/admin)" GET /admin
measure "Audit Log" GET /admin/audit
measure "Audit Log, page 2" GET "/admin/audit?page=2"
measure "Audit Log, event=password_reset" GET "/admin/audit?event=password_reset"
measure "Audit Log, account=staff7@" GET "/admin/audit?account=staff7%40example.com"
FROM=$(date -u -d '10 days ago' +%F)
TO=$(date -u -d '9 days ago' +%F)
measure "Audit Log, two days" GET "/admin/audit?from=$FROM&to=$TO"
measure "Audit Log, two days, logon_failed" GET "/admin/audit?event=logon_failed&from=$FROM&to=$TO"

say "exporting the whole audit log once"
RSS_BEFORE=$(rss_kb)
PEAK=$RSS_BEFORE
curl -s -b "$JAR" -o "$TMP/export.csv" -w '%{http_code} %{time_total}\n' \
  "$ORIGIN/admin/audit/export.csv" >"$TMP/export.out" &
CURL_PID=$!
while kill -0 "$CURL_PID" 2>/dev/null; do
  now_kb=$(rss_kb)
  [ "$now_kb" -gt "$PEAK" ] && PEAK=$now_kb
  sleep 0.05
done
wait "$CURL_PID"
read -r EXPORT_CODE EXPORT_TIME <"$TMP/export.out"
EXPORT_LINES=$(($(wc -l <"$TMP/export.csv") - 1))
EXPORT_MB=$(awk -v b="$(wc -c <"$TMP/export.csv")" 'BEGIN { printf "%.1f", b / 1048576 }')

say "stopping the server"
stop_server

TABLE=$TMP/table.md
{
  echo "$ENGINE, $ACCOUNTS seeded accounts, $AUDIT_ROWS audit events, $REPS runs each," \
    "$(nproc) cores, load average before $(cut -d' ' -f1 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ) ($SEEDED)"
  echo
  printf '| %-40s | %-14s | %9s | %9s | %9s |\n' request size "median ms" "p95 ms" "max ms"
  printf '|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..42})" "$(printf -- '-%.0s' {1..16})" \
    "$(printf -- '-%.0s' {1..11})" "$(printf -- '-%.0s' {1..11})" "$(printf -- '-%.0s' {1..11})"
  for row in "${ROWS[@]}"; do
    IFS='|' read -r label shape median p95 max <<<"$row"
    printf '| %-40s | %-14s | %9s | %9s | %9s |\n' "$label" "$shape" "$median" "$p95" "$max"
  done
  echo
  echo "Export CSV of all $AUDIT_ROWS+ events: HTTP $EXPORT_CODE, $EXPORT_LINES rows," \
    "$EXPORT_MB MB in ${EXPORT_TIME} s; server RSS $((RSS_BEFORE / 1024)) MB before," \
    "peak $((PEAK / 1024)) MB (+$(((PEAK - RSS_BEFORE) / 1024)) MB)."
} >"$TABLE"
echo
cat "$TABLE"

if [ "$README" = 1 ]; then
  # The table replaces the section between this engine's markers.
  python3 - "$ROOT/bench/README.md" "$ENGINE" "$TABLE" <<'PY'
import sys
path, engine, table = sys.argv[1], sys.argv[2], open(sys.argv[3]).read()
start, end = f"<!-- employees.sh {engine} -->", f"<!-- /employees.sh {engine} -->"
text = open(path).read()
if start in text and end in text:
    before, rest = text.split(start, 1)
    text = before + start + "\n" + table + rest[rest.index(end):]
    open(path, "w").write(text)
    print(f"bench/README.md: the {engine} table was replaced")
else:
    print(f"bench/README.md has no {start} section: the table was not written")
PY
fi
