#!/usr/bin/env bash
# PostgreSQL figures (eval/pg/README.md): ingest throughput with 1 and 2 workers, query latency on
# EVENTS generated events, database size per million events. Starts its own throwaway server
# (scripts/pg-server.sh) with default durability settings (fsync on).
#   nice -n 10 bash eval/pg/run.sh [EVENTS=1000000] [DOCS=60]
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${1:-1000000}
DOCS=${2:-60}
DYAD=build/dyad
source scripts/pg-server.sh
trap 'pg_server_stop; rm -rf "${WORK:-}"' EXIT
pg_server_start
WORK=$(mktemp -d /tmp/dyad-pgeval.XXXXXX)
psql_q() { "$PG_BIN/psql" -X -q -t -A -v ON_ERROR_STOP=1 "$DYAD_PG_URL" "$@"; }
echo "server: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT, fsync on; $(nproc) cores"

# --- ingest throughput: the same DOCS documents, 1 worker thread then 2 ------------------------------
json_text() { sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' -e 's/\r//g' "$@" | awk '{printf "%s\\n", $0}'; }
A=$(json_text examples/seed-russia-dprk-2025-07.txt)
B=$(json_text examples/seed-russia-dprk-2025-11.txt)
for i in $(seq 1 "$DOCS"); do
  if ((i % 2)); then t=$A; else t=$B; fi
  printf '{"id":"tp-%d","source":"Outlet %d","text":"%s"}\n' "$i" "$((i % 5))" "$t"
done >"$WORK/docs.jsonl"
for threads in 1 2; do
  psql_q -c "TRUNCATE documents, errors, clusters, queue CASCADE" 2>/dev/null || true
  $DYAD -q --db "$DYAD_PG_URL" enqueue "$WORK/docs.jsonl" >/dev/null
  echo "== dyad worker --threads $threads --exit-when-empty ($DOCS documents)"
  $DYAD -q --db "$DYAD_PG_URL" worker --threads "$threads" --exit-when-empty | tail -1
done

# --- query latency and size on EVENTS generated events ------------------------------------------
psql_q -c "TRUNCATE documents, errors, clusters, queue CASCADE" 2>/dev/null
echo "== generating $EVENTS events (eval/pg/generate.sql, server-side bulk INSERT ... SELECT)"
start=$SECONDS
"$PG_BIN/psql" -X -q -t -A -v events="$EVENTS" -f eval/pg/generate.sql "$DYAD_PG_URL" >/dev/null
echo "generated in $((SECONDS - start)) s"
psql_q -c "VACUUM ANALYZE"
echo "== dyad bench-queries --reps 100"
$DYAD --db "$DYAD_PG_URL" bench-queries --reps 100
echo "== size (pg_total_relation_size: table + indexes + TOAST)"
psql_q -F ' ' -c "SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) FROM pg_class
  WHERE relname IN ('documents','sentences','events','clusters') ORDER BY pg_total_relation_size(oid) DESC"
psql_q -c "SELECT 'all tables: ' || pg_size_pretty(sum(pg_total_relation_size(c.oid))) || ', per million events: ' ||
  pg_size_pretty((sum(pg_total_relation_size(c.oid)) / ((SELECT count(*) FROM events) / 1e6))::bigint) ||
  ' (events table alone: ' || pg_size_pretty((pg_total_relation_size('events') / ((SELECT count(*) FROM events) / 1e6))::bigint) || ')'
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'"
