#!/usr/bin/env bash
# Runs a command with TEST_DATABASE_URL pointing at a throwaway PostgreSQL
# cluster on a free loopback port, and removes the cluster afterwards.
# TEST_PG_CONTROL names a script that stops and starts that cluster
# (`$TEST_PG_CONTROL stop|start`), for the tests of a database outage.
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
dir=$(mktemp -d /tmp/recovery-pg.XXXXXX)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# PostgreSQL refuses to run as root.
as_pg() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[[ "$(id -u)" == 0 ]] && chown postgres "$dir"

cleanup() {
  as_pg "$pg_bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

as_pg "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
# Durability is pointless for a cluster that lives for one test run.
options="-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
control="$dir/control"
cat >"$control" <<CONTROL
#!/usr/bin/env bash
set -euo pipefail
as_pg() { if [[ "\$(id -u)" == 0 ]]; then runuser -u postgres -- "\$@"; else "\$@"; fi; }
case "\${1:-}" in
  stop) as_pg "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null ;;
  start) as_pg "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "$options" start >/dev/null ;;
  *) echo "usage: \$0 stop|start" >&2; exit 2 ;;
esac
CONTROL
chmod +x "$control"
"$control" start
echo "==> PostgreSQL $("$pg_bin/postgres" --version | awk '{ print $3 }') on 127.0.0.1:$port (throwaway)"

TEST_PG_CONTROL="$control" TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres" "$@"
