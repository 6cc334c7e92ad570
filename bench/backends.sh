#!/usr/bin/env bash
# bench/backends.sh: the same HTTP workload against wenyun on SQLite and on PostgreSQL, with
# nginx serving a static file as a ceiling. See docs/performance.md for what it measures and
# the figures of a run.
#
#   bench/backends.sh [--duration S] [--connections N] [--warmup S] [--wrk-threads N]
#                     [--threads N] [--pool N] [--pg-fsync on|off] [--request-log on|off]
#
# In one run it: makes a temporary directory; starts a throwaway PostgreSQL cluster there (a
# Unix socket only, fsync on unless --pg-fsync off); loads the demo data into a SQLite file
# and into a PostgreSQL database; starts one `wenyun serve` per backend on 127.0.0.1 with the
# same settings; logs in once per account it needs (logins are slow on purpose and are not
# measured); runs wrk against each workload on each backend and against nginx; prints the
# figures and a summary table; and removes everything on exit, Ctrl-C included.
#
# It builds nothing: it runs build/wenyun (or $WY_BIN) as it finds it.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
bin=${WY_BIN:-$root/build/wenyun}

duration=10
connections=32
warmup=2
wrk_threads=1
threads=8
pool=8
pg_fsync=on
request_log=off

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

num() { [[ $2 =~ ^[0-9]+$ && $2 -ge 1 ]] || { echo "backends.sh: $1 wants a whole number >= 1" >&2; exit 2; }; }

while [ $# -gt 0 ]; do
  case "$1" in
  --duration) num "$1" "${2:-}"; duration=$2; shift 2 ;;
  --connections) num "$1" "${2:-}"; connections=$2; shift 2 ;;
  --warmup) [[ ${2:-} =~ ^[0-9]+$ ]] || { echo "backends.sh: --warmup wants seconds (0 for none)" >&2; exit 2; }
    warmup=$2; shift 2 ;;
  --wrk-threads) num "$1" "${2:-}"; wrk_threads=$2; shift 2 ;;
  --threads) num "$1" "${2:-}"; threads=$2; shift 2 ;;
  --pool) num "$1" "${2:-}"; pool=$2; shift 2 ;;
  --pg-fsync)
    case "${2:-}" in on | off) pg_fsync=$2 ;; *) echo "backends.sh: --pg-fsync wants on or off" >&2; exit 2 ;; esac
    shift 2 ;;
  --request-log)
    case "${2:-}" in on | off) request_log=$2 ;; *) echo "backends.sh: --request-log wants on or off" >&2; exit 2 ;; esac
    shift 2 ;;
  -h | --help) usage 0 ;;
  *) echo "backends.sh: unknown option $1" >&2; usage 2 >&2 ;;
  esac
done
[ "$connections" -ge "$wrk_threads" ] || { echo "backends.sh: --connections must be at least --wrk-threads" >&2; exit 2; }

# ---------------------------------------------------------------------------------------------
# What the bench needs: the built binary and a few Debian packages.

if [ ! -x "$bin" ]; then
  echo "backends.sh: $bin is missing; build it first:" >&2
  echo "  cmake -S $root -B $root/build -DCMAKE_BUILD_TYPE=RelWithDebInfo && cmake --build $root/build -j2" >&2
  exit 1
fi
# shellcheck disable=SC2012 # the same lookup as tests/pg/pgctl.sh
pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx-light)
command -v curl >/dev/null || missing+=(curl)
command -v psql >/dev/null || missing+=(postgresql-client)
[ -x "$pg_bin/initdb" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "backends.sh: missing tools; install them with:" >&2
  echo "  apt-get install ${missing[*]}" >&2
  exit 1
fi

as_pg() { # PostgreSQL refuses to run as root: run its programs as the postgres user then
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# ---------------------------------------------------------------------------------------------
# Clean-up: every process this script started, by its pid, and the temporary directory.

tmp=""
pids=()      # wenyun servers and nginx (started in the background, each exec'd directly)
pg_dir=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
  if [ -n "$pg_dir" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then
    "$root/tests/pg/pgctl.sh" stop "$pg_dir" || true
  fi
  [ -n "$tmp" ] && rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
exec 3>&2 # the script's own stderr, for the message below even inside a redirection
trap 'echo "backends.sh: interrupted; cleaning up" >&3; exit 130' INT TERM

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wenyun-bench.XXXXXX")
chmod 755 "$tmp" # the postgres user (as root) and nginx's workers must reach into it

log() { printf '%s\n' "$*" >&2; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}'; }

# ---------------------------------------------------------------------------------------------
# The machine and the versions, for the record.

cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
sqlite_ver=$(dpkg-query -W -f='${Version}' libsqlite3-0 2>/dev/null || echo '?')
mhd_ver=$(dpkg-query -W -f='${Version}' libmicrohttpd12 2>/dev/null || echo '?')
echo "# wenyun backend benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine:   $(nproc) CPUs ($cpu_model), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, Linux $(uname -r)"
rev=$(git -C "$root" describe --always --dirty 2>/dev/null || echo '?')
echo "binary:    $bin (built $(date -u -r "$bin" +%Y-%m-%dT%H:%MZ); source tree at $rev)"
echo "versions:  $("$bin" version), PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}'), SQLite $sqlite_ver, libmicrohttpd $mhd_ver,"
echo "           $(nginx -v 2>&1 | sed 's/^nginx version: //'), $(wrk -v 2>&1 | head -n 1 | awk '{print "wrk " $2}')"
echo "settings:  wrk -t$wrk_threads -c$connections -d${duration}s --timeout 10s --latency (after ${warmup}s of warm-up);" \
  "server.threads=$threads db.pool=$pool request_log=$request_log; SQLite synchronous=FULL (WAL); PostgreSQL fsync=$pg_fsync"
echo

# The figures mean something only on an otherwise idle machine: look before starting.
read -r b0 t0_ _ <<<"$(awk '/^cpu / {idle = $5 + $6; tot = 0; for (i = 2; i <= 9; i++) tot += $i; print tot - idle, tot, 0}' /proc/stat)"
sleep 1
read -r b1 t1_ _ <<<"$(awk '/^cpu / {idle = $5 + $6; tot = 0; for (i = 2; i <= 9; i++) tot += $i; print tot - idle, tot, 0}' /proc/stat)"
idle_busy=$(((b1 - b0) * 100 / (t1_ - t0_ > 0 ? t1_ - t0_ : 1)))
echo "before:    the machine was ${idle_busy}% busy in the second before the benchmark (load average $(cut -d' ' -f1-3 /proc/loadavg))"
if [ "$idle_busy" -gt 10 ]; then
  echo "warning:   something else is using the CPU; the figures below will be low and noisy"
fi
echo

# ---------------------------------------------------------------------------------------------
# PostgreSQL: the same cluster as tests/pg/pgctl.sh (same initdb flags, Unix socket only), but
# with fsync on by default, so that a commit is as durable as SQLite's synchronous=FULL one.
# pgctl.sh stops it and removes its directory.

pg_dir=$tmp/pg
mkdir -p "$pg_dir"
[ "$(id -u)" = 0 ] && chown postgres: "$pg_dir"
t0=$(date +%s.%N)
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log" >&2; exit 1; }
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
  -o "-k $pg_dir -c listen_addresses='' -c fsync=$pg_fsync -c max_connections=300 -c shared_buffers=64MB" \
  start >/dev/null || { cat "$pg_dir/server.log" >&2; exit 1; }
psql -qX -h "$pg_dir" -U postgres -d postgres -c 'CREATE DATABASE wenyun_bench' >/dev/null
pg_url="postgresql:///wenyun_bench?host=$pg_dir&user=postgres"
pg_pid=$(head -n 1 "$pg_dir/data/postmaster.pid")
log "postgresql: ready on $pg_dir (fsync=$(psql -AtX -h "$pg_dir" -U postgres -d postgres -c 'SHOW fsync'))" \
  "in $(since "$t0") s"

sqlite_url=$tmp/sqlite/wenyun.db
mkdir -p "$tmp/sqlite"

# One settings file for both servers: same threads and pool; the request log off unless asked
# for (it costs the same on both backends and is not what is compared); login throttling out
# of the way.
cat >"$tmp/wenyun.ini" <<EOF
[server]
threads = $threads
request_log = $([ "$request_log" = on ] && echo true || echo false)
per_ip_connections = 100000
max_connections = 100000
[db]
pool = $pool
[auth]
login_slow_after = 1000
login_ip_slow_after = 1000000
EOF

for b in sqlite pg; do
  url=$sqlite_url
  [ $b = pg ] && url=$pg_url
  t0=$(date +%s.%N)
  "$bin" demo --db "$url" --config "$tmp/wenyun.ini" >"$tmp/demo-$b.log" 2>&1 \
    || { cat "$tmp/demo-$b.log" >&2; exit 1; }
  log "$b: demo data loaded in $(since "$t0") s"
done

# ---------------------------------------------------------------------------------------------
# The servers.

declare -A base pid
start_server() { # name url
  local name=$1 url=$2 port=""
  "$bin" serve --db "$url" --listen 127.0.0.1:0 --port-file "$tmp/port-$name" --config "$tmp/wenyun.ini" \
    >"$tmp/serve-$name.log" 2>&1 &
  pid[$name]=$!
  pids+=("$!")
  for _ in $(seq 150); do
    kill -0 "${pid[$name]}" 2>/dev/null || { cat "$tmp/serve-$name.log" >&2; log "$name: wenyun serve exited"; exit 1; }
    if [ -s "$tmp/port-$name" ] && [ "$(tail -c 1 "$tmp/port-$name" | od -An -c | tr -d ' ')" = '\n' ]; then
      port=$(head -n 1 "$tmp/port-$name")
      break
    fi
    sleep 0.1
  done
  [ -n "$port" ] || { cat "$tmp/serve-$name.log" >&2; log "$name: no port file"; exit 1; }
  base[$name]=http://127.0.0.1:$port
  curl -fsS -o /dev/null "${base[$name]}/healthz" || { cat "$tmp/serve-$name.log" >&2; exit 1; }
  log "$name: wenyun serving on ${base[$name]} (pid ${pid[$name]})"
}
start_server sqlite "$sqlite_url"
start_server pg "$pg_url"

# The body of the divisions response, served by nginx as a static file: the ceiling.
curl -fsS -o "$tmp/division.json" "${base[sqlite]}/api/v1/divisions/5104"
mkdir -p "$tmp/nginx/www/api/v1/divisions" "$tmp/nginx/logs"
cp "$tmp/division.json" "$tmp/nginx/www/api/v1/divisions/5104"
chmod -R a+rX "$tmp/nginx/www"
start_nginx() {
  local port
  for _ in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    cat >"$tmp/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 10000000;
  keepalive_timeout 60s;
  default_type application/json;
  client_body_temp_path $tmp/nginx/body;
  proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi;
  scgi_temp_path $tmp/nginx/scgi;
  server {
    listen 127.0.0.1:$port;
    root $tmp/nginx/www;
    location / { default_type "application/json; charset=utf-8"; }
  }
}
EOF
    nginx -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -g 'daemon off;' 2>>"$tmp/nginx/logs/error.log" &
    local p=$!
    for _ in $(seq 50); do
      if curl -fsS -o /dev/null "http://127.0.0.1:$port/api/v1/divisions/5104" 2>/dev/null; then
        pids+=("$p")
        pid[nginx]=$p
        base[nginx]=http://127.0.0.1:$port
        log "nginx: serving on ${base[nginx]} (pid $p)"
        return 0
      fi
      kill -0 "$p" 2>/dev/null || break
      sleep 0.1
    done
    kill -TERM "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  cat "$tmp/nginx/logs/error.log" >&2
  log "nginx: could not start"
  exit 1
}
start_nginx

# ---------------------------------------------------------------------------------------------
# Log in once per account and backend (argon2id: slow on purpose, not benchmarked).

declare -A token
login() { # backend phone password
  local r
  r=$(curl -fsS -X POST -H 'Content-Type: application/json' \
    -d "{\"phone\":\"$2\",\"password\":\"$3\"}" "${base[$1]}/api/v1/auth/login") \
    || { log "$1: login of $2 failed"; exit 1; }
  token[$1/$2]=$(printf '%s' "$r" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
  [ -n "${token[$1/$2]}" ] || { log "$1: no token in the login answer: $r"; exit 1; }
}
for b in sqlite pg; do
  login $b 13900000002 Demo2026dq # district admin of 东区 510402
  login $b 13900000005 Demo2026vm # venue manager at 510402001
done

# ---------------------------------------------------------------------------------------------
# The workloads: name | method | path | token of | body | expected status

notice_body='{"division":"510402001","title":"压测草稿：周末公益书法课","body":"本周六上午九点在大渡口街道文化站开设公益书法课，面向辖区居民，免费参加，名额三十人。"}'
workloads=(
  "a division|GET|/api/v1/divisions/5104|||200"
  "b me|GET|/api/v1/me|13900000005||200"
  "c home|GET|/|||200"
  "d accounts|GET|/api/v1/accounts?division=510402|13900000002||200"
  "e notice-create|POST|/api/v1/notices|13900000005|$notice_body|201"
)

# CPU accounting: clock ticks of the whole machine and of the processes of each side.
hz=$(getconf CLK_TCK)
proc_ticks() { # pids... -> utime+stime of them all
  local t=0 p v
  for p in "$@"; do
    v=$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null | awk '{print $12 + $13}') || v=0
    t=$((t + ${v:-0}))
  done
  echo "$t"
}
tree_pids() { echo "$1"; ps -o pid= --ppid "$1" 2>/dev/null || true; }
machine_ticks() { # -> "busy total softirq" of the whole machine, from /proc/stat
  awk '/^cpu / {idle = $5 + $6; tot = 0; for (i = 2; i <= 9; i++) tot += $i; print tot - idle, tot, $7 + $8}' /proc/stat
}
snapshot() { # -> "busy total softirq server_ticks db_ticks"
  local sys srv db=0
  sys=$(machine_ticks)
  # shellcheck disable=SC2046 # a list of pids, split on purpose
  srv=$(proc_ticks $(tree_pids "${pid[$1]}"))
  # shellcheck disable=SC2046
  [ "$1" = pg ] && db=$(proc_ticks $(tree_pids "$pg_pid"))
  echo "$sys $srv $db"
}

ms() { awk -v u="$1" 'BEGIN {print u / 1000}'; }

declare -A res disturbed
run() { # backend workload-spec
  local b=$1 name method path who body want url out tfile code size
  IFS='|' read -r name method path who body want <<<"$2"
  url=${base[$b]}$path
  local tok=""
  [ -n "$who" ] && tok=${token[$b/$who]}
  # one request by hand first: the status must be the expected one
  local cargs=(-sS -o "$tmp/probe.out" -w '%{http_code} %{size_download}' -X "$method")
  [ -n "$tok" ] && cargs+=(-H "Authorization: Bearer $tok")
  [ -n "$body" ] && cargs+=(-H 'Content-Type: application/json' --data-binary "$body")
  read -r code size <<<"$(curl "${cargs[@]}" "$url")"
  if [ "$code" != "$want" ]; then
    log "$b $name: $method $path answered $code, not $want:"
    head -c 600 "$tmp/probe.out" >&2
    echo >&2
    exit 1
  fi
  export WRK_METHOD=$method WRK_BODY=$body WRK_TOKEN=$tok
  if [ "$warmup" -gt 0 ]; then
    wrk -t"$wrk_threads" -c"$connections" -d"${warmup}s" -s "$here/backends.lua" "$url" >/dev/null 2>&1
  fi
  out=$tmp/wrk-$b-${name// /_}.txt
  tfile=$tmp/time-$b-${name// /_}
  local s0 s1
  s0=$(snapshot "$b")
  { TIMEFORMAT='%U %S'; time wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --timeout 10s --latency \
    -s "$here/backends.lua" "$url" >"$out" 2>&1; } 2>"$tfile"
  s1=$(snapshot "$b")
  unset WRK_METHOD WRK_BODY WRK_TOKEN
  local line
  line=$(grep '^BENCH ' "$out") || { cat "$out" >&2; log "$b $name: wrk gave no result"; exit 1; }
  local requests duration_us p50_us p90_us p99_us max_us status_errors connect_errors read_errors write_errors timeouts
  eval "$(echo "${line#BENCH }" | tr ' ' '\n' | sed 's/^/local /')"
  local rps sock wrk_cpu srv_cpu db_cpu si_cpu other_cpu
  rps=$(awk -v n="$requests" -v d="$duration_us" 'BEGIN {printf "%.0f", n / (d / 1e6)}')
  sock=$((connect_errors + read_errors + write_errors + timeouts))
  read -r -a a0 <<<"$s0"
  read -r -a a1 <<<"$s1"
  # per cent of one core: ticks / (ticks per second of one core * seconds measured); the
  # machine's total over the same window, from /proc/stat, is (ncpu * 100%)
  local ncpu_ticks
  ncpu_ticks=$((a1[1] - a0[1]))
  pct() { awk -v x="$1" -v t="$ncpu_ticks" -v n="$(nproc)" 'BEGIN {printf "%.0f", t ? 100 * n * x / t : 0}'; }
  wrk_cpu=$(awk -v t="$(cat "$tfile")" -v hz="$hz" 'BEGIN {split(t, a, " "); printf "%.0f", (a[1] + a[2]) * hz}')
  srv_cpu=$(pct $((a1[3] - a0[3])))
  db_cpu=$(pct $((a1[4] - a0[4])))
  si_cpu=$(pct $((a1[2] - a0[2])))
  # softirq (the loopback network) is mostly charged to the processes too; the rest of the
  # machine's busy time is other processes (another job on a shared machine)
  other_cpu=$(pct $((a1[0] - a0[0] - (a1[3] - a0[3]) - (a1[4] - a0[4]) - wrk_cpu)))
  wrk_cpu=$(pct "$wrk_cpu")
  res[$b/$name]=$rps
  [ "$other_cpu" -gt 25 ] && disturbed[$b/$name]=1
  local errs=$((status_errors + sock))
  printf '%-6s %-14s %6s req/s  p50 %5.2f  p90 %7.2f  p99 %7.2f  max %7.1f ms  %4s B  err %s  cpu%%: server %3s db %3s wrk %3s softirq %3s other %3s\n' \
    "$b" "$name" "$rps" "$(ms "$p50_us")" "$(ms "$p90_us")" "$(ms "$p99_us")" "$(ms "$max_us")" "$size" "$errs" \
    "$srv_cpu" "$db_cpu" "$wrk_cpu" "$si_cpu" "$other_cpu"
  if [ "$errs" -ne 0 ]; then
    log "$b $name: $status_errors responses with status >= 400, $sock socket errors (see wrk output below)"
    cat "$out" >&2
    failures=$((failures + 1))
  fi
}

failures=0
echo "Latencies in ms. CPU columns: per cent of one core over the measured run ($(nproc)00% = the whole"
echo "machine): server = wenyun (or nginx), db = PostgreSQL's processes (SQLite runs inside the"
echo "server), wrk = the load generator, other = any other process on the machine (should be near 0;"
echo "if not, the figures are disturbed); softirq = the kernel's loopback network work, most of it"
echo "already counted in the processes' figures."
echo
run nginx "a division|GET|/api/v1/divisions/5104|||200"
for b in sqlite pg; do
  for w in "${workloads[@]}"; do run "$b" "$w"; done
done

# ---------------------------------------------------------------------------------------------
# The summary: req/s per backend, as a share of nginx serving a static file of the same size as
# the divisions answer, and PostgreSQL over SQLite.

echo
echo "| workload | SQLite req/s | PostgreSQL req/s | PG / SQLite | SQLite / nginx | PG / nginx |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
ng=${res[nginx/a division]}
for w in "${workloads[@]}"; do
  IFS='|' read -r name method path _ <<<"$w"
  s=${res[sqlite/$name]} p=${res[pg/$name]}
  awk -v n="$name" -v m="$method" -v u="$path" -v s="$s" -v p="$p" -v g="$ng" \
    -v ds="${disturbed[sqlite/$name]:+*}" -v dp="${disturbed[pg/$name]:+*}" \
    'BEGIN {printf "| (%s) %s `%s` | %d%s | %d%s | %.2f | %.3f | %.3f |\n", substr(n, 1, 1), m, u, s, ds, p, dp, p / s, s / g, p / g}'
done
echo "| nginx, static file of $(stat -c %s "$tmp/division.json") B | | | | $ng${disturbed[nginx/a division]:+*} req/s | |"
if [ -n "${disturbed[*]:-}" ]; then
  echo
  echo "\* other processes took more than a quarter of a core during that run: the figure is low."
fi

if [ "$failures" -gt 0 ]; then
  log "backends.sh: $failures run(s) had errors"
  exit 1
fi
