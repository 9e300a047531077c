#!/usr/bin/env bash
# What the portal's memory is made of, during bench/mixed-load.sh (issue 18; not run by CI).
#
#   bench/memory-probe.sh [AFTER_SECONDS=285] [PORT=5079] & bench/mixed-load.sh /tmp/bench1m 5 64 10
#
# After AFTER_SECONDS, finds the portal listening on PORT and prints its resident memory, the .NET
# runtime's heap counters for 8 s (dotnet-counters: committed heap, heap size per generation at the
# last collection, allocation rate), then takes a heap dump (dotnet-gcdump, which makes a full
# collection: the live heap) and prints the resident memory again. Installs both tools into a temporary
# folder with `dotnet tool install`.
set -euo pipefail
after=${1:-285}
port=${2:-5079}
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
dotnet tool install dotnet-counters --tool-path "$tools" >/dev/null
dotnet tool install dotnet-gcdump --tool-path "$tools" >/dev/null
sleep "$after"
pid=$(pgrep -f "Gongkai.Web.dll --urls http://127.0.0.1:$port" | head -1)
rss() { awk '/^(VmRSS|RssAnon|RssFile):/ { printf "%s %d MiB  ", $1, $2 / 1024 } END { print "" }' "/proc/$pid/status"; }
echo "memory probe, portal $pid, at $(date +%T): $(rss)"
"$tools/dotnet-counters" collect -p "$pid" --counters System.Runtime --format csv -o "$tools/counters.csv" --duration 00:00:08 >/dev/null 2>&1 || true
# The last value of each counter.
grep -E 'memory.committed_size|last_collection.heap.size|heap.total_allocated' "$tools/counters.csv" |
  awk -F, '{ last[$3] = $5 } END { for (k in last) print "  " k ": " last[k] }' | sort
"$tools/dotnet-gcdump" collect -p "$pid" -o "$tools/portal.gcdump" >/dev/null 2>&1
"$tools/dotnet-gcdump" report "$tools/portal.gcdump" 2>/dev/null | head -2
echo "after the dump's full collection: $(rss)"
