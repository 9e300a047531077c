#!/usr/bin/env bash
# Cached public pages against nginx serving the very same bytes (not run by CI).
#
#   bench/page-cache.sh [RECORDS=100000] [SECONDS=10] [CONNECTIONS=32]
#
# Loads RECORDS demo records and builds their search index, starts the Release portal (page cache on, as shipped) on a loopback
# port, saves the bytes of each URL below, and serves them from nginx (worker_processes auto) at the
# same path on another port. Then wrk (1 thread, CONNECTIONS connections, SECONDS each, no
# Accept-Encoding: both send the plain bytes) alternates nginx, portal, nginx, portal per URL, and
# prints req/s and p99 of each run and the portal ÷ nginx ratio of req/s. Installs wrk and nginx
# with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-100000}
seconds=${2:-10}
connections=${3:-32}
port=5079
nginx_port=5080
work=$(mktemp -d)
web_pid=""
cleanup() {
  [ -n "$web_pid" ] && kill "$web_pid" 2>/dev/null
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

dotnet build src/Gongkai.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build src/Gongkai.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet src/Gongkai.Cli/bin/Release/net10.0/gongkai.dll --data-path "$work/data" demo load --records "$records" --requests 0 >/dev/null
# The index too, before the portal starts: otherwise it builds it in the background while wrk runs.
dotnet src/Gongkai.Cli/bin/Release/net10.0/gongkai.dll --data-path "$work/data" search rebuild >/dev/null

(cd src/Gongkai.Web && exec env Gongkai__DataPath="$work/data" Gongkai__Demo__LoadWhenEmpty=false \
  dotnet bin/Release/net10.0/Gongkai.Web.dll --urls "http://127.0.0.1:$port" >/dev/null 2>&1) &
web_pid=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

urls=("/xxgk/01404053X/2020-00390" "/gxq/xxgk/" "/gxq/xxgk/ml")
mkdir -p "$work/www"
for url in "${urls[@]}"; do
  mkdir -p "$work/www$url"
  curl -sf "http://127.0.0.1:$port$url" > "$work/www$url/index.html"
done
cat > "$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp; uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    location / { try_files \$uri/index.html =404; }
  }
}
CONF
mkdir -p "$work/tmp"
chmod 755 "$work" && chmod -R a+rX "$work/www"   # nginx's workers run as another user
"$nginx_bin" -c "$work/nginx.conf" -p "$work"
sleep 0.5

run() {  # prints "req/s p99"
  wrk -t1 -c"$connections" -d"${seconds}s" --latency "$1" | awk '/Requests\/sec/ { rps = $2 } /^ +99%/ { p99 = $2 } END { print rps, p99 }'
}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ { print $2 }') GiB; $records records; wrk -t1 -c$connections -d${seconds}s"
for url in "${urls[@]}"; do
  curl -s "http://127.0.0.1:$nginx_port$url" > "$work/nginx.body"
  curl -s "http://127.0.0.1:$port$url" > "$work/portal.body"
  if ! cmp -s "$work/nginx.body" "$work/portal.body"; then
    echo "warning: $url differs between nginx ($(wc -c < "$work/nginx.body") B) and the portal ($(wc -c < "$work/portal.body") B):"
    diff "$work/nginx.body" "$work/portal.body" | head -6
  fi
  wrk -t1 -c"$connections" -d2s "http://127.0.0.1:$port$url" >/dev/null   # warm-up
  for round in 1 2; do
    read -r n_rps n_p99 < <(run "http://127.0.0.1:$nginx_port$url")
    read -r a_rps a_p99 < <(run "http://127.0.0.1:$port$url")
    printf '%s round %s: nginx %s req/s p99 %s; portal %s req/s p99 %s; ratio %.2f\n' \
      "$url" "$round" "$n_rps" "$n_p99" "$a_rps" "$a_p99" "$(echo "$a_rps / $n_rps" | bc -l)"
  done
done
