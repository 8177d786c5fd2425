#!/usr/bin/env bash
# Logon throughput benchmark (numbers reported, never asserted):
#   (a) raw argon2id verifications/s, production parameters, every core
#   (b) end-to-end logons/s through HTTP at saturation, and b/a
#   (c) p99 latency of GET /login while (b) runs
#   (d) under 10x overload: logons/s that still succeed (goodput, d/b),
#       responses by status, peak RSS of the server
#   (e) p99 latency of GET /login while (d) runs
# The logons of (b) and (d) are many people: ACCOUNTS (400) employees seeded
# into example.com, logged on in turn, each request from its own client
# address (X-Forwarded-For, the server trusting one hop).
# Everything runs on this machine against 127.0.0.1 only; every load run is
# bounded in time (wrk -d, sampler iteration caps) and stops by itself.
# Exits 0 when a target is missed: it is a report. See bench/README.md.
#
# Knobs (environment): ARGON_SECONDS (5), LOAD_SECONDS (15),
# SAT_CONNS (4 x cores), OVER_CONNS (400), OVER_SECONDS (15), ACCOUNTS (400),
# PAGE_CONNS (2), PAGE_DELAY_MS (50), WRK_TIMEOUT (20s),
# SERVER_RUST_LOG (unset: the server's own default filter), KEEP_TMP (set:
# keep the temp folder with the database, server log and wrk outputs).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

CORES=$(nproc)
ARGON_SECONDS=${ARGON_SECONDS:-5}
LOAD_SECONDS=${LOAD_SECONDS:-15}
SAT_CONNS=${SAT_CONNS:-$((4 * CORES))}
OVER_CONNS=${OVER_CONNS:-400}
OVER_SECONDS=${OVER_SECONDS:-15}
ACCOUNTS=${ACCOUNTS:-400}
PAGE_CONNS=${PAGE_CONNS:-2}
PAGE_DELAY_MS=${PAGE_DELAY_MS:-50}
WRK_TIMEOUT=${WRK_TIMEOUT:-20s}
LUA=$ROOT/bench/wrk-report.lua
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"


# --- 1. tools, only when missing -------------------------------------------
need_apt wrk wrk
need_apt curl curl

# --- 2. release build (cargo skips it when up to date) ----------------------
say "building the release server, the argon2 rate probe and the seeder"
cargo build --release --quiet -p server --bin server --example argon2_rate --example seed_employees
SERVER_BIN=$ROOT/target/release/server
RATE_BIN=$ROOT/target/release/examples/argon2_rate
SEED_BIN=$ROOT/target/release/examples/seed_employees

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
say "load average before the run: $LOAD_BEFORE (anything above 0 competes with the bench)"

# --- 3. (a) raw argon2id verifications per second ---------------------------
# Run twice, before the server starts and again after (b)/(c) with the server
# idle; the higher rate is (a). cpu_share below ~0.9 means something else on the
# machine took cores from it.
say "(a) raw argon2id verifications on $CORES threads for ${ARGON_SECONDS}s"
measure_raw "before"
RAW_1=$RAW_LAST
SHARE_1=$RAW_SHARE_LAST

# --- 4. the server: fresh SQLite database, demo data ------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/logon-bench.XXXXXX")
SERVER_PID=""
SAMPLER_PID=""
cleanup() {
  if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null || true; fi
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -n "${KEEP_TMP:-}" ]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT

say "starting the server (fresh database in $TMP, --demo)"
# Started from $TMP so that the server finds no site files: /login renders
# without them, and nothing else is needed here.
(
  cd "$TMP"
  if [ -n "${SERVER_RUST_LOG:-}" ]; then export RUST_LOG=$SERVER_RUST_LOG; fi
  exec "$SERVER_BIN" --bind 127.0.0.1:0 --database-url "sqlite://$TMP/bench.db" --demo \
    --trust-forwarded-for \
    >"$TMP/server.out" 2>"$TMP/server.log"
) &
SERVER_PID=$!
ORIGIN=""
for _ in $(seq 1 600); do # demo seeding hashes passwords; up to 60 s
  ORIGIN=$(sed -n 's/^Serving on //p' "$TMP/server.out" 2>/dev/null | head -n1)
  [ -n "$ORIGIN" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/server.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$ORIGIN" ] || { echo "the server did not start in 60 s" >&2; exit 1; }
for _ in $(seq 1 100); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$ORIGIN/readyz")" = 200 ] && break
  sleep 0.1
done
say "server pid $SERVER_PID at $ORIGIN"
say "seeding $ACCOUNTS employees (the people of (b) and (d))"
"$SEED_BIN" "sqlite://$TMP/bench.db" "$ACCOUNTS" "$TMP/accounts.txt" | sed 's/^/    /'
export BENCH_ACCOUNTS=$TMP/accounts.txt

logon_status() {
  curl -s -o /dev/null -w '%{http_code}' -X POST "$ORIGIN/api/log_on" \
    -H "Origin: $ORIGIN" -H 'Content-Type: application/x-www-form-urlencoded' \
    --data 'email=zhang.san%40example.com&password=Employee%232026'
}
FIRST=$(logon_status)
[ "$FIRST" = 200 ] || { echo "a single logon answered $FIRST, not 200" >&2; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
TICKS=$(getconf CLK_TCK)

# --- 5. (b) logons at saturation, (c) GET /login beside them ----------------
PAGE_SECONDS=$((LOAD_SECONDS > 4 ? LOAD_SECONDS - 2 : LOAD_SECONDS))
say "(b) logons: $SAT_CONNS connections for ${LOAD_SECONDS}s;" \
  "(c) GET /login: $PAGE_CONNS connections, ${PAGE_DELAY_MS} ms apart, ${PAGE_SECONDS}s"
CPU0=$(cpu_ticks)
BUSY0=$(busy_ticks)
BENCH_MODE=logon BENCH_ORIGIN=$ORIGIN \
  wrk -t2 -c"$SAT_CONNS" -d"${LOAD_SECONDS}s" --timeout "$WRK_TIMEOUT" -s "$LUA" \
  "$ORIGIN/api/log_on" >"$TMP/logon.txt" 2>&1 &
LOGON_WRK=$!
sleep 1
BENCH_MODE=page BENCH_DELAY_MS=$PAGE_DELAY_MS \
  wrk -t1 -c"$PAGE_CONNS" -d"${PAGE_SECONDS}s" --timeout "$WRK_TIMEOUT" -s "$LUA" \
  "$ORIGIN/login" >"$TMP/page.txt" 2>&1 &
PAGE_WRK=$!
wait "$PAGE_WRK" "$LOGON_WRK"
CPU1=$(cpu_ticks)
BUSY1=$(busy_ticks)
check_wrk "$TMP/logon.txt"
check_wrk "$TMP/page.txt"

LOGON_REQS=$(bench_value "$TMP/logon.txt" requests= requests)
LOGON_US=$(bench_value "$TMP/logon.txt" requests= duration_us)
LOGON_OK=$(status_count "$TMP/logon.txt" 200)
LOGON_RATE=$(awk -v n="$LOGON_OK" -v us="$LOGON_US" 'BEGIN{printf "%.2f", n / (us / 1e6)}')
SERVER_CORES=$(awk -v d="$((CPU1 - CPU0))" -v t="$TICKS" -v s="$LOAD_SECONDS" \
  'BEGIN{printf "%.2f", d / t / s}')
OTHER_CORES=$(awk -v d="$((BUSY1 - BUSY0 - (CPU1 - CPU0)))" -v t="$TICKS" -v s="$LOAD_SECONDS" \
  'BEGIN{printf "%.2f", d / t / s}')
LOGON_P50=$(bench_value "$TMP/logon.txt" latency_us p50)
LOGON_P99=$(bench_value "$TMP/logon.txt" latency_us p99)
LOGON_OTHER=$(other_statuses "$TMP/logon.txt" 200)
LOGON_ERRS=$(error_counts "$TMP/logon.txt")
PAGE_REQS=$(bench_value "$TMP/page.txt" requests= requests)
PAGE_OK=$(status_count "$TMP/page.txt" 200)
PAGE_P50=$(bench_value "$TMP/page.txt" latency_us p50)
PAGE_P99=$(bench_value "$TMP/page.txt" latency_us p99)
PAGE_MAX=$(bench_value "$TMP/page.txt" latency_us max)
PAGE_P99_MS=$(awk -v us="$PAGE_P99" 'BEGIN{printf "%.1f", us / 1000}')
echo "    logons: $LOGON_OK ok of $LOGON_REQS in $(awk -v us="$LOGON_US" 'BEGIN{printf "%.1f", us/1e6}') s" \
  "= $LOGON_RATE/s; latency p50 $((LOGON_P50 / 1000)) ms, p99 $((LOGON_P99 / 1000)) ms;" \
  "other statuses: ${LOGON_OTHER:-none}; $LOGON_ERRS"
echo "    CPU during (b): server $SERVER_CORES, everything else (wrk included) $OTHER_CORES" \
  "of $CORES cores"
echo "    GET /login: $PAGE_OK ok of $PAGE_REQS; p50 $((PAGE_P50 / 1000)).$(((PAGE_P50 % 1000) / 100)) ms," \
  "p99 $PAGE_P99_MS ms, max $((PAGE_MAX / 1000)) ms"

say "(a) again, server idle"
measure_raw "after (b)"
RAW_2=$RAW_LAST
SHARE_2=$RAW_SHARE_LAST
RAW_RATE=$(awk -v x="$RAW_1" -v y="$RAW_2" 'BEGIN{printf "%.2f", (x > y ? x : y)}')
RAW_SHARE=$(awk -v x="$RAW_1" -v y="$RAW_2" -v p="$SHARE_1" -v q="$SHARE_2" \
  'BEGIN{print (x > y ? p : q)}')
RATIO=$(awk -v b="$LOGON_RATE" -v a="$RAW_RATE" 'BEGIN{printf "%.2f", b / a}')
echo "    a = $RAW_RATE/s (the higher); b/a = $LOGON_RATE / $RAW_RATE = $RATIO"

# --- 6. (d) overload: goodput, answers by status, RSS; (e) GET /login ------
say "(d) overload: $OVER_CONNS connections for ${OVER_SECONDS}s, RSS sampled every 100 ms;" \
  "(e) GET /login beside it"
SAMPLES=$TMP/rss.txt
: >"$SAMPLES"
(
  # Bounded: at most (OVER_SECONDS + 10) s of samples, and stops with the server.
  for _ in $(seq 1 $(((OVER_SECONDS + 10) * 10))); do
    awk '/^VmRSS:/{print $2}' "/proc/$SERVER_PID/status" 2>/dev/null >>"$SAMPLES" || exit 0
    sleep 0.1
  done
) &
SAMPLER_PID=$!
LOG_LINES0=$(wc -l <"$TMP/server.log")
CPU0=$(cpu_ticks)
BENCH_MODE=logon BENCH_ORIGIN=$ORIGIN \
  wrk -t2 -c"$OVER_CONNS" -d"${OVER_SECONDS}s" --timeout "$WRK_TIMEOUT" -s "$LUA" \
  "$ORIGIN/api/log_on" >"$TMP/over.txt" 2>&1 &
OVER_WRK=$!
sleep 1
OVER_PAGE_SECONDS=$((OVER_SECONDS > 4 ? OVER_SECONDS - 2 : OVER_SECONDS))
BENCH_MODE=page BENCH_DELAY_MS=$PAGE_DELAY_MS \
  wrk -t1 -c"$PAGE_CONNS" -d"${OVER_PAGE_SECONDS}s" --timeout "$WRK_TIMEOUT" -s "$LUA" \
  "$ORIGIN/login" >"$TMP/over-page.txt" 2>&1 &
OVER_PAGE_WRK=$!
# One more logon in the middle of the overload, headers kept: is the
# refusal a 503 with Retry-After?
sleep $((OVER_SECONDS / 3 + 1))
: >"$TMP/probe.txt"
curl -s -o /dev/null -D "$TMP/probe.txt" --max-time 25 -X POST "$ORIGIN/api/log_on" \
  -H "Origin: $ORIGIN" -H 'Content-Type: application/x-www-form-urlencoded' \
  --data 'email=zhang.san%40example.com&password=Employee%232026' || true
wait "$OVER_WRK" || true
wait "$OVER_PAGE_WRK" || true
CPU1=$(cpu_ticks)
PROBE_STATUS=$(awk 'NR==1{print $2}' "$TMP/probe.txt")
PROBE_RETRY=$(tr -d '\r' <"$TMP/probe.txt" | awk -F': ' 'tolower($1)=="retry-after"{print $2}')
check_wrk "$TMP/over.txt"
check_wrk "$TMP/over-page.txt"
sleep 1 # requests cut off by wrk's end drain from the queue
kill "$SAMPLER_PID" 2>/dev/null || true
wait "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""
PEAK_KB=$(sort -n "$SAMPLES" | tail -n1)
HWM_KB=$(awk '/^VmHWM:/{print $2}' "/proc/$SERVER_PID/status")
PEAK_MB=$(awk -v kb="${PEAK_KB:-0}" 'BEGIN{printf "%.1f", kb / 1024}')
HWM_MB=$(awk -v kb="${HWM_KB:-0}" 'BEGIN{printf "%.1f", kb / 1024}')
OVER_REQS=$(bench_value "$TMP/over.txt" requests= requests)
OVER_US=$(bench_value "$TMP/over.txt" requests= duration_us)
OVER_OK=$(status_count "$TMP/over.txt" 200)
OVER_BUSY=$(status_count "$TMP/over.txt" 503)
OVER_OTHER=$(other_statuses "$TMP/over.txt")
OVER_ERRS=$(error_counts "$TMP/over.txt")
OVER_ERR_SUM=$(error_sum "$TMP/over.txt")
OVER_RATE=$(awk -v n="$OVER_OK" -v us="$OVER_US" 'BEGIN{printf "%.2f", n / (us / 1e6)}')
GOODPUT=$(awk -v d="$OVER_RATE" -v b="$LOGON_RATE" 'BEGIN{printf "%.2f", (b > 0 ? d / b : 0)}')
OVER_PAGE_OK=$(status_count "$TMP/over-page.txt" 200)
OVER_PAGE_REQS=$(bench_value "$TMP/over-page.txt" requests= requests)
OVER_PAGE_P99=$(bench_value "$TMP/over-page.txt" latency_us p99)
OVER_PAGE_P99_MS=$(awk -v us="$OVER_PAGE_P99" 'BEGIN{printf "%.1f", us / 1000}')
OVER_CPU=$(awk -v d="$((CPU1 - CPU0))" -v t="$TICKS" -v s="$OVER_SECONDS" \
  'BEGIN{printf "%.2f", d / t / s}')
LOG_LINES=$(($(wc -l <"$TMP/server.log") - LOG_LINES0))
AFTER=$(logon_status)
echo "    latency of all answers: p50 $(($(bench_value "$TMP/over.txt" latency_us p50) / 1000)) ms," \
  "p99 $(($(bench_value "$TMP/over.txt" latency_us p99) / 1000)) ms"
echo "    $OVER_REQS answers: $OVER_OK x 200 ($OVER_RATE logons/s, d/b = $GOODPUT), $OVER_BUSY x 503," \
  "other: ${OVER_OTHER:-none}; $OVER_ERRS"
echo "    (e) GET /login during (d): $OVER_PAGE_OK ok of $OVER_PAGE_REQS; p99 $OVER_PAGE_P99_MS ms"
echo "    a logon sent mid-overload: ${PROBE_STATUS:-no answer}, Retry-After: ${PROBE_RETRY:-none}"
echo "    server CPU during (d): $OVER_CPU of $CORES cores; server log lines during (d): $LOG_LINES"
echo "    peak RSS sampled $PEAK_MB MB ($(wc -l <"$SAMPLES") samples), VmHWM $HWM_MB MB;" \
  "a logon right after: $AFTER"
if [ "$LOG_LINES" -gt 0 ]; then
  echo "    server log during (d), by level:"
  tail -n "$LOG_LINES" "$TMP/server.log" | sed 's/\x1b\[[0-9;]*m//g' |
    awk '{print $2}' | sort | uniq -c | sed 's/^/      /'
fi

# --- 7. stop the server, summary --------------------------------------------
say "stopping the server (SIGTERM)"
kill -TERM "$SERVER_PID"
STOPPED=no
for _ in $(seq 1 100); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then STOPPED=yes; break; fi
  sleep 0.1
done
wait "$SERVER_PID" 2>/dev/null || true
echo "    stopped within 10 s: $STOPPED"
SERVER_PID=""

V_B=$(verdict "$(awk -v r="$RATIO" 'BEGIN{print (r >= 0.9)}')")
V_C=$(verdict "$(awk -v p="$PAGE_P99" 'BEGIN{print (p > 0 && p < 20000)}')")
V_D=$(verdict "$(awk -v m="$HWM_MB" 'BEGIN{print (m < 256)}')")
V_D2=$(verdict "$( [ -z "$OVER_OTHER" ] && [ "${OVER_ERR_SUM:-0}" -eq 0 ] && [ "$OVER_BUSY" -gt 0 ] &&
  echo 1 || echo 0)")
V_G=$(verdict "$(awk -v g="$GOODPUT" 'BEGIN{print (g >= 0.8)}')")
V_E=$(verdict "$(awk -v p="$OVER_PAGE_P99" 'BEGIN{print (p > 0 && p < 50000)}')")

echo
echo "Logon benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $CORES cores (load generator on the same" \
  "cores), load average before: $LOAD_BEFORE"
printf '| %-44s | %-22s | %-10s | %-4s |\n' measure value target ""
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..46})" "$(printf -- '-%.0s' {1..24})" \
  "$(printf -- '-%.0s' {1..12})" "$(printf -- '-%.0s' {1..6})"
printf '| %-44s | %-22s | %-10s | %-4s |\n' \
  "(a) raw argon2id verifications/s ($CORES threads)" "$RAW_RATE ($RAW_1, $RAW_2)" "-" "" \
  "(b) logons/s through HTTP ($SAT_CONNS conns)" "$LOGON_RATE" "-" "" \
  "    b/a" "$RATIO" ">= 0.9" "$V_B" \
  "(c) GET /login p99 during (b)" "$PAGE_P99_MS ms" "< 20 ms" "$V_C" \
  "(d) logons/s under overload ($OVER_CONNS conns)" "$OVER_RATE" "-" "" \
  "    d/b (goodput)" "$GOODPUT" ">= 0.8" "$V_G" \
  "    peak RSS" "$HWM_MB MB" "< 256 MB" "$V_D" \
  "    excess 503 only, no other errors" "${OVER_BUSY}x503 ${OVER_OTHER:-}" "yes" "$V_D2" \
  "(e) GET /login p99 during (d)" "$OVER_PAGE_P99_MS ms" "< 50 ms" "$V_E"
if awk -v s="$RAW_SHARE" 'BEGIN{exit !(s < 0.9)}'; then
  echo "note: (a) got only $RAW_SHARE of its $CORES cores (something else was running);" \
    "(a), (b) and b/a are skewed: rerun on a quiet machine."
fi
