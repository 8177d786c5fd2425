#!/usr/bin/env bash
# Proves the README's first command the way a new user runs it: `make run`
# on a fresh database (its settings given as the README documents them,
# through the environment), then /healthz, the logon page and a demo logon,
# then stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/smoke-lib.sh
port=$(free_port)
dir=$(mktemp -d /tmp/recovery-run.XXXXXX)
base="http://127.0.0.1:$port"
log="$dir/run.log"

# Its own process group, so stopping it stops make, the script and the server.
APP_BIND="127.0.0.1:$port" DATABASE_URL="sqlite://$dir/recovery.db" start_in_group run

# Building is already done by the test run; a cold build takes minutes.
for _ in $(seq 1 1200); do
  kill -0 "$group" 2>/dev/null || fail "exited before it answered /healthz"
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "$base/healthz" >/dev/null || fail "/healthz never answered"

page=$(curl -fsS "$base/login") || fail "GET /login failed"
grep -q 'Log On' <<<"$page" || fail "/login does not show the Log On form"

headers=$(curl -sS -o /dev/null -D - -X POST "$base/api/log_on" \
  -H "Origin: $base" \
  --data-urlencode "email=zhang.san@example.com" \
  --data-urlencode "password=Employee#2026")
grep -qi '^set-cookie: mail_session=' <<<"$headers" || fail "the demo logon did not sign in: $headers"
grep -q '^HTTP/[0-9.]* 200' <<<"$headers" || fail "the demo logon did not answer 200: $headers"

[[ -f "$dir/recovery.db" ]] || fail "the database file was not created"
echo "==> make run served $base: /healthz, /login and the demo logon work"
