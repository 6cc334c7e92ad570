#!/usr/bin/env bash
# bench/circle.sh: the 15-minute circle analysis of wenyun against PostgreSQL + pgRouting on
# the same graph, in one run on one machine. See docs/performance-circle.md for what it
# measures and the figures of a run.
#
#   bench/circle.sh [--runs N] [--pg-runs N] [--venues N] [--areas "monaco andorra"]
#
# For each area (data/osm/AREA.osm.pbf) and each venue set (the extract's own POIs, as
# `wenyun circle` uses them by default, and N synthetic venues spread over the network,
# default 150, every category in turn) it:
#   - times the full analysis, `wenyun circle --osm FILE --json` (read the extract, build the
#     graph, one bounded Dijkstra per venue, the rule, histogram, clusters, N-th nearest, the
#     JSON of every point), --runs times (default 10), and again with --site 3;
#   - exports the very graph the engine builds (build/geo_export_graph, tests/geo/), loads it
#     into a throwaway PostgreSQL cluster (timed once), and times pgRouting's equivalent of the
#     reach step: pgr_drivingDistance from every venue, the count of reachable venues per
#     network node, and the verdicts under count:4 and zj (bench/circle-reach.sql, one call
#     per venue; bench/circle-reach-multi.sql, one multi-source call), --pg-runs times
#     (default 5) each as a fresh psql process, and --pg-runs times in one warm session;
#   - checks that both engines find the same number of covered points;
# then prints, per case, medians with the minimum in brackets, and a summary table (medians)
# with the ratios.
# Wall times and CPU times (user + system) are both reported: on a busy machine the CPU
# time is the steadier figure. Everything it starts is stopped and removed on exit.
#
# It builds nothing: it runs build/wenyun and build/geo_export_graph (or $WY_BIN, $WY_EXPORT).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
bin=${WY_BIN:-$root/build/wenyun}
export_bin=${WY_EXPORT:-$root/build/geo_export_graph}
budget=1125 # 15 minutes at 4.5 km/h, the engine's default

runs=10
pg_runs=5
nsyn=150
areas="monaco andorra"

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}
num() { [[ $2 =~ ^[0-9]+$ && $2 -ge 1 ]] || { echo "circle.sh: $1 wants a whole number >= 1" >&2; exit 2; }; }

while [ $# -gt 0 ]; do
  case "$1" in
  --runs) num "$1" "${2:-}"; runs=$2; shift 2 ;;
  --pg-runs) num "$1" "${2:-}"; pg_runs=$2; shift 2 ;;
  --venues) num "$1" "${2:-}"; nsyn=$2; shift 2 ;;
  --areas) areas=${2:?}; shift 2 ;;
  -h | --help) usage 0 ;;
  *) echo "circle.sh: unknown option $1" >&2; usage 2 >&2 ;;
  esac
done

# ---------------------------------------------------------------------------------------------
# What the bench needs.

for b in "$bin" "$export_bin"; do
  if [ ! -x "$b" ]; then
    echo "circle.sh: $b is missing; build it first:" >&2
    echo "  cmake -S $root -B $root/build && cmake --build $root/build -j2" >&2
    exit 1
  fi
done
pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
pg_major=$(basename "$(dirname "$pg_bin")")
missing=()
command -v psql >/dev/null || missing+=(postgresql-client)
[ -x "$pg_bin/initdb" ] || missing+=(postgresql)
ls /usr/share/postgresql/*/extension/pgrouting.control >/dev/null 2>&1 || missing+=("postgresql-$pg_major-pgrouting")
if [ ${#missing[@]} -gt 0 ]; then
  echo "circle.sh: missing packages; install them with: apt-get install ${missing[*]}" >&2
  exit 1
fi
for a in $areas; do
  [ -f "$root/data/osm/$a.osm.pbf" ] || { echo "circle.sh: $root/data/osm/$a.osm.pbf is missing" >&2; exit 1; }
done

# ---------------------------------------------------------------------------------------------
# Clean-up: the PostgreSQL cluster (stopped by pgctl.sh, by its data directory) and the
# temporary directory.

tmp=""
pg_dir=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$pg_dir" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then
    "$root/tests/pg/pgctl.sh" stop "$pg_dir" || true
  fi
  [ -n "$tmp" ] && rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'echo; echo "circle.sh: interrupted; cleaning up" >&2; exit 130' INT TERM

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wenyun-bench-circle.XXXXXX")
chmod 755 "$tmp" # the postgres user (when run as root) must reach its socket directory in here

# run copies of the binaries, so that a rebuild during the run cannot swap them mid-way
cp "$bin" "$tmp/wenyun"
cp "$export_bin" "$tmp/geo_export_graph"
bin_src=$bin
bin=$tmp/wenyun
export_bin=$tmp/geo_export_graph

log() { printf '%s\n' "$*" >&2; }
clk_tck=$(getconf CLK_TCK)

# ---------------------------------------------------------------------------------------------
# Timing helpers. Each sample is a line "wall_s cpu_s" appended to a file; stats prints the
# median and the minimum of a column as "median (min)" in milliseconds.

TIMEFORMAT='%3R %3U %3S'
sample() { # FILE CMD... : one run, stdout to $tmp/last.out
  local f=$1
  shift
  { time "$@" >"$tmp/last.out" 2>"$tmp/last.err"; } 2>"$tmp/time.txt" || {
    log "circle.sh: failed: $*"
    cat "$tmp/last.err" >&2
    exit 1
  }
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$tmp/time.txt" >>"$f"
}
col_stats() { # FILE COLUMN -> "median min" in ms
  sort -g -k"$2","$2" "$1" | awk -v c="$2" '{v[NR] = $c} END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.0f %.0f\n", m * 1000, v[1] * 1000}'
}
fmt() { # "median min" -> "median (min)"
  awk '{printf "%s (%s)", $1, $2}' <<<"$1"
}

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# ---------------------------------------------------------------------------------------------
# The machine and the versions, for the record.

cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
rev=$(git -C "$root" describe --always --dirty 2>/dev/null || echo '?')
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$(dirname "$bin_src")/CMakeCache.txt" 2>/dev/null || echo '?')
pkgv() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo '?'; }
echo "# wenyun circle vs pgRouting, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine:   $(nproc) CPUs ($cpu_model), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, Linux $(uname -r)"
echo "binary:    $bin_src ($build_type, built $(date -u -r "$bin_src" +%Y-%m-%dT%H:%MZ); source tree at $rev)"
echo "versions:  $("$bin" version 2>/dev/null || echo wenyun), gcc $(gcc -dumpfullversion 2>/dev/null || echo '?'), zlib $(pkgv zlib1g), expat $(pkgv libexpat1), PROJ $(pkgv libproj25),"
echo "           PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}'), pgRouting $(pkgv "postgresql-$pg_major-pgrouting"), PostGIS $(pkgv "postgresql-$pg_major-postgis-3")"
echo "settings:  budget $budget m (15 min at 4.5 km/h); wenyun $runs runs per case, pgRouting $pg_runs (+1 warm-up in the session)"
read -r b0 t0_ <<<"$(awk '/^cpu / {idle = $5 + $6; tot = 0; for (i = 2; i <= 9; i++) tot += $i; print tot - idle, tot}' /proc/stat)"
sleep 1
read -r b1 t1_ <<<"$(awk '/^cpu / {idle = $5 + $6; tot = 0; for (i = 2; i <= 9; i++) tot += $i; print tot - idle, tot}' /proc/stat)"
busy=$(((b1 - b0) * 100 / (t1_ - t0_ > 0 ? t1_ - t0_ : 1)))
echo "before:    the machine was ${busy}% busy in the second before the benchmark (load average $(cut -d' ' -f1-3 /proc/loadavg))"
[ "$busy" -gt 10 ] && echo "warning:   something else is using the CPU: wall times will be noisy; compare the CPU times"
echo

# ---------------------------------------------------------------------------------------------
# The PostgreSQL cluster.

pg_dir=$tmp/pg
log "circle.sh: starting PostgreSQL in $pg_dir"
"$root/tests/pg/pgctl.sh" start "$pg_dir" >/dev/null
pq() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_dir" -U postgres "$@"; }

# A warm session: the query run once to load pgRouting, then $pg_runs times; prints one line
# "wall_s cpu_s" per timed run into FILE (wall from psql's \timing; CPU of the server backend
# from /proc, spread evenly, as ticks are coarse).
warm_session() { # DB SQLFILE FILE
  local db=$1 sql=$2 out=$3 script=$tmp/warm.sql
  {
    echo '\set ON_ERROR_STOP 1'
    echo 'SELECT pg_backend_pid() AS wy_pid \gset'
    echo '\setenv WY_BACKEND :wy_pid'
    echo "\\set budget $budget"
    echo '\o /dev/null'
    echo "\\i $sql"
    echo "\\! awk '{print \$14 + \$15}' /proc/\$WY_BACKEND/stat > $tmp/cpu0"
    echo '\timing on'
    for _ in $(seq "$pg_runs"); do echo "\\i $sql"; done
    echo '\timing off'
    echo "\\! awk '{print \$14 + \$15}' /proc/\$WY_BACKEND/stat > $tmp/cpu1"
  } >"$script"
  pq -d "$db" -f "$script" >"$tmp/warm.out"
  local cpu
  cpu=$(awk -v a="$(cat "$tmp/cpu0")" -v b="$(cat "$tmp/cpu1")" -v t="$clk_tck" -v n="$pg_runs" \
    'BEGIN {printf "%.4f", (b - a) / t / n}')
  sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' "$tmp/warm.out" | awk -v c="$cpu" '{printf "%.4f %s\n", $1 / 1000, c}' >"$out"
  [ "$(wc -l <"$out")" -eq "$pg_runs" ] || { log "circle.sh: no timing from the warm session"; cat "$tmp/warm.out" >&2; exit 1; }
}

# N synthetic venues: every (nodes / N)-th network node, 25 m north-east of it, the 13
# categories in turn (deterministic).
synthetic() { # NODES.CSV N OUT
  awk -F, -v n="$2" 'BEGIN {
      split("library cultural_centre museum art_gallery theatre town_station village_centre new_space street_station rural_stage heritage_workshop cinema other", cat, " ")
      print "id,name,lon,lat,category" }
    NR > 1 { lon[NR - 2] = $3; lat[NR - 2] = $4; m = NR - 1 }
    END { for (i = 0; i < n; i++) {
        k = int(i * m / n); la = lat[k] + 17.7 / 111132; lo = lon[k] + 17.7 / (111320 * cos(lat[k] * 3.14159265 / 180))
        printf "s%d,synthetic %d,%.7f,%.7f,%s\n", i, i, lo, la, cat[i % 13 + 1] } }' "$1" >"$3"
}

# ---------------------------------------------------------------------------------------------
# The cases.

rows=()
case_no=0
for area in $areas; do
  pbf=$root/data/osm/$area.osm.pbf
  for vs in osm synthetic; do
    case_no=$((case_no + 1))
    name=$area-$vs
    dir=$tmp/$name
    mkdir -p "$dir"
    vargs=()
    if [ "$vs" = synthetic ]; then
      synthetic "$tmp/$area-osm/nodes.csv" "$nsyn" "$tmp/$area-venues.csv"
      vargs=(--venues "$tmp/$area-venues.csv")
    fi
    log "circle.sh: $name: exporting the graph"
    "$export_bin" "$pbf" "$dir" "${vargs[@]}" --no-dist
    nodes=$(awk -F'[:,]' '{for (i = 1; i <= NF; i++) if ($i ~ /"nodes"/) print $(i + 1) + 0}' "$dir/meta.json")
    edges=$(awk -F'[:,]' '{for (i = 1; i <= NF; i++) if ($i ~ /"edges"/) print $(i + 1) + 0}' "$dir/meta.json")
    nven=$(($(wc -l <"$dir/venues.csv") - 1))

    # wenyun: the full analysis
    log "circle.sh: $name: wenyun circle x $runs"
    : >"$tmp/w.txt"
    for s in reach load graph; do : >"$tmp/w$s.txt"; done
    "$bin" circle --osm "$pbf" --json --quiet "${vargs[@]}" >/dev/null # warm-up (page cache)
    for _ in $(seq "$runs"); do
      sample "$tmp/w.txt" "$bin" circle --osm "$pbf" --json --quiet "${vargs[@]}"
      # the stages as the report times them (timing_ms: load, graph, reach)
      for s in reach load graph; do
        tr ',{}' '\n\n\n' <"$tmp/last.out" | sed -n "s/^ *\"$s\": *\([0-9][0-9.]*\).*/\1/p" | head -n 1 \
          | awk '{printf "%.6f 0\n", $1 / 1000}' >>"$tmp/w$s.txt"
      done
    done
    w_cov=$(tr ',{}' '\n\n\n' <"$tmp/last.out" | sed -n 's/^ *"covered_points": *\([0-9]*\).*/\1/p' | head -n 1)
    "$bin" circle --osm "$pbf" --json --quiet --rule zj "${vargs[@]}" >"$tmp/zj.json"
    w_covzj=$(tr ',{}' '\n\n\n' <"$tmp/zj.json" | sed -n 's/^ *"covered_points": *\([0-9]*\).*/\1/p' | head -n 1)
    log "circle.sh: $name: wenyun circle --site 3 x $runs"
    : >"$tmp/ws.txt"
    for _ in $(seq "$runs"); do
      sample "$tmp/ws.txt" "$bin" circle --osm "$pbf" --json --quiet --site 3 "${vargs[@]}"
    done

    # pgRouting: load once, then the reach step
    db=bench_$case_no
    pq -d postgres -c "CREATE DATABASE $db"
    log "circle.sh: $name: loading the graph into PostgreSQL"
    : >"$tmp/load.txt"
    (cd "$dir" && sample "$tmp/load.txt" psql -X -q -v ON_ERROR_STOP=1 -h "$pg_dir" -U postgres -d "$db" -f "$here/circle-load.sql")
    for q in reach reach-multi; do
      log "circle.sh: $name: pgRouting $q x $pg_runs (fresh psql) and x $pg_runs (warm session)"
      : >"$tmp/p-$q.txt"
      for _ in $(seq "$pg_runs"); do
        sample "$tmp/p-$q.txt" psql -X -At -v ON_ERROR_STOP=1 -h "$pg_dir" -U postgres -d "$db" \
          -v budget="$budget" -f "$here/circle-$q.sql"
      done
      IFS='|' read -r p_points p_cov p_covzj <"$tmp/last.out"
      if [ "$p_points" != "$nodes" ] || [ "$p_cov" != "$w_cov" ] || [ "$p_covzj" != "$w_covzj" ]; then
        log "circle.sh: $name: the engines disagree: wenyun covers $w_cov (count:4) and $w_covzj (zj) of $nodes," \
          "pgRouting ($q) $p_cov and $p_covzj of $p_points"
        exit 1
      fi
      warm_session "$db" "$here/circle-$q.sql" "$tmp/pw-$q.txt"
    done
    pq -d postgres -c "DROP DATABASE $db"

    # the row: wall medians (min), CPU medians, pgRouting's best warm query against wenyun
    w=$(col_stats "$tmp/w.txt" 1) wc=$(col_stats "$tmp/w.txt" 2)
    ws=$(col_stats "$tmp/ws.txt" 1) wsc=$(col_stats "$tmp/ws.txt" 2)
    wr=$(col_stats "$tmp/wreach.txt" 1) wl=$(col_stats "$tmp/wload.txt" 1) wg=$(col_stats "$tmp/wgraph.txt" 1)
    ld=$(col_stats "$tmp/load.txt" 1)
    p1=$(col_stats "$tmp/p-reach.txt" 1) p1c=$(col_stats "$tmp/p-reach.txt" 2)
    p2=$(col_stats "$tmp/p-reach-multi.txt" 1) p2c=$(col_stats "$tmp/p-reach-multi.txt" 2)
    pw1=$(col_stats "$tmp/pw-reach.txt" 1) pw1c=$(col_stats "$tmp/pw-reach.txt" 2)
    pw2=$(col_stats "$tmp/pw-reach-multi.txt" 1) pw2c=$(col_stats "$tmp/pw-reach-multi.txt" 2)
    # pgRouting's best formulation (the lower backend CPU time of the two warm sessions)
    # against wenyun; CPU times, as they are the steadier figure on a shared machine
    best=$(printf '%s\n%s\n' "${pw1c% *}" "${pw2c% *}" | sort -n | head -n 1)
    ratio=$(awk -v p="$best" -v w="${wc% *}" 'BEGIN {printf "%.1f", (w > 0) ? p / w : 0}')
    ratio_reach=$(awk -v p="$best" -v w="${wr% *}" 'BEGIN {printf "%.0f", (w > 0) ? p / w : 0}')
    echo "## $name: $nodes nodes, $edges edges, $nven venues; covered: count:4 $w_cov, zj $w_covzj (both engines)"
    echo "  wenyun circle --json           wall $(fmt "$w") ms, CPU $(fmt "$wc") ms; stages: load $(fmt "$wl"), graph $(fmt "$wg"), reach $(fmt "$wr") ms"
    echo "  wenyun circle --json --site 3  wall $(fmt "$ws") ms, CPU $(fmt "$wsc") ms"
    echo "  PostgreSQL load (\\copy)        wall $(fmt "$ld") ms (once)"
    echo "  pgRouting, a call per venue    fresh psql wall $(fmt "$p1") ms (client CPU $(fmt "$p1c")); warm query $(fmt "$pw1") ms, backend CPU ${pw1c% *} ms"
    echo "  pgRouting, one multi-source    fresh psql wall $(fmt "$p2") ms (client CPU $(fmt "$p2c")); warm query $(fmt "$pw2") ms, backend CPU ${pw2c% *} ms"
    echo "  ratio (CPU): pgRouting's best warm reach query / wenyun's whole analysis = ${ratio}x; / wenyun's reach step = ${ratio_reach}x"
    echo
    rows+=("| $name | $nodes / $edges | $nven | ${w% *} / ${wc% *} | ${wl% *} | ${wr% *} | ${ws% *} / ${wsc% *} | ${ld% *} | ${p1% *} / ${pw1c% *} | ${p2% *} / ${pw2c% *} | ${ratio}x | ${ratio_reach}x |")
  done
done

echo "## Summary (medians, ms)"
echo
echo "wenyun: the whole analysis, wall / CPU, and its load and reach stages (as it reports them);"
echo "pgRouting: the reach query (reach, counts, both rules) as a fresh psql process (wall) / in a warm"
echo "session (backend CPU); the ratios divide pgRouting's better warm CPU time by wenyun's."
echo
echo "| case | nodes / edges | venues | wenyun full | load | reach | wenyun --site 3 | PG load | pgr per venue | pgr multi-source | pgr / wenyun full | pgr / wenyun reach |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
