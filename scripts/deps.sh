#!/usr/bin/env bash
# Installs what wenyun needs to build, run and test on Debian 12, as root: the Debian
# packages (only those missing), the zh_CN.UTF-8 locale for the Chinese pages, and the npm
# packages of the browser tests. Safe to run again: it does nothing when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-all} # "run": what the server needs; "all": also what the tests need

run_pkgs=(build-essential cmake pkg-config gettext locales
          libmicrohttpd-dev libjansson-dev libsodium-dev libsqlite3-dev libinih-dev libcsv-dev
          libpq-dev libexpat1-dev zlib1g-dev libproj-dev libqrencode-dev libxlsxwriter-dev libssl-dev libzip-dev)
test_pkgs=(libcmocka-dev clang libclang-rt-14-dev clang-format chromium fonts-noto-cjk nodejs sqlite3 python3
           postgresql-15 postgresql-client-15 postgresql-15-pgrouting postgresql-15-postgis-3 nginx-light python3-icalendar
           libreoffice-calc-nogui poppler-utils)

pkgs=("${run_pkgs[@]}")
[ "$what" = all ] && pkgs+=("${test_pkgs[@]}")

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
missing=()
for p in "${pkgs[@]}"; do
  installed "$p" || missing+=("$p")
done
# libcurl (webhook delivery): any flavour of its development files will do; the OpenSSL one
# when none is there (the flavours conflict, so one already installed is kept)
installed libcurl4-openssl-dev || installed libcurl4-gnutls-dev || installed libcurl4-nss-dev ||
  missing+=(libcurl4-openssl-dev)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "deps: missing Debian packages: ${missing[*]}" >&2
    echo "deps: run 'sudo make deps' (or install them) and try again" >&2
    exit 1
  fi
  echo "deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# the Chinese pages need the zh_CN.UTF-8 locale (gettext follows it per request)
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
  if [ "$(id -u)" = 0 ]; then
    echo "deps: generating the zh_CN.UTF-8 locale"
    localedef -i zh_CN -f UTF-8 zh_CN.UTF-8
  else
    echo "deps: the zh_CN.UTF-8 locale is missing: pages will be in English" >&2
  fi
fi

if [ "$what" = all ]; then
  if ! command -v npm >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] && apt-get install -y -qq --no-install-recommends npm >/dev/null
  fi
  if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/echarts ] ||
     [ package.json -nt node_modules/.package-lock.json ]; then
    echo "deps: installing npm packages (ECharts for the dashboards; playwright-core drives Debian's Chromium)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
