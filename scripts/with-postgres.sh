#!/usr/bin/env bash
# Run a command against a private, throw-away PostgreSQL cluster on a loopback port.
#
#   scripts/with-postgres.sh <command...>
#
# Installs the server from Debian's packages if missing, creates a cluster in a
# temporary folder (as the "postgres" system user when run as root, since the
# server refuses root), starts it on 127.0.0.1:$PGPORT (default 54329), creates a
# database, runs the command with DATABASE_URL set, and stops and removes the
# cluster afterwards, also when the command fails.
set -euo pipefail

PGPORT="${PGPORT:-54329}"
PGVERSION_DIR="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$PGVERSION_DIR" ] || [ ! -x "$PGVERSION_DIR/initdb" ]; then
    echo "PostgreSQL server not found: installing it from Debian's packages." >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    PGVERSION_DIR="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi
BIN="$PGVERSION_DIR"

WORKDIR="$(mktemp -d "${TMPDIR:-/tmp}/trihub-pg.XXXXXX")"
RUN_AS=()
if [ "$(id -u)" = "0" ]; then
    chown postgres: "$WORKDIR"
    RUN_AS=(runuser -u postgres --)
fi

cleanup() {
    "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$WORKDIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$WORKDIR"
}
trap cleanup EXIT INT TERM

"${RUN_AS[@]}" "$BIN/initdb" -D "$WORKDIR/data" -U postgres -A trust -E UTF8 \
    --locale=C.UTF-8 >"$WORKDIR/initdb.log" 2>&1 || { cat "$WORKDIR/initdb.log" >&2; exit 1; }
"${RUN_AS[@]}" "$BIN/pg_ctl" -D "$WORKDIR/data" -l "$WORKDIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $WORKDIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$WORKDIR/server.log" >&2; exit 1; }
"$BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres trihub

export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/trihub"
# For a command that restarts the cluster itself (tests/faults):
#   $PG_RUN_AS "$PG_BIN/pg_ctl" -D "$PG_CTL_DATA" -l "$PG_SERVER_LOG" -m fast -w restart
# (PG_RUN_AS is empty unless run as root; the server's options are remembered).
export PG_BIN="$BIN" PG_CTL_DATA="$WORKDIR/data" PG_SERVER_LOG="$WORKDIR/server.log"
export PG_RUN_AS="${RUN_AS[*]}"
echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT" >&2
"$@"
