#!/usr/bin/env bash
# Restart to the first record page served (not run by CI): starts the Release portal RUNS times on
# one data folder of RECORDS demo records and times, from the process start, the first 200 answer of
# the reference record page (polled every 20 ms with curl).
#
#   bench/first-page.sh [RECORDS=360] [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-360}
runs=${2:-5}
port=5081
data=$(mktemp -d)
web_pid=""
cleanup() { [ -n "$web_pid" ] && kill "$web_pid" 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT
dotnet build src/Gongkai.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build src/Gongkai.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet src/Gongkai.Cli/bin/Release/net10.0/gongkai.dll --data-path "$data" demo load --records "$records" --requests 0 >/dev/null
url="http://127.0.0.1:$port/xxgk/01404053X/2020-00390"
echo "machine: $(nproc) cores; $records records; $runs starts"
for run in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  (cd src/Gongkai.Web && exec env Gongkai__DataPath="$data" Gongkai__Demo__LoadWhenEmpty=false \
    dotnet bin/Release/net10.0/Gongkai.Web.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1) &
  web_pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ]; do sleep 0.02; done
  end=$(date +%s%N)
  printf 'start %s: first record page after %d ms\n' "$run" $(( (end - start) / 1000000 ))
  kill "$web_pid"; wait "$web_pid" 2>/dev/null || true; web_pid=""
done
