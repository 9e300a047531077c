#!/usr/bin/env bash
# `gongkai search rebuild` of this checkout against an earlier commit, on the same database in the
# same session (not run by CI). Runs this, base, this, base by default (ORDER to change it), each
# under /usr/bin/time, and prints what the CLI printed (records, time, records/s, phases, segments)
# with user CPU and peak resident memory, so that drift in the machine shows and ratios are taken
# within one run.
#
#   bench/rebuild-compare.sh BASE_REV DATA_DIR
#   ORDER="base this" bench/rebuild-compare.sh BASE_REV DATA_DIR
#
# DATA_DIR is a data folder with a catalog, for instance from
#   dotnet src/Gongkai.Cli/bin/Release/net10.0/gongkai.dll --data-path DATA_DIR demo load --records 100000
# Each rebuild replaces the folder's index; the last one run is the one left.
set -euo pipefail
cd "$(dirname "$0")/.."
base_rev=$1
data=$2
base_dir=/tmp/gongkai-rebuild-base
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time: apt-get install time" >&2; exit 1; }

rm -rf "$base_dir"
git worktree prune
git worktree add --quiet -f --detach "$base_dir" "$base_rev"
trap 'git worktree remove --force "$base_dir" 2>/dev/null || true' EXIT
dotnet build "$base_dir/src/Gongkai.Cli" -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build src/Gongkai.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null

for which in ${ORDER:-this base this base}; do
  case $which in
    this) dir=. ;;
    base) dir=$base_dir ;;
    *) echo "ORDER takes 'this' and 'base', not '$which'" >&2; exit 1 ;;
  esac
  printf '== %s (%s): ' "$which" "$(git -C "$dir" rev-parse --short HEAD)"
  { /usr/bin/time -f "user CPU %U s, peak RSS %M KB" \
      dotnet "$dir/src/Gongkai.Cli/bin/Release/net10.0/gongkai.dll" --data-path "$data" search rebuild 2>&1; } \
    | grep -E "已重建|user CPU" | tr '\n' ' '
  echo
done
