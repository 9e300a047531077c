#!/usr/bin/env bash
# A busy morning (issue 18; not run by CI): MINUTES of mixed traffic while an editor publishes.
#
#   bench/mixed-load.sh DATA [MINUTES=5] [CONNECTIONS=64] [PER_MINUTE=10]
#
# DATA is a data folder with records and a built search index (the one `bench/public-pages.sh
# RECORDS RUNS DATA` leaves). The Release portal runs on it as shipped (page cache on). wrk (installed
# with apt when missing; 2 threads, CONNECTIONS connections) requests for MINUTES a mix of record
# pages (5,000 addresses from ten sitemap pages, 60 %), catalog pages (first, deeper and faceted pages of
# every site, 20 %), searches (10 %), site homes and RSS (10 %). Meanwhile `Gongkai.Bench publish`
# has an editor and a reviewer publish PER_MINUTE records a minute through RecordWorkflow on the same
# database, and after each times how long until the record's page, its site's catalog and
# /api/v1/records show it. Prints wrk's latency distribution and errors, the publication figures,
# and the portal's resident memory (VmRSS, split into RssAnon and RssFile, peak VmHWM) at the end.
# wrk prints "Non-2xx or 3xx responses" and "Socket errors" only when there were any.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: bench/mixed-load.sh DATA [MINUTES] [CONNECTIONS] [PER_MINUTE]}
minutes=${2:-5}
connections=${3:-64}
per_minute=${4:-10}
port=5079
work=$(mktemp -d)
web_pid=""
cleanup() { [ -n "$web_pid" ] && kill "$web_pid" 2>/dev/null; rm -rf "$work"; true; }
trap cleanup EXIT

command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
command -v jq >/dev/null || apt-get install -y -qq jq >/dev/null
dotnet build src/Gongkai.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build bench/Gongkai.Bench -c Release -nologo -clp:ErrorsOnly >/dev/null

(cd src/Gongkai.Web && exec env Gongkai__DataPath="$data" Gongkai__Demo__LoadWhenEmpty=false \
  dotnet bin/Release/net10.0/Gongkai.Web.dll --urls "http://127.0.0.1:$port" >"$work/portal.log" 2>&1) &
web_pid=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

# The mix, one path per line, each kind repeated to its share.
for page in $(curl -s "http://127.0.0.1:$port/sitemap.xml" | grep -o 'sitemap-[0-9]*\.xml' | shuf -n 10 --random-source=<(yes)); do
  curl -s "http://127.0.0.1:$port/$page" | grep -o '/xxgk/[0-9A-Z]*/[0-9]*-[0-9]*'
done | shuf -n 5000 --random-source=<(yes) > "$work/records"
{
  cat "$work/records"
  for _ in 1 2 3 4 5 6; do
    for site in gxq lg jy; do
      echo "/$site/xxgk/ml"
      for page in 2 5 20 100; do echo "/$site/xxgk/ml?page=$page"; done
      echo "/$site/xxgk/ml?year=2020"; echo "/$site/xxgk/ml?genre=%E9%80%9A%E7%9F%A5"
      echo "/$site/xxgk/ml?genre=%E9%80%9A%E7%9F%A5&year=2021&page=2"
    done
  done | shuf -n 1667 -r --random-source=<(yes)
  for q in 项目攻坚 安全生产 招商 人才 创新 企业 财政 预算 教育 医疗 交通 环境 住房 就业 养老 营商环境; do
    echo "/search?q=$(printf %s "$q" | jq -sRr @uri)"
  done | shuf -n 833 -r --random-source=<(yes)
  for _ in $(seq 1 100); do echo /; echo /gxq/xxgk/; echo /gxq/xxgk/rss.xml; echo /jy/xxgk/rss.xml; done | shuf -n 833 -r --random-source=<(yes)
} > "$work/paths"
cat > "$work/mixed.lua" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
math.randomseed(os.time() + math.floor(os.clock() * 1000000))
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
LUA

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "corpus: $(curl -s "http://127.0.0.1:$port/api/v1/records?pageSize=1" | jq .total) catalog records; mix: $(wc -l < "$work/paths") paths"
dotnet bench/Gongkai.Bench/bin/Release/net10.0/Gongkai.Bench.dll publish "$data" "http://127.0.0.1:$port" "$per_minute" "$minutes" > "$work/publish.log" 2>&1 &
publisher=$!
PATHS="$work/paths" wrk -t2 -c"$connections" -d"${minutes}m" --timeout 10s --latency -s "$work/mixed.lua" "http://127.0.0.1:$port"
publish_rc=0
wait "$publisher" || publish_rc=$?
cat "$work/publish.log"
echo "publisher exit code: $publish_rc"
mib() { awk -v k="$1:" '$1 == k {print int($2 / 1024)}' "/proc/$web_pid/status"; }
echo "portal memory at the end: VmRSS $(mib VmRSS) MiB (RssAnon $(mib RssAnon) MiB: the process's own; RssFile $(mib RssFile) MiB: pages of the memory-mapped index files and binaries, which the kernel reclaims as cache), peak VmHWM $(mib VmHWM) MiB"
echo "errors in the portal's log: $(grep -c -E '^fail|Exception' "$work/portal.log" || true)"
# The first errors with the lines after them (the exception and its stack).
grep -m 5 -A 12 -E '^fail' "$work/portal.log" || true
