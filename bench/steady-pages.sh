#!/usr/bin/env bash
# Uncached public pages once the portal is warm (issue 18; not run by CI).
#
#   bench/steady-pages.sh DATA [RUNS=100] URL...
#
# Starts the Release portal on DATA (a data folder made by bench/public-pages.sh) with its page cache
# off, requests every URL RUNS times untimed (the code compiled and tiered up, the catalog's counts of
# each filter kept), then RUNS times timed with curl: p50 / p90 / p99 (nearest rank) per URL, in ms.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: bench/steady-pages.sh DATA [RUNS] URL...}
runs=${2:-100}
shift 2
port=5077
dotnet build src/Gongkai.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
(cd src/Gongkai.Web && exec env Gongkai__DataPath="$data" Gongkai__Demo__LoadWhenEmpty=false Gongkai__Caching__Enabled=false \
  dotnet bin/Release/net10.0/Gongkai.Web.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1) &
web_pid=$!
trap 'kill "$web_pid" 2>/dev/null; true' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for url in "$@"; do
  for _ in $(seq 1 "$runs"); do curl -s -o /dev/null "http://127.0.0.1:$port$url"; done
done
echo "| URL | p50 / p90 / p99 ms |"
echo "|---|---|"
for url in "$@"; do
  for _ in $(seq 1 "$runs"); do curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port$url"; done |
    sort -n | awk -v u="$url" '{ t[NR] = $1 * 1000 } END { printf "| `%s` | %.1f / %.1f / %.1f |\n", u, t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.999)], t[int(NR * 0.99 + 0.999)] }'
done
