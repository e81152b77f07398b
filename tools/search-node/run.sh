#!/usr/bin/env bash
# Test-only single OpenSearch 2.19.6 node on 127.0.0.1 (see README.md).
#   run.sh start  [PORT]   build if needed, start in the background, wait until health is yellow
#   run.sh stop   [PORT]   stop it and remove its state folder (exit 0 if not running)
#   run.sh status [PORT]   exit 0 if running (prints cluster health), 3 if not
#   run.sh build           only resolve the jars and compile the launcher
# PORT defaults to $SEARCH_NODE_PORT, then 9200.
# Env: SEARCH_NODE_TIMEOUT (s, default 120), SEARCH_NODE_JAVA_OPTS (extra JVM flags),
#      SEARCH_NODE_MVN_OPTS (extra Maven flags, e.g. -Dmaven.repo.local=...), JAVA_HOME.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CMD="${1:-}"
PORT="${2:-${SEARCH_NODE_PORT:-9200}}"
HOST=127.0.0.1
TIMEOUT="${SEARCH_NODE_TIMEOUT:-120}"
TMP_ROOT="${TMPDIR:-/tmp}"
TMP_ROOT="${TMP_ROOT%/}"
STATE="$TMP_ROOT/trihub-search-node-$PORT"
PIDFILE="$STATE/node.pid"
LOG="$STATE/node.log"
MAIN_CLASS=trihub.searchnode.SearchNode
TARGET="$HERE/target"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

die() { echo "search-node: $*" >&2; exit 1; }

case "$PORT" in
  ''|*[!0-9]*) die "bad port '$PORT'" ;;
esac

health_url() { echo "http://$HOST:$PORT/_cluster/health?wait_for_status=yellow&timeout=1s"; }

# PID from the pid file if that process is alive and is our launcher.
node_pid() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid
  pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS" || return 1
  echo "$pid"
}

port_in_use() { (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; }

build_needed() {
  [[ -f "$TARGET/.built" && -s "$TARGET/classpath.txt" && -f "$TARGET/classes/trihub/searchnode/SearchNode.class" ]] || return 0
  [[ -n "$(find "$HERE/pom.xml" "$HERE/src" -newer "$TARGET/.built" -type f 2>/dev/null)" ]] && return 0
  local jar
  while IFS= read -r jar; do
    [[ -f "$jar" ]] || return 0          # Maven cache cleaned since the last build
  done < <(tr ':' '\n' < "$TARGET/classpath.txt")
  return 1
}

build() {
  command -v mvn >/dev/null || die "mvn not found (needs Maven 3.8+ and Java 17)"
  mkdir -p "$TMP_ROOT"
  # one build at a time (several ports may be started together)
  exec 9>"$TMP_ROOT/trihub-search-node-build.lock"
  flock 9
  if build_needed; then
    echo "search-node: building launcher (jars go to the local Maven cache)..." >&2
    # shellcheck disable=SC2086
    mvn -B -q -o -Dstyle.color=never -f "$HERE/pom.xml" ${SEARCH_NODE_MVN_OPTS:-} package >/dev/null 2>&1 \
      || mvn -B -q -Dstyle.color=never -f "$HERE/pom.xml" ${SEARCH_NODE_MVN_OPTS:-} package >&2 \
      || die "maven build failed"
    touch "$TARGET/.built"
  fi
  flock -u 9
  exec 9>&-
}

log_tail() { [[ -f "$LOG" ]] && { echo "----- last lines of $LOG -----" >&2; tail -n 40 "$LOG" >&2; }; return 0; }

start() {
  local pid
  if pid="$(node_pid)"; then
    echo "search-node: already running on http://$HOST:$PORT (pid $pid)"
    return 0
  fi
  if port_in_use; then
    die "port $HOST:$PORT is already in use by another process; pick another port (run.sh start PORT)"
  fi
  build
  rm -rf "$STATE"
  mkdir -p "$STATE/tmp"
  local started=$SECONDS
  # shellcheck disable=SC2086
  nohup "$JAVA" -Xms512m -Xmx512m -XX:+UseG1GC -Dfile.encoding=UTF-8 \
    -Djava.io.tmpdir="$STATE/tmp" ${SEARCH_NODE_JAVA_OPTS:-} \
    -cp "$TARGET/classes:$(cat "$TARGET/classpath.txt")" \
    "$MAIN_CLASS" "$PORT" "$STATE" >"$LOG" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PIDFILE"
  while (( SECONDS - started < TIMEOUT )); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log_tail
      rm -f "$PIDFILE"
      die "node exited during startup (log: $LOG)"
    fi
    if grep -q '^READY ' "$LOG" 2>/dev/null \
       || [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$(health_url)" 2>/dev/null || true)" == 200 ]]; then
      echo "search-node: READY http://$HOST:$PORT (pid $pid, $((SECONDS - started)) s, log $LOG)"
      return 0
    fi
    sleep 1
  done
  log_tail
  cp -f "$LOG" "$STATE.failed.log" 2>/dev/null || true
  stop >/dev/null 2>&1 || true
  die "node not ready after ${TIMEOUT}s (log kept in $STATE.failed.log)"
}

stop() {
  local pid
  if ! pid="$(node_pid)"; then
    rm -rf "$STATE"
    echo "search-node: not running on port $PORT"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 300; i++)); do               # up to 30 s for a clean close
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "search-node: pid $pid did not stop after 30 s, killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -rf "$STATE"
  echo "search-node: stopped (pid $pid)"
}

status() {
  local pid
  if pid="$(node_pid)"; then
    echo "search-node: running on http://$HOST:$PORT (pid $pid, log $LOG)"
    curl -s --max-time 3 "http://$HOST:$PORT/_cluster/health" || true
    echo
    return 0
  fi
  echo "search-node: not running on port $PORT"
  return 3
}

case "$CMD" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  build) build ;;
  *) echo "usage: $0 {start|stop|status|build} [PORT]" >&2; exit 2 ;;
esac
