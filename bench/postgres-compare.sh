#!/usr/bin/env bash
# PostgreSQL beside SQLite on the same data and machine (issue 19; not run by CI).
#
#   bench/postgres-compare.sh DATA [RUNS=30]
#
# DATA is a data folder with a SQLite database and its search index (e.g. one made by
# bench/public-pages.sh). The script starts a throwaway PostgreSQL server on loopback, then:
#   1. copies DATA into it with `gongkai db copy --to-postgres` (timed: rows per second);
#   2. starts a node on PostgreSQL with an empty data folder and times how long its indexer takes
#      to apply the whole change log (entries per second: how fast a node's reader keeps up);
#   3. once that node has pruned the log, starts another empty node, which must rebuild its index
#      from the database: timed until `search check` agrees;
#   4. times catalog, record, API and search pages RUNS times each with the page cache off, on the
#      SQLite portal and on a PostgreSQL node with DATA's index, alternating, and prints p50 / p99
#      and the ratio PostgreSQL ÷ SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?data folder}
runs=${2:-30}
port=5079
work=$(mktemp -d /tmp/gongkai-pgbench.XXXXXX)
pids=()
# shellcheck source=../scripts/lib/postgres.sh
. scripts/lib/postgres.sh
pgbin=$(pg_bin)
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  pg_stop "$work/pg" immediate
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build src/Gongkai.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build src/Gongkai.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"

pgport=$(pg_free_port 55460)
# A server sized as docs/deployment.md says for this machine: a quarter of memory for shared buffers.
buffers=$(( $(free -m | awk '/Mem:/ {print $2}') / 4 ))MB
pg_start "$work/pg" "$pgport" -c shared_buffers=$buffers -c max_wal_size=4GB
"$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE gongkai"
conn="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=gongkai"
echo "PostgreSQL $(pg_version) on 127.0.0.1:$pgport, shared_buffers $buffers"

command -v sqlite3 >/dev/null || apt-get install -y -qq sqlite3 >/dev/null
cli() { dotnet src/Gongkai.Cli/bin/Release/net10.0/gongkai.dll "$@"; }
seconds_since() { echo "$(date +%s.%N) - $1" | bc; }

# 1. The copy.
rows=$(sqlite3 "$data/gongkai.db" "SELECT (SELECT count(*) FROM Records) + (SELECT count(*) FROM SearchChanges) + (SELECT count(*) FROM Attachments)")
start=$(date +%s.%N)
cli --data-path "$data" db copy --to-postgres "$conn" >"$work/copy.log" 2>&1 || { tail -n 30 "$work/copy.log"; exit 1; }
took=$(seconds_since "$start")
grep -E "Records|SearchChanges|已复制" "$work/copy.log" | sed 's/[│┃]/ /g' | tr -s ' ' || true
printf 'db copy: %.0f s (records + change log + attachments: %d rows, %.0f rows/s), verified\n' "$took" "$rows" "$(echo "$rows / $took" | bc -l)"
echo "database: SQLite $(du -m "$data/gongkai.db" | cut -f1) MiB, PostgreSQL $("$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -tAc "SELECT pg_database_size('gongkai') / 1048576") MiB"
entries=$("$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -d gongkai -tAc 'SELECT count(*) FROM "SearchChanges"')

node() {  # $1 data folder, $2 port: a node on PostgreSQL, page cache off
  (cd src/Gongkai.Web && exec env Gongkai__Database__Provider=postgres ConnectionStrings__Gongkai="$conn" Gongkai__DataPath="$1" \
    Gongkai__Demo__LoadWhenEmpty=false Gongkai__Caching__Enabled=false \
    dotnet bin/Release/net10.0/Gongkai.Web.dll --urls "http://127.0.0.1:$2" >"$1.log" 2>&1) &
  last=$!
  pids+=("$last")
}
pgcli() { Gongkai__Database__Provider=postgres ConnectionStrings__Gongkai="$conn" cli "$@"; }
agree() {  # $1 data folder: search check on PostgreSQL passes with nothing pending
  local out
  out=$(pgcli --data-path "$1" search check 2>/dev/null) || return 1
  echo "$out" | grep -q "检索索引与数据库一致" && echo "$out" | grep -Eq "索引已应用变更至第 ([0-9]+) 条，最新变更第 \1 条"
}
wait_agree() { for _ in $(seq 1 720); do agree "$1" && return; sleep 5; done; echo "no agreement in an hour" >&2; exit 1; }

# 2. A node from empty, catching up by the change log.
mkdir -p "$work/node-log"
start=$(date +%s.%N)
node "$work/node-log" 5091; pid=$last
wait_agree "$work/node-log"
took=$(seconds_since "$start")
printf 'second node from empty, by the change log: %.0f s for %d entries (%.0f entries/s, start included)\n' "$took" "$entries" "$(echo "$entries / $took" | bc -l)"
sleep 35 # it reports its position and prunes the log (every 30 s; at its first round)
kill "$pid"; wait "$pid" 2>/dev/null || true

# 3. A node from empty after the log was pruned: it rebuilds.
mkdir -p "$work/node-rebuild"
left=$("$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -d gongkai -tAc 'SELECT count(*) FROM "SearchChanges"')
start=$(date +%s.%N)
node "$work/node-rebuild" 5092; pid=$last
wait_agree "$work/node-rebuild"
took=$(seconds_since "$start")
printf 'second node from empty after pruning (%d entries left): %.0f s, rebuilt (%s)\n' "$left" "$took" "$(grep -c 'rebuilding it from the database' "$work/node-rebuild.log") rebuild logged"
kill "$pid"; wait "$pid" 2>/dev/null || true

# 4. Latency: SQLite portal and PostgreSQL node on DATA's index, alternating.
urls=(
  /xxgk/01404053X/2020-00390
  /jy/xxgk/ml
  "/gxq/xxgk/ml?genre=%E9%80%9A%E7%9F%A5&year=2020"
  "/jy/xxgk/ml?page=500"
  /api/v1/records
  "/api/v1/records?page=500&site=gxq"
  "/search?q=%E7%BB%8F%E6%B5%8E"
  "/search?q=%E5%AE%89%E5%85%A8%E7%94%9F%E4%BA%A7"
  "/api/v1/search?q=%E4%BA%A7%E4%B8%9A"
  /statistics
)
start_portal() {  # $1: sqlite | postgres
  if [ "$1" = sqlite ]; then
    (cd src/Gongkai.Web && exec env Gongkai__DataPath="$data" Gongkai__Demo__LoadWhenEmpty=false Gongkai__Caching__Enabled=false \
      dotnet bin/Release/net10.0/Gongkai.Web.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1) &
  else
    (cd src/Gongkai.Web && exec env Gongkai__Database__Provider=postgres ConnectionStrings__Gongkai="$conn" Gongkai__DataPath="$data" \
      Gongkai__Demo__LoadWhenEmpty=false Gongkai__Caching__Enabled=false \
      dotnet bin/Release/net10.0/Gongkai.Web.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1) &
  fi
  web=$!
  pids+=("$web")
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.2; done
  echo "the portal did not start" >&2; exit 1
}
time_url() {  # prints p50 and p99 in ms
  curl -s -o /dev/null "http://127.0.0.1:$port$1"
  for _ in $(seq 1 "$runs"); do curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port$1"; done |
    sort -n | awk '{ t[NR] = $1 * 1000 } END { i = int(NR * 0.99 + 0.999); printf "%.1f %.1f\n", t[int((NR + 1) / 2)], t[i] }'
}
declare -A p50 p99
for round in 1 2; do
  for db in sqlite postgres; do
    start_portal "$db"
    for url in "${urls[@]}"; do
      read -r a b < <(time_url "$url")
      p50[$round$db$url]=$a; p99[$round$db$url]=$b
    done
    kill "$web"; wait "$web" 2>/dev/null || true
  done
done
echo
echo "| URL | SQLite p50 / p99 ms (round 1; round 2) | PostgreSQL p50 / p99 ms (round 1; round 2) | PostgreSQL ÷ SQLite (p50, both rounds) |"
echo "|---|---|---|---|"
for url in "${urls[@]}"; do
  s=$(echo "(${p50[1postgres$url]} + ${p50[2postgres$url]}) / (${p50[1sqlite$url]} + ${p50[2sqlite$url]})" | bc -l)
  printf '| `%s` | %s / %s; %s / %s | %s / %s; %s / %s | %.2f |\n' "$url" \
    "${p50[1sqlite$url]}" "${p99[1sqlite$url]}" "${p50[2sqlite$url]}" "${p99[2sqlite$url]}" \
    "${p50[1postgres$url]}" "${p99[1postgres$url]}" "${p50[2postgres$url]}" "${p99[2postgres$url]}" "$s"
done
