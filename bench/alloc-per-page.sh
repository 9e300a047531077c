#!/usr/bin/env bash
# What each kind of public request allocates on the portal's heap (issue 18; not run by CI).
#
#   bench/alloc-per-page.sh DATA URL...
#
# Starts the Release portal on DATA as shipped (page cache on: a cacheable page is rendered once,
# then served from the cache), and for each URL: requests it once, runs wrk (1 thread, 4
# connections) for 3 s untimed, then for 6 s while dotnet-counters (installed into a temporary
# folder) reads the runtime's allocation rate; prints requests per second and bytes allocated per
# request (the median allocation rate over the requests per second). wrk sends no Accept-Encoding:
# the responses are uncompressed.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: bench/alloc-per-page.sh DATA URL...}
shift
port=5076
tools=$(mktemp -d)
web_pid=""
trap '[ -n "$web_pid" ] && kill "$web_pid" 2>/dev/null; rm -rf "$tools"; true' EXIT
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
dotnet tool install dotnet-counters --tool-path "$tools" >/dev/null
dotnet build src/Gongkai.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
(cd src/Gongkai.Web && exec env Gongkai__DataPath="$data" Gongkai__Demo__LoadWhenEmpty=false \
  dotnet bin/Release/net10.0/Gongkai.Web.dll --urls "http://127.0.0.1:$port") >/dev/null 2>&1 &
web_pid=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
pid=$(pgrep -f "Gongkai.Web.dll --urls http://127.0.0.1:$port" | head -1)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "| URL | req/s | allocated per request |"
echo "|---|---|---|"
for url in "$@"; do
  curl -s -o /dev/null "http://127.0.0.1:$port$url"
  wrk -t1 -c4 -d3s "http://127.0.0.1:$port$url" >/dev/null
  "$tools/dotnet-counters" collect -p "$pid" --counters System.Runtime --format csv -o "$tools/c.csv" --duration 00:00:08 >/dev/null 2>&1 &
  counters=$!
  sleep 1
  rps=$(wrk -t1 -c4 -d6s "http://127.0.0.1:$port$url" | awk '/Requests\/sec/ { print $2 }')
  wait "$counters" || true
  # The median of the per-second allocation rates read while wrk ran.
  rate=$(grep 'heap.total_allocated' "$tools/c.csv" | awk -F, '{ print $5 }' | sort -n | awk '{ r[NR] = $1 } END { print r[int((NR + 1) / 2)] }')
  awk -v u="$url" -v r="$rps" -v a="$rate" 'BEGIN { printf "| `%s` | %.0f | %.0f KB |\n", u, r, a / r / 1024 }'
done
