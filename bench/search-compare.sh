#!/usr/bin/env bash
# Query latency of this checkout against an earlier commit, on the same index in the same session
# (not run by CI). Runs base, this, this, base (so drift in the machine shows), each in process
# (`Gongkai.Bench query`) and over HTTP (the Release portal serving the index, `Gongkai.Bench http`).
#
#   bench/search-compare.sh BASE_REV [WORK_DIR=/tmp/gongkai-search-bench] [QUERIES=1000]
#
# WORK_DIR must hold a data folder with an index (the one bench/search.sh leaves behind, or any data
# folder after `gongkai search rebuild`): the index named by data/search/current is searched. Each
# portal starts without a saved list of search-cache clauses (warm-clauses.json is deleted first).
set -euo pipefail
cd "$(dirname "$0")/.."
base_rev=$1
work=${2:-/tmp/gongkai-search-bench}
queries=${3:-1000}
port=5078
base_dir=/tmp/gongkai-bench-base
web_pid=""
trap '[ -n "$web_pid" ] && kill "$web_pid" 2>/dev/null || true' EXIT

build() {
  dotnet build "$1/bench/Gongkai.Bench" -c Release -nologo -clp:ErrorsOnly >/dev/null
  dotnet build "$1/src/Gongkai.Web" -c Release -nologo -clp:ErrorsOnly >/dev/null
}
rm -rf "$base_dir"
git worktree prune
git worktree add -f --detach "$base_dir" "$base_rev" >/dev/null
build "$base_dir"
build .

run() {
  local dir=$1 label=$2
  echo "== $label ($(git -C "$dir" rev-parse --short HEAD))"
  dotnet "$dir/bench/Gongkai.Bench/bin/Release/net10.0/Gongkai.Bench.dll" query "$work/data/search/$(cat "$work/data/search/current")" "$queries" | grep "in process"
  # Every run is a first start: no clauses saved by the run before (bench/restart.sh measures restarts).
  rm -f "$work/data/search/warm-clauses.json"
  (cd "$dir/src/Gongkai.Web" && exec env Gongkai__DataPath="$work/data" Gongkai__Demo__LoadWhenEmpty=false \
    dotnet bin/Release/net10.0/Gongkai.Web.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1) &
  web_pid=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  dotnet bench/Gongkai.Bench/bin/Release/net10.0/Gongkai.Bench.dll http "http://127.0.0.1:$port" "$queries" | grep HTTP
  kill "$web_pid"; wait "$web_pid" 2>/dev/null || true; web_pid=""
}
run "$base_dir" base
run . this
run . this
run "$base_dir" base
git worktree remove --force "$base_dir"
