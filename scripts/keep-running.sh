#!/usr/bin/env bash
# Run a command again whenever it exits (a crash, a kill, an out-of-memory), until this
# script itself is told to stop (TERM or HUP; INT too when it does not start ignored, as
# it does in the background of a non-interactive shell): then it sends the command one
# TERM, waits for it and exits. The command runs in a session of its own, so a Ctrl-C or
# a signal to the whole group reaches it only through this script, once: the worker
# takes a second TERM as "stop now", in the middle of a task. `make serve` runs the
# task worker under it; where a service manager runs the site, its own restart rule
# does this instead (deploy/systemd/).
#
#   scripts/keep-running.sh <command...>
#
# A command that keeps failing at once is started again at most every RESTART_DELAY
# seconds (default 2), so a broken configuration cannot spin the machine.
set -u
RESTART_DELAY="${RESTART_DELAY:-2}"
child=""
stopping=""

stop() {
    stopping=1
    if [ -n "$child" ]; then
        kill -TERM "$child" 2>/dev/null
        wait "$child" 2>/dev/null
    fi
    exit 0
}
trap stop TERM INT HUP

while :; do
    if command -v setsid >/dev/null; then
        setsid "$@" &
    else  # no util-linux (macOS): a Ctrl-C reaches the command directly too
        "$@" &
    fi
    child=$!
    wait "$child"
    status=$?
    [ -n "$stopping" ] && exit 0
    echo "keep-running: '$*' exited with status $status; starting it again in ${RESTART_DELAY} s." >&2
    sleep "$RESTART_DELAY" &
    wait $!
done
