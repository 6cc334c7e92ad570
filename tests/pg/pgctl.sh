#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `pgctl.sh start DIR` runs initdb into DIR and
# starts a server that listens only on a Unix socket in DIR (no TCP port to collide with);
# `pgctl.sh stop DIR` stops it and removes DIR. The tests connect as the superuser postgres
# with postgresql:///DB?host=DIR&user=postgres. PostgreSQL refuses to run as root, so as root
# the server runs as the postgres system user (made by Debian's postgresql package).
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?directory}
bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$bin/initdb" ] || { echo "pgctl: PostgreSQL server binaries not found (make deps installs them)" >&2; exit 1; }

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
  if [ -f "$dir/data/postmaster.pid" ]; then "$0" stop "$dir" || true; fi
  rm -rf "$dir"
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -c listen_addresses='' -c fsync=off -c max_connections=300 -c shared_buffers=64MB" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  echo "pgctl: PostgreSQL ready on socket $dir"
  ;;
stop)
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: pgctl.sh start|stop DIR" >&2
  exit 2
  ;;
esac
