#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `pgctl.sh start DIR` runs initdb into DIR and
# starts a server that listens only on a Unix socket in DIR (no TCP port to collide with);
# `pgctl.sh stop DIR` stops it and removes DIR. The tests connect as the superuser postgres
# with postgresql:///DB?host=DIR&user=postgres. PostgreSQL refuses to run as root, so as root
# the server runs as the postgres system user (made by Debian's postgresql package).
# `pgctl.sh replica SRC_DIR DIR` makes a streaming replica (hot standby) of the cluster on the
# socket in SRC_DIR with pg_basebackup into DIR/data and starts it on a socket in DIR; stop it
# with `pgctl.sh stop DIR`. (initdb -A trust allows replication connections on the socket.)
set -euo pipefail
cmd=${1:?start|stop|replica}
dir=${2:?directory}
bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$bin/initdb" ] || { echo "pgctl: PostgreSQL server binaries not found (make deps installs them)" >&2; exit 1; }

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# make_dir DIR: a fresh DIR for a server's files that the server's user can write. As root in
# a checkout that the postgres user cannot enter (a clone in root's home, mode 700), DIR
# becomes a link to a private directory under /tmp; the server is then given the real path,
# and clients, which run as root, may keep using DIR.
make_dir() {
  remove_dir "$1"
  mkdir -p "$1"
  [ "$(id -u)" = 0 ] || return 0
  chown postgres: "$1"
  if ! as_pg test -w "$1" 2>/dev/null; then
    rmdir "$1"
    local real
    real=$(mktemp -d /tmp/wenyun-pg.XXXXXX)
    chown postgres: "$real"
    ln -s "$real" "$1"
  fi
}
# remove_dir DIR: DIR, and the directory it links to (make_dir)
remove_dir() {
  if [ -L "$1" ]; then rm -rf "$(readlink -f "$1")"; fi
  rm -rf "$1"
}

case "$cmd" in
start)
  if [ -f "$dir/data/postmaster.pid" ]; then "$0" stop "$dir" || true; fi
  make_dir "$dir"
  dir=$(readlink -f "$dir")
  as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -c listen_addresses='' -c fsync=off -c max_connections=300 -c shared_buffers=64MB" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  echo "pgctl: PostgreSQL ready on socket $dir"
  ;;
replica)
  src=$dir
  dir=${3:?replica directory}
  if [ -f "$dir/data/postmaster.pid" ]; then "$0" stop "$dir" || true; fi
  make_dir "$dir"
  dir=$(readlink -f "$dir")
  src=$(readlink -f "$src")
  # -R writes standby.signal and primary_conninfo (host=SRC_DIR user=postgres); -X stream
  # copies the WAL written during the backup, so the standby starts consistent
  as_pg "$bin/pg_basebackup" -h "$src" -U postgres -D "$dir/data" -R -X stream -c fast \
    >"$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log" >&2; exit 1; }
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -c listen_addresses='' -c hot_standby=on -c fsync=off -c max_connections=300 -c shared_buffers=64MB" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  echo "pgctl: PostgreSQL standby of $src ready on socket $dir"
  ;;
stop)
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_pg "$bin/pg_ctl" -D "$(readlink -f "$dir")/data" -m fast -w stop >/dev/null || true
  fi
  remove_dir "$dir"
  ;;
*)
  echo "usage: pgctl.sh start|stop DIR | replica SRC_DIR DIR" >&2
  exit 2
  ;;
esac
