# pg-server.sh — source me: a throwaway PostgreSQL server on loopback for tests and benchmarks.
#
#   source scripts/pg-server.sh
#   pg_server_start [extra postgres -c settings...]   # sets PG_TMP, PG_PORT, DYAD_PG_URL
#   ...
#   pg_server_stop                                      # stops it and deletes its files
#
# Uses Debian's postgresql package (scripts/install-deps.sh): initdb + pg_ctl from the newest
# /usr/lib/postgresql/*/bin, data in a temp dir, a free port on 127.0.0.1, trust auth for the
# user "dyad". PostgreSQL refuses to run as root, so as root the server runs as the "postgres"
# system user (created by the package) through runuser; clients keep running as the caller.

pg_server_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$d" ] && [ -x "$d/initdb" ] || { echo "pg-server: no /usr/lib/postgresql/*/bin/initdb (install the postgresql package: scripts/install-deps.sh)" >&2; return 1; }
  echo "$d"
}

pg_server_as() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_server_start() {
  local bin port
  bin=$(pg_server_bin) || return 1
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "pg-server: running as root but there is no 'postgres' user to run the server as" >&2
    return 1
  fi
  PG_TMP=$(mktemp -d /tmp/dyad-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_TMP"
  pg_server_as "$bin/initdb" -D "$PG_TMP/data" -A trust -U dyad -E UTF8 --locale=C.UTF-8 --no-sync >"$PG_TMP/initdb.log" 2>&1 ||
    { cat "$PG_TMP/initdb.log" >&2; return 1; }
  # A free port: nothing answers on it (bash's /dev/tcp, no extra tools needed).
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  local opts="-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c max_connections=200"
  for o in "$@"; do opts="$opts -c $o"; done
  pg_server_as "$bin/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -o "$opts" -w -t 60 start >/dev/null ||
    { cat "$PG_TMP/server.log" >&2; return 1; }
  PG_PORT=$port
  PG_BIN=$bin
  pg_server_as "$bin/createdb" -h 127.0.0.1 -p "$port" -U dyad dyad
  export DYAD_PG_URL="postgresql://dyad@127.0.0.1:$port/dyad"
}

pg_server_stop() {
  [ -n "${PG_TMP:-}" ] || return 0
  pg_server_as "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_TMP"
  PG_TMP=""
}
