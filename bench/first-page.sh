#!/usr/bin/env bash
# Restart to the first record page served (not run by CI): starts the Release portal RUNS times on
# one data folder of RECORDS demo records and times, from the process start, the first 200 answer of
# the reference record page (polled every 20 ms with curl).
#
#   bench/first-page.sh [RECORDS=360] [RUNS=5] [BUILD=build|r2r]
#
# BUILD=build runs the output of `dotnet build -c Release`; r2r runs `dotnet publish -c Release -r
# linux-x64 --self-contained false -p:PublishReadyToRun=true` (code compiled ahead of time, as an
# installation would publish it). Both are timed in one run when BUILD is "both", alternating.
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-360}
runs=${2:-5}
build=${3:-build}
port=5081
data=$(mktemp -d)
published=$(mktemp -d)
web_pid=""
cleanup() { [ -n "$web_pid" ] && kill "$web_pid" 2>/dev/null; rm -rf "$data" "$published"; }
trap cleanup EXIT
dotnet build src/Gongkai.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build src/Gongkai.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
if [ "$build" != build ]; then
  dotnet publish src/Gongkai.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$published" -nologo -clp:ErrorsOnly >/dev/null
fi
dotnet src/Gongkai.Cli/bin/Release/net10.0/gongkai.dll --data-path "$data" demo load --records "$records" --requests 0 >/dev/null
url="http://127.0.0.1:$port/xxgk/01404053X/2020-00390"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $records records; $runs starts"
start_once() {  # $1: build or r2r
  # The build's output runs from the project folder (its wwwroot); the published one from its own.
  local dir=src/Gongkai.Web dll=bin/Release/net10.0/Gongkai.Web.dll start end
  [ "$1" = r2r ] && dir=$published dll=Gongkai.Web.dll
  start=$(date +%s%N)
  (cd "$dir" && exec env Gongkai__DataPath="$data" Gongkai__Demo__LoadWhenEmpty=false \
    dotnet "$dll" --urls "http://127.0.0.1:$port" >/dev/null 2>&1) &
  web_pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ]; do sleep 0.02; done
  end=$(date +%s%N)
  printf '%s start %s: first record page after %d ms\n' "$1" "$run" $(( (end - start) / 1000000 ))
  kill "$web_pid"; wait "$web_pid" 2>/dev/null || true; web_pid=""
}
for run in $(seq 1 "$runs"); do
  case "$build" in
    both) start_once build; start_once r2r ;;
    *) start_once "$build" ;;
  esac
done
