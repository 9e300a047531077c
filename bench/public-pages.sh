#!/usr/bin/env bash
# Every kind of public page at a given size, uncached and cached (issue 18; not run by CI).
#
#   bench/public-pages.sh [RECORDS=100000] [RUNS=50] [DATA=fresh]
#
# Loads RECORDS demo records with `gongkai demo load` and builds the search index with
# `gongkai search rebuild` (both timed), unless DATA names a folder that holds them already (kept
# then; a fresh one is deleted at the end). Then starts the Release portal twice on it, first with
# its page cache off (every request computes the page), then on, and requests each URL RUNS times
# with curl after one first request (timed apart: on the uncached run the first request of a
# catalog filter is the one that counts the index; later ones reuse its counts): p50 and p99 (nearest rank) per URL. The baseline, /healthz
# (one trivial database query), is timed in each run; the ratio column compares a page to it.
# Last, the portal's resident memory (VmRSS, VmHWM) after both runs.
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-100000}
runs=${2:-50}
data=${3:-}
port=5078
web_pid=""
keep=1
if [ -z "$data" ]; then data=$(mktemp -d); keep=0; fi
cleanup() { [ -n "$web_pid" ] && kill "$web_pid" 2>/dev/null; [ "$keep" = 0 ] && rm -rf "$data"; true; }
trap cleanup EXIT

dotnet build src/Gongkai.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build src/Gongkai.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
cli() { dotnet src/Gongkai.Cli/bin/Release/net10.0/gongkai.dll --data-path "$data" "$@"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
if [ ! -f "$data/gongkai.db" ]; then
  start=$(date +%s.%N); cli demo load --records "$records" >/dev/null; end=$(date +%s.%N)
  echo "demo load: $records records in $(printf %.0f "$(echo "$end - $start" | bc)") s"
  start=$(date +%s.%N); cli search rebuild >/dev/null; end=$(date +%s.%N)
  echo "search rebuild: $(printf %.0f "$(echo "$end - $start" | bc)") s"
fi
echo "database $(du -m "$data/gongkai.db" | cut -f1) MiB, index $(du -sm "$data/search" 2>/dev/null | cut -f1) MiB"

command -v sqlite3 >/dev/null || apt-get install -y -qq sqlite3 >/dev/null
# The last sitemap page.
last_sitemap=$(( ( $(sqlite3 "$data/gongkai.db" 'select max(Id) from Records') + 999 ) / 1000 ))
urls=(
  /xxgk/01404053X/2020-00390                # record page (its 解读 back-link query runs for every record)
  /                                         # portal home
  /gxq/xxgk/                                # site home (disclosure section)
  /gxq/xxgk/zcjd                            # column: 政策解读
  /gxq/xxgk/fdzdgknr                        # column: theme tree (catalog facets)
  /gxq/xxgk/zd                              # column: 制度 (a column with few records)
  /jy/xxgk/ml                               # catalog, all sites, first page
  "/gxq/xxgk/ml?genre=%E9%80%9A%E7%9F%A5&year=2020"  # catalog, faceted (通知, 2020)
  "/jy/xxgk/ml?page=500"                    # catalog, the deepest page offered
  /api/v1/records
  "/api/v1/records?page=500&site=gxq"
  /gxq/xxgk/rss.xml
  /jy/xxgk/rss.xml
  /sitemap.xml
  /sitemap-1.xml
  "/sitemap-$last_sitemap.xml"
  /statistics
  /api/v1/statistics
)

start_portal() {  # $1: page cache on (true) or off (false)
  (cd src/Gongkai.Web && exec env Gongkai__DataPath="$data" Gongkai__Demo__LoadWhenEmpty=false Gongkai__Caching__Enabled="$1" \
    dotnet bin/Release/net10.0/Gongkai.Web.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1) &
  web_pid=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.2; done
  echo "the portal did not start" >&2; exit 1
}
stop_portal() { kill "$web_pid"; wait "$web_pid" 2>/dev/null || true; web_pid=""; }

time_url() {  # prints the status, the first request's time, p50 and p99 in ms
  local url=$1 status t0
  read -r status t0 < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$port$url")
  for _ in $(seq 1 "$runs"); do
    curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port$url"
  done | sort -n | awk -v s="$status" -v f="$t0" '{ t[NR] = $1 * 1000 } END { i = int(NR * 0.99 + 0.999); printf "%s %.1f %.1f %.1f\n", s, f * 1000, t[int((NR + 1) / 2)], t[i] }'
}

declare -A first p50 p99 status
for mode in false true; do
  start_portal "$mode"
  for url in /healthz "${urls[@]}"; do
    read -r s f a b < <(time_url "$url")
    status[$mode$url]=$s; first[$mode$url]=$f; p50[$mode$url]=$a; p99[$mode$url]=$b
  done
  if [ "$mode" = true ]; then
    rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$web_pid/status")
    anon=$(awk '/RssAnon/ {print int($2 / 1024)}' "/proc/$web_pid/status")
    hwm=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$web_pid/status")
  fi
  stop_portal
done

echo
echo "| URL | status | uncached: first request, p50 / p99 ms | ÷ /healthz (p50) | cached p50 / p99 ms |"
echo "|---|---|---|---|---|"
for url in /healthz "${urls[@]}"; do
  echo "| \`$url\` | ${status[false$url]} | ${first[false$url]}, ${p50[false$url]} / ${p99[false$url]} | $(echo "scale=1; ${p50[false$url]} / ${p50[false/healthz]}" | bc) | ${p50[true$url]} / ${p99[true$url]} |"
done
echo
echo "portal memory after both runs (cached run's process): VmRSS ${rss} MiB (RssAnon ${anon} MiB), peak VmHWM ${hwm} MiB"
