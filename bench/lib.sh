# Shared by the benchmarks: messages, tools, the raw argon2 rate, and the
# readers of the "BENCH ..." lines bench/wrk-report.lua prints. Sourced.

say() { printf '==> %s\n' "$*"; }

need_apt() { # need_apt COMMAND PACKAGE
  command -v "$1" >/dev/null 2>&1 && return 0
  say "installing $2"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y -qq "$2" >/dev/null 2>&1 ||
    { $sudo apt-get update -qq && $sudo apt-get install -y -qq "$2" >/dev/null; }
}
measure_raw() { # LABEL -> sets RAW_LAST
  local out rate share
  out=$("$RATE_BIN" "$ARGON_SECONDS" "$CORES")
  rate=$(printf '%s\n' "$out" | sed -n 's/^verifications_per_second=//p')
  share=$(printf '%s\n' "$out" | sed -n 's/^cpu_share=//p')
  echo "    $1: $(printf '%s\n' "$out" | tail -n1); CPU share $share"
  RAW_LAST=$rate
  RAW_SHARE_LAST=$share
}
# Helpers reading the "BENCH ..." lines of bench/wrk-report.lua.
bench_value() { # FILE LINE-PREFIX KEY (0 when absent)
  local value
  value=$({ grep "^BENCH $2" "$1" || true; } | tr ' ' '\n' | sed -n "s/^$3=//p" | head -n1)
  echo "${value:-0}"
}
status_count() { bench_value "$1" statuses "$2"; } # FILE STATUS
other_statuses() { # FILE [KEPT...]: statuses other than KEPT (200 503), "code=n ..."
  local file=$1 status
  local -a kept=()
  shift
  [ "$#" -gt 0 ] || set -- 200 503
  for status in "$@"; do kept+=(-e "^$status="); done
  { grep '^BENCH statuses' "$file" || true; } | tr ' ' '\n' | { grep '=' || true; } |
    { grep -v "${kept[@]}" || true; } | tr '\n' ' ' | sed 's/ $//'
}
error_counts() { # FILE: "connect_errors=.. read_errors=.. write_errors=.. timeouts=.."
  { grep '^BENCH requests=' "$1" || true; } | tr ' ' '\n' |
    { grep -E '^(connect|read|write)_errors=|^timeouts=' || true; } | tr '\n' ' ' | sed 's/ $//'
}
error_sum() { error_counts "$1" | tr ' ' '\n' | cut -s -d= -f2 | awk '{s += $1} END {print s + 0}'; }
check_wrk() { # FILE: the wrk run printed its report
  grep -q '^BENCH requests=' "$1" || { echo "wrk printed no report:" >&2; cat "$1" >&2; exit 1; }
}
verdict() { if [ "$1" = 1 ]; then echo PASS; else echo MISS; fi; }
