#!/usr/bin/env bash
# SIGKILL during an API import (issue 20; not run by CI).
#
#   bench/crash-import.sh [RECORDS=1000] [KILLS=10]
#
# A fresh data folder with the demo site group; `Gongkai.Bench crash` runs the Release portal on it
# and makes RECORDS records through the editorial API (create, submit, approve: three requests each,
# an editor's and a reviewer's token) while killing the portal with SIGKILL KILLS times at random
# moments of a record's requests, restarting it each time. After each restart and at the end it
# checks: every step the API acknowledged (201/200) is in the database, the audit chain holds (`audit
# verify`), and `search check` finds the index in agreement with nothing pending once the restarted
# portal has caught up from the change log (it waits up to 20 s for that).
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-1000}
kills=${2:-10}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
dotnet build src/Gongkai.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build bench/Gongkai.Bench -c Release -nologo -clp:ErrorsOnly >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
dotnet bench/Gongkai.Bench/bin/Release/net10.0/Gongkai.Bench.dll crash "$data" src/Gongkai.Web/bin/Release/net10.0/Gongkai.Web.dll "$records" "$kills"
