#!/usr/bin/env bash
# `gongkai demo load` time of this checkout against an earlier commit (not run by CI): base, this,
# base, this, each into a fresh data folder, so that drift in the machine shows.
#
#   bench/demo-load-compare.sh BASE_REV [RECORDS=50000]
set -euo pipefail
cd "$(dirname "$0")/.."
base_rev=$1
records=${2:-50000}
base_dir=/tmp/gongkai-demo-base
rm -rf "$base_dir"
git worktree prune
git worktree add -f --detach "$base_dir" "$base_rev" >/dev/null
dotnet build "$base_dir/src/Gongkai.Cli" -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build src/Gongkai.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
for round in 1 2; do
  for label in base this; do
    dir=.; [ "$label" = base ] && dir=$base_dir
    data=$(mktemp -d)
    start=$(date +%s.%N)
    dotnet "$dir/src/Gongkai.Cli/bin/Release/net10.0/gongkai.dll" --data-path "$data" demo load --records "$records" --requests 0 >/dev/null
    end=$(date +%s.%N)
    printf '%s (%s), round %s: %s records in %.1f s\n' "$label" "$(git -C "$dir" rev-parse --short HEAD)" "$round" "$records" "$(echo "$end - $start" | bc)"
    rm -rf "$data"
  done
done
git worktree remove --force "$base_dir"
