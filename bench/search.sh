#!/usr/bin/env bash
# Search benchmarks (not run by CI): indexing throughput beside the analyzers' raw tokenization
# rate, index size, and query latency in process and over HTTP: page 1 twice (the first pass meets
# every query word for the first time and builds the search caches; the second shows them warm),
# then page 50.
#
#   bench/search.sh [RECORDS=1000000] [QUERIES=1000] [WORK_DIR=/tmp/gongkai-search-bench]
#
# 1. `Gongkai.Bench index`: RECORDS documents from the demo generator (seed 20200103) indexed on
#    2 threads as `search rebuild` does (SearchIndex.AddInParallelAsync with the rebuild settings:
#    each thread writes its own segments, four in all of similar size).
#    Then force-merged to 4 segments, as `search rebuild` does when it wrote more.
# 2. `Gongkai.Bench query`: QUERIES queries of 2–4 words from the demo text, with highlighting and
#    facets, against that index in process.
# 3. The same queries over HTTP: the portal (Release build) serves that index from a data folder
#    holding only the demo site group, and `Gongkai.Bench http` calls /api/v1/search.
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-1000000}
queries=${2:-1000}
work=${3:-/tmp/gongkai-search-bench}
port=5078
bench="dotnet bench/Gongkai.Bench/bin/Release/net10.0/Gongkai.Bench.dll"
web_pid=""
trap '[ -n "$web_pid" ] && kill "$web_pid" 2>/dev/null || true' EXIT

dotnet build bench/Gongkai.Bench -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build src/Gongkai.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build src/Gongkai.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null

rm -rf "$work"
mkdir -p "$work/data/search"
$bench index "$records" 2 "$work/data/search/index-bench"
# As `search rebuild` does: merged down to SearchIndex.SegmentsAfterRebuild (4) segments.
$bench merge "$work/data/search/index-bench" 4
$bench query "$work/data/search/index-bench" "$queries"

dotnet src/Gongkai.Cli/bin/Release/net10.0/gongkai.dll --data-path "$work/data" demo load --records 0 >/dev/null
echo index-bench > "$work/data/search/current"
(cd src/Gongkai.Web && exec env Gongkai__DataPath="$work/data" Gongkai__Demo__LoadWhenEmpty=false \
  dotnet bin/Release/net10.0/Gongkai.Web.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1) &
web_pid=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
$bench http "http://127.0.0.1:$port" "$queries"
