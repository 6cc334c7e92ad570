#!/usr/bin/env bash
# bench/booking-writer.sh: the booking writer's batch alone (no HTTP), against raw SQLite
# inserting as many rows in batches of the same size with the same durability.
#
#   bench/booking-writer.sh [USERS] [BATCH]      (defaults 20000 and 512)
#
# It loads the demo into a fresh SQLite file in a temporary directory, then runs
# build/bench_booking_writer (cmake --build build --target bench_booking_writer) three times,
# each on a fresh copy, and removes everything on exit.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
users=${1:-20000}
batch=${2:-512}
bin=$root/build/bench_booking_writer
[ -x "$bin" ] && [ -x "$root/build/wenyun" ] ||
  { echo "booking-writer: build first (cmake --build build)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$root/build/wenyun" demo --db "$tmp/demo.db" >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; exit 1; }
for i in 1 2 3; do
  cp "$tmp/demo.db" "$tmp/run.db"
  rm -f "$tmp/run.db-wal" "$tmp/run.db-shm"
  "$bin" "$tmp/run.db" "$users" "$batch"
done
