#!/usr/bin/env bash
# The first queries after a restart, with and without the saved search-cache clauses (not run by CI).
# Starts the Release portal on WORK_DIR/data four times and runs `Gongkai.Bench http` after each start:
#   1. no saved list (a first start): the 1,000 queries of seed 42;
#   2. restarted after run 1, which saved the clauses its queries used: the same queries;
#   3. no saved list again: 1,000 other queries of the same words (BENCH_QUERY_SEED=7);
#   4. restarted after run 3: the queries of seed 42, which that run never asked.
#
#   bench/restart.sh [WORK_DIR=/tmp/gongkai-search-bench] [QUERIES=1000]
#
# The portal runs with DOTNET_TC_CallCountingDelayMs=0, as docs/configuration.md recommends.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/gongkai-search-bench}
queries=${2:-1000}
port=5078
list="$work/data/search/warm-clauses.json"
web_pid=""
trap '[ -n "$web_pid" ] && kill "$web_pid" 2>/dev/null || true' EXIT
dotnet build bench/Gongkai.Bench -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build src/Gongkai.Web -c Release -nologo -clp:ErrorsOnly >/dev/null

run() {
  local label=$1 seed=$2 log
  log=$(mktemp)
  echo "== $label (queries of seed $seed)"
  (cd src/Gongkai.Web && exec env DOTNET_TC_CallCountingDelayMs=0 Gongkai__DataPath="$work/data" Gongkai__Demo__LoadWhenEmpty=false \
    dotnet bin/Release/net10.0/Gongkai.Web.dll --urls "http://127.0.0.1:$port" >"$log" 2>&1) &
  web_pid=$!
  local start=$SECONDS
  for _ in $(seq 1 900); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  echo "portal answered after $((SECONDS - start)) s"
  grep -o "Search caches warmed.*" "$log" || echo "no saved clauses warmed"
  BENCH_QUERY_SEED=$seed DOTNET_TC_CallCountingDelayMs=0 dotnet bench/Gongkai.Bench/bin/Release/net10.0/Gongkai.Bench.dll http "http://127.0.0.1:$port" "$queries" | grep HTTP
  kill "$web_pid"; wait "$web_pid" 2>/dev/null || true; web_pid=""
  rm -f "$log"
  [ -f "$list" ] && echo "saved: $(grep -o '"field"' "$list" | wc -l) clauses"
}
rm -f "$list"
run "1. first start, no saved list" 42
run "2. restart after run 1" 42
rm -f "$list"
run "3. first start, no saved list" 7
run "4. restart after run 3" 42
