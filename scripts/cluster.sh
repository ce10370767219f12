#!/usr/bin/env bash
# Local copy of the production layout: N Streamlit processes behind nginx with sticky sessions.
#   scripts/cluster.sh start N BASE_PORT   apps on 127.0.0.1:BASE_PORT+1..BASE_PORT+N, nginx on 127.0.0.1:BASE_PORT
#   scripts/cluster.sh stop                stop the apps and nginx started from the same runtime dir
#   scripts/cluster.sh status
# Proxy settings from the environment: LIPU_SERVER_NAMES (allowed Host names, default "127.0.0.1 localhost"),
# LIPU_CONNECTIONS_PER_CLIENT (default 64), LIPU_REQUEST_RATE (requests/s per client, default 30) and
# LIPU_REQUEST_BURST (default 300).
# Runtime files (generated nginx.conf, pid files, logs) go to $LIPU_RUN_DIR (default .run/cluster);
# nothing under /etc is read or written.
set -euo pipefail
# nginx reads $NGINX as a list of inherited sockets (binary upgrade): never pass one on.
unset NGINX

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run_dir="${LIPU_RUN_DIR:-$root/.run/cluster}"
nginx_bin="${LIPU_NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
say() { echo "cluster.sh: $*" >&2; }

# A process from the pid file exists and is not a zombie (killed children of a non-reaping init linger as Z).
alive() {
  local pid
  [[ -f "$1" ]] && pid="$(cat "$1")" && kill -0 "$pid" 2>/dev/null || return 1
  [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]]
}

wait_health() {  # url, seconds
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null \
      || python3 -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" "$1" 2>/dev/null; do
    (( SECONDS < deadline )) || return 1
    sleep 0.2
  done
}

start() {
  local n="${1:?usage: cluster.sh start N BASE_PORT}" base="${2:?usage: cluster.sh start N BASE_PORT}"
  [[ -x "$nginx_bin" ]] || { say "nginx not found (apt-get install -y nginx)"; exit 1; }
  for f in "$run_dir"/app-*.pid "$run_dir"/nginx.pid; do
    if alive "$f"; then say "already running from $run_dir (run: cluster.sh stop)"; exit 1; fi
  done
  "$root/scripts/setup.sh"
  mkdir -p "$run_dir/temp"
  chmod 755 "$run_dir"  # nginx workers (nobody when started as root) must reach temp/
  rm -f "$run_dir"/app-*.pid "$run_dir"/app-*.log

  local upstreams="" port i
  for ((i = 1; i <= n; i++)); do
    port=$((base + i))
    (cd "$root" && exec setsid "$root/.venv/bin/python" -m lipu_data.app_server \
        --server.port "$port" --server.address 127.0.0.1 --server.headless true \
        --browser.gatherUsageStats false </dev/null >"$run_dir/app-$port.log" 2>&1) &
    echo $! >"$run_dir/app-$port.pid"
    upstreams+="        server 127.0.0.1:$port max_fails=1 fail_timeout=10s;"$'\n'
  done
  for ((i = 1; i <= n; i++)); do
    port=$((base + i))
    wait_health "http://127.0.0.1:$port/_stcore/health" 60 \
      || { say "app on port $port is not healthy; log:"; cat "$run_dir/app-$port.log" >&2; stop; exit 1; }
  done

  local user_line=""
  [[ "$(id -u)" == 0 ]] && user_line="user nobody nogroup;"
  UPSTREAMS="$upstreams" python3 - "$root/scripts/nginx-cluster.conf.template" "$run_dir/nginx.conf" \
      "$run_dir" "$base" "$user_line" <<'PY'
import os, re, sys
template, out, run_dir, port, user_line = sys.argv[1:]
text = open(template, encoding="utf-8").read()
names = os.environ.get("LIPU_SERVER_NAMES", "127.0.0.1 localhost")
numbers = {key: os.environ.get(f"LIPU_{key}", default) for key, default in
           (("CONNECTIONS_PER_CLIENT", "64"), ("REQUEST_RATE", "30"), ("REQUEST_BURST", "300"))}
if not re.fullmatch(r"[A-Za-z0-9.\-_ ]+", names) or not all(value.isdigit() for value in numbers.values()):
    sys.exit("cluster.sh: LIPU_SERVER_NAMES must be host names, the limits whole numbers")
values = {"@RUN_DIR@": run_dir, "@LISTEN_PORT@": port, "@USER_LINE@": user_line, "@SERVER_NAMES@": names,
          "@UPSTREAM_SERVERS@": os.environ["UPSTREAMS"].rstrip("\n"),
          **{f"@{key}@": value for key, value in numbers.items()}}
for key, value in values.items():
    text = text.replace(key, value)
open(out, "w", encoding="utf-8").write(text)
PY
  # The daemon must not inherit our stdout/stderr: a caller reading them to EOF would wait forever.
  if ! "$nginx_bin" -p "$run_dir" -e "$run_dir/nginx-error.log" -c "$run_dir/nginx.conf" \
      </dev/null >"$run_dir/nginx-start.log" 2>&1; then
    say "nginx did not start:"; cat "$run_dir/nginx-start.log" "$run_dir/nginx-error.log" >&2 2>/dev/null; stop; exit 1
  fi
  wait_health "http://127.0.0.1:$base/_stcore/health" 15 \
    || { say "nginx on port $base does not answer; error log:"; cat "$run_dir/nginx-error.log" >&2; stop; exit 1; }
  say "serving http://127.0.0.1:$base/ (apps on ports $((base + 1))-$((base + n)); runtime dir $run_dir)"
}

stop_pid_file() {  # pid file, signal
  local f="$1" pid
  alive "$f" || { rm -f "$f"; return 0; }
  pid="$(cat "$f")"
  kill -"$2" -- "-$pid" 2>/dev/null || kill -"$2" "$pid" 2>/dev/null || true
  for _ in $(seq 50); do alive "$f" || break; sleep 0.1; done
  alive "$f" && { kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; }
  rm -f "$f"
}

stop() {
  if alive "$run_dir/nginx.pid"; then
    "$nginx_bin" -q -p "$run_dir" -e "$run_dir/nginx-error.log" -c "$run_dir/nginx.conf" -s quit </dev/null >/dev/null 2>&1 \
      || kill -QUIT "$(cat "$run_dir/nginx.pid")" 2>/dev/null || true
    for _ in $(seq 50); do alive "$run_dir/nginx.pid" || break; sleep 0.1; done
    alive "$run_dir/nginx.pid" && kill -TERM "$(cat "$run_dir/nginx.pid")" 2>/dev/null || true
  fi
  local f
  for f in "$run_dir"/app-*.pid; do
    [[ -e "$f" ]] && stop_pid_file "$f" TERM
  done
  return 0
}

status() {
  local f any=1
  for f in "$run_dir"/nginx.pid "$run_dir"/app-*.pid; do
    [[ -e "$f" ]] || continue
    if alive "$f"; then echo "$(basename "$f" .pid): running (pid $(cat "$f"))"; any=0
    else echo "$(basename "$f" .pid): not running"; fi
  done
  (( any == 0 )) || echo "nothing running from $run_dir"
  return $any
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start N BASE_PORT | stop | status" >&2; exit 2 ;;
esac
