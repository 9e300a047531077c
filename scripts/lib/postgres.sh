# A PostgreSQL server of the project's own, in a folder, on loopback: sourced by scripts/test,
# scripts/cluster and bench/postgres-compare.sh. Needs Debian's `postgresql` package.
# PostgreSQL refuses to run as root: as root, the server runs as the postgres user the package made.

pg_bin() { dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)"; }

as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }

# pg_free_port FROM: the first port from FROM on that nothing listens on.
pg_free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# pg_start DIR PORT [SERVER SETTINGS]: the cluster in DIR/data (made when missing) on 127.0.0.1:PORT,
# its socket in DIR and its log in DIR/server.log; SERVER SETTINGS such as "-c fsync=off".
pg_start() {
  local dir=$1 port=$2 bin
  shift 2
  bin=$(pg_bin)
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_pg "'$bin/initdb' -D '$dir/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync" >/dev/null
  fi
  as_pg "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 $*\" start" >/dev/null
}

pg_running() { [ -f "$1/data/postmaster.pid" ]; }

# pg_stop DIR [MODE=fast]
pg_stop() { if pg_running "$1"; then as_pg "'$(pg_bin)/pg_ctl' -D '$1/data' -m ${2:-fast} -w stop" >/dev/null 2>&1 || true; fi; }

pg_version() { "$(pg_bin)/postgres" --version | awk '{print $3}'; }
