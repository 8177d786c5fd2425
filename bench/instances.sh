#!/usr/bin/env bash
# One instance against two behind HAProxy, on this machine (numbers
# reported, never asserted):
#   (a) raw argon2id verifications/s, production parameters, every core
#   for 1 and for 2 instances behind HAProxy (docs/haproxy.cfg), each on a
#   fresh PostgreSQL database with ACCOUNTS employees seeded:
#   (b) logons/s through the balancer at saturation, and b/a
#   (c) p99 latency of GET /login through the balancer while (b) runs
# The instances share this machine's cores, so two cannot be faster than
# one: the goal is no loss (two instances' b >= 0.9 x a). Logons are many
# people: each request logs the next seeded account on, from its own
# client address (wrk plays an outer proxy, writing X-Forwarded-For;
# HAProxy appends its own entry, so the instances trust two hops).
#
# Runs inside scripts/with-postgres.sh (a throwaway cluster) unless
# TEST_DATABASE_URL already points at one. Knobs (environment):
# ARGON_SECONDS (5), LOAD_SECONDS (15), SAT_CONNS (4 x cores),
# ACCOUNTS (400), PAGE_CONNS (2), PAGE_DELAY_MS (50), KEEP_TMP.
# Everything runs on 127.0.0.1 only. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

if [[ "${TEST_DATABASE_URL:-}" != postgres* ]]; then
  exec scripts/with-postgres.sh "$0" "$@"
fi

CORES=$(nproc)
ARGON_SECONDS=${ARGON_SECONDS:-5}
LOAD_SECONDS=${LOAD_SECONDS:-15}
SAT_CONNS=${SAT_CONNS:-$((4 * CORES))}
ACCOUNTS=${ACCOUNTS:-400}
PAGE_CONNS=${PAGE_CONNS:-2}
PAGE_DELAY_MS=${PAGE_DELAY_MS:-50}
LUA=$ROOT/bench/wrk-report.lua
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

need_apt wrk wrk
need_apt curl curl
need_apt haproxy haproxy
need_apt psql postgresql-client

say "building the release server, the argon2 rate probe and the seeder"
cargo build --release --quiet -p server --bin server --example argon2_rate --example seed_employees
SERVER_BIN=$ROOT/target/release/server
RATE_BIN=$ROOT/target/release/examples/argon2_rate
SEED_BIN=$ROOT/target/release/examples/seed_employees

TMP=$(mktemp -d "${TMPDIR:-/tmp}/instances-bench.XXXXXX")
PIDS=()
DBS=()
stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  done
  PIDS=()
}
cleanup() {
  stop_all
  local db
  for db in "${DBS[@]}"; do
    psql -q "$TEST_DATABASE_URL" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  done
  if [ -n "${KEEP_TMP:-}" ]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
say "load average before the run: $LOAD_BEFORE (anything above 0 competes with the bench)"
say "(a) raw argon2id verifications on $CORES threads for ${ARGON_SECONDS}s"
measure_raw "raw"
RAW_RATE=$RAW_LAST

declare -A RATE P99 OTHER
run() { # N: instances behind HAProxy
  local n=$1 db url front servers i port
  db="bench_instances_${n}_$$"
  DBS+=("$db")
  psql -q "$TEST_DATABASE_URL" -c "CREATE DATABASE $db" >/dev/null
  url="${TEST_DATABASE_URL%/*}/$db"
  front=$(free_port)
  servers=""
  say "$n instance(s) on a fresh database, started together"
  for i in $(seq 1 "$n"); do
    port=$(free_port)
    servers+="    server instance$i 127.0.0.1:$port check"$'\n'
    (
      cd "$TMP"
      exec "$SERVER_BIN" --bind "127.0.0.1:$port" --database-url "$url" --demo \
        --trust-forwarded-for --trusted-hops 2 --public-origin "http://127.0.0.1:$front" \
        >"$TMP/instance$n-$i.out" 2>"$TMP/instance$n-$i.log"
    ) &
    PIDS+=($!)
  done
  for i in $(seq 1 "$n"); do
    port=$(sed -n "${i}p" <<<"$servers" | awk '{print $3}' | cut -d: -f2)
    for _ in $(seq 1 600); do
      [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")" = 200 ] && break
      sleep 0.1
    done
  done
  "$SEED_BIN" "$url" "$ACCOUNTS" "$TMP/accounts.txt" | sed 's/^/    /'
  python3 - "$ROOT/docs/haproxy.cfg" "$front" "$servers" >"$TMP/haproxy-$n.cfg" <<'PY'
import sys
config, front, servers = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3]
config = config.replace("bind @FRONT@", f"bind 127.0.0.1:{front}", 1)
print(config.replace("\n@SERVERS@\n", "\n" + servers, 1), end="")
PY
  haproxy -db -f "$TMP/haproxy-$n.cfg" >"$TMP/haproxy-$n.log" 2>&1 &
  PIDS+=($!)
  local origin="http://127.0.0.1:$front"
  for _ in $(seq 1 100); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$origin/readyz")" = 200 ] && break
    sleep 0.1
  done
  sleep 1 # every instance's health check has passed
  say "(b) logons through HAProxy: $SAT_CONNS connections for ${LOAD_SECONDS}s; (c) GET /login beside it"
  BENCH_MODE=logon BENCH_ORIGIN=$origin BENCH_ACCOUNTS=$TMP/accounts.txt \
    wrk -t2 -c"$SAT_CONNS" -d"${LOAD_SECONDS}s" --timeout 20s -s "$LUA" \
    "$origin/api/log_on" >"$TMP/logon-$n.txt" 2>&1 &
  local logon_wrk=$!
  sleep 1
  BENCH_MODE=page BENCH_DELAY_MS=$PAGE_DELAY_MS \
    wrk -t1 -c"$PAGE_CONNS" -d"$((LOAD_SECONDS - 2))s" --timeout 20s -s "$LUA" \
    "$origin/login" >"$TMP/page-$n.txt" 2>&1 &
  local page_wrk=$!
  wait "$logon_wrk" "$page_wrk"
  check_wrk "$TMP/logon-$n.txt"
  check_wrk "$TMP/page-$n.txt"
  local ok us p99
  ok=$(status_count "$TMP/logon-$n.txt" 200)
  us=$(bench_value "$TMP/logon-$n.txt" requests= duration_us)
  p99=$(bench_value "$TMP/page-$n.txt" latency_us p99)
  RATE[$n]=$(awk -v n="$ok" -v us="$us" 'BEGIN{printf "%.2f", n / (us / 1e6)}')
  P99[$n]=$(awk -v us="$p99" 'BEGIN{printf "%.1f", us / 1000}')
  OTHER[$n]=$(other_statuses "$TMP/logon-$n.txt" 200)
  local served
  served=$(grep -o ' app/instance[0-9]* ' "$TMP/haproxy-$n.log" | sort | uniq -c | awk '{print $2 "=" $1}' | tr '\n' ' ')
  echo "    ${RATE[$n]} logons/s; other statuses: ${OTHER[$n]:-none}; GET /login p99 ${P99[$n]} ms;" \
    "served: $served"
  stop_all
}
run 1
run 2

RATIO1=$(awk -v b="${RATE[1]}" -v a="$RAW_RATE" 'BEGIN{printf "%.2f", b / a}')
RATIO2=$(awk -v b="${RATE[2]}" -v a="$RAW_RATE" 'BEGIN{printf "%.2f", b / a}')
V2=$(verdict "$(awk -v r="$RATIO2" 'BEGIN{print (r >= 0.9)}')")
echo
echo "Instances benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $CORES cores (HAProxy, PostgreSQL and the" \
  "load generator on the same cores), load average before: $LOAD_BEFORE"
printf '| %-36s | %-12s | %-6s | %-16s | %-8s |\n' setup logons/s "b/a" "GET /login p99" target
printf '|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..38})" "$(printf -- '-%.0s' {1..14})" \
  "$(printf -- '-%.0s' {1..8})" "$(printf -- '-%.0s' {1..18})" "$(printf -- '-%.0s' {1..10})"
printf '| %-36s | %-12s | %-6s | %-16s | %-8s |\n' \
  "(a) raw argon2id, $CORES threads" "$RAW_RATE" "-" "-" "" \
  "1 instance behind HAProxy" "${RATE[1]}" "$RATIO1" "${P99[1]} ms" "" \
  "2 instances behind HAProxy" "${RATE[2]}" "$RATIO2" "${P99[2]} ms" ">= 0.9 $V2"
