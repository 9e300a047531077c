#!/usr/bin/env bash
# Catalog pages over HTTP on a generated corpus (not run by CI).
#
#   bench/catalog-pages.sh [RECORDS=100000] [RUNS=30]
#
# Loads RECORDS demo records with `gongkai demo load` (timed: records/s), serves them with the
# Release build on a loopback port, and times each URL RUNS times with curl after one warm-up
# request. The baseline, /healthz (one trivial database query), is timed in the same run: the
# ratio column compares each page to it, which holds better than absolute times on a noisy machine.
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-100000}
runs=${2:-30}
port=5077
data=$(mktemp -d)
web_pid=""
cleanup() { [ -n "$web_pid" ] && kill "$web_pid" 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT

dotnet build src/Gongkai.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build src/Gongkai.Web -c Release -nologo -clp:ErrorsOnly >/dev/null

start=$(date +%s.%N)
dotnet src/Gongkai.Cli/bin/Release/net10.0/gongkai.dll --data-path "$data" demo load --records "$records" >/dev/null
end=$(date +%s.%N)
load_s=$(echo "$end - $start" | bc)
db_mb=$(du -m "$data/gongkai.db" | cut -f1)

(cd src/Gongkai.Web && exec env Gongkai__DataPath="$data" Gongkai__Demo__LoadWhenEmpty=false \
  dotnet bin/Release/net10.0/Gongkai.Web.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1) &
web_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

time_url() {  # prints the median and the 90th percentile in ms
  local url=$1
  curl -s -o /dev/null "http://127.0.0.1:$port$url"
  for _ in $(seq 1 "$runs"); do
    curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port$url"
  done | sort -n | awk '{ t[NR] = $1 * 1000 } END { printf "%.1f %.1f\n", t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)] }'
}

read -r base_p50 base_p90 < <(time_url /healthz)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "corpus: $((records + 1)) records, database ${db_mb} MiB; demo load ${load_s%.*} s = $(echo "$records / $load_s" | bc) records/s"
echo
echo "| URL | p50 ms | p90 ms | p50 ÷ /healthz |"
echo "|---|---|---|---|"
echo "| /healthz (baseline) | $base_p50 | $base_p90 | 1.0 |"
for url in / /xxgk/01404053X/2020-00390 /gxq/xxgk/ml /jy/xxgk/ml "/jy/xxgk/ml?year=2020" \
           "/jy/xxgk/ml?page=100" "/jy/xxgk/ml?page=500" "/api/v1/records" /gxq/xxgk/rss.xml; do
  read -r p50 p90 < <(time_url "$url")
  echo "| $url | $p50 | $p90 | $(echo "scale=1; $p50 / $base_p50" | bc) |"
done
