#!/usr/bin/env bash
# pgctl.sh from a checkout that the postgres user cannot enter: a clone in root's home (mode
# 700) is where a newcomer on Debian clones as root. The cluster must start there, take
# connections on DIR, stop, and leave nothing behind. Root only (skipped otherwise: 77).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ "$(id -u)" = 0 ] || { echo "private_checkout: needs root (skipped)"; exit 77; }
top=$(mktemp -d "${1:-/tmp}/wenyun-private.XXXXXX")
trap 'rm -rf "$top"' EXIT
chmod 700 "$top"
dir=$top/checkout/build/pg
mkdir -p "$(dirname "$dir")"
if runuser -u postgres -- test -x "$top"; then
  echo "private_checkout: the postgres user can enter $top: the test would prove nothing" >&2
  exit 1
fi
"$here/pgctl.sh" start "$dir"
psql -X -q -At "postgresql:///postgres?host=$dir&user=postgres" -c 'select 6*7' | grep -qx 42
real=$(readlink -f "$dir")
"$here/pgctl.sh" replica "$dir" "$dir-replica"
psql -X -q -At "postgresql:///postgres?host=$dir-replica&user=postgres" -c 'select pg_is_in_recovery()' | grep -qx t
real_replica=$(readlink -f "$dir-replica")
"$here/pgctl.sh" stop "$dir-replica"
"$here/pgctl.sh" stop "$dir"
for p in "$dir" "$real" "$dir-replica" "$real_replica"; do
  if [ -e "$p" ] || [ -L "$p" ]; then
    echo "private_checkout: $p is left behind" >&2
    exit 1
  fi
done
echo "private_checkout: a cluster and its replica ran from a mode-700 checkout"
