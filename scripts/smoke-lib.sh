# Shared by the smoke scripts (sourced): a free port, and one of the
# README's commands run in its own process group with its output in
# "$log", stopped (with make, the script and the server) and "$dir"
# removed when the smoke script exits. `fail` says why and shows the log.

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# [SETTING=value ...] start_in_group TARGET: `make TARGET`, with the
# settings given through its environment, as the README gives them.
start_in_group() {
  smoke_name="make $1"
  setsid make "$1" >"$log" 2>&1 &
  group=$!
  trap stop_group EXIT
}

stop_group() {
  kill -TERM -- "-$group" 2>/dev/null || true
  wait "$group" 2>/dev/null || true
  rm -rf "$dir"
}

fail() {
  echo "$smoke_name: $*" >&2
  echo "---- its output ----" >&2
  tail -n 40 "$log" >&2
  if declare -F show_more_on_failure >/dev/null; then show_more_on_failure >&2; fi
  exit 1
}
