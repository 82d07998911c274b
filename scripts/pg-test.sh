#!/usr/bin/env bash
# PostgreSQL tests: starts a throwaway server (scripts/pg-server.sh), then
#   (a) the GoogleTest PG suites (test_store --gtest_filter='Pg*') with DYAD_PG_URL set — none may skip;
#   (b) the kill test: 72 documents queued (another 72 whenever they are all done before 12 kills), 3 `dyad worker`s, one of them killed with -9 at a random
#       moment at least 12 times (and restarted), then: every document stored exactly once and
#       complete (same counts as a plain SQLite ingest of the same text), no orphan rows, queue all done.
# Exits non-zero on any failure. Usage: scripts/pg-test.sh [BUILD_DIR]   (default: build, already built)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
DYAD=$BUILD/dyad
[ -x "$DYAD" ] && [ -x "$BUILD/tests/test_store" ] || { echo "pg-test: build first (scripts/build.sh $BUILD)" >&2; exit 1; }
source scripts/pg-server.sh

WORKERS=()
cleanup() {
  for p in "${WORKERS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  pg_server_stop
  [ -n "${WORK:-}" ] && rm -rf "$WORK"
}
trap cleanup EXIT
# fsync off: the server itself is not what is killed here, and the test stays fast.
pg_server_start fsync=off synchronous_commit=off
echo "pg-test: server on 127.0.0.1:$PG_PORT ($PG_BIN)"
WORK=$(mktemp -d /tmp/dyad-pgtest.XXXXXX)
chmod 755 "$WORK"
psql_q() { "$PG_BIN/psql" -X -q -t -A -v ON_ERROR_STOP=1 "$DYAD_PG_URL" "$@"; }

# --- (a) GoogleTest ----------------------------------------------------------------------------
echo "pg-test: (a) GoogleTest PG suites"
"$BUILD/tests/test_store" --gtest_filter='Pg*' --gtest_brief=0 >"$WORK/gtest.log" 2>&1 || { cat "$WORK/gtest.log"; echo "pg-test: GoogleTest FAILED" >&2; exit 1; }
ran=$(grep -c '^\[       OK \]' "$WORK/gtest.log" || true)
if grep -q '^\[  SKIPPED \]' "$WORK/gtest.log" || [ "$ran" -lt 5 ]; then
  cat "$WORK/gtest.log"; echo "pg-test: PG tests skipped or missing ($ran ran)" >&2; exit 1
fi
echo "pg-test: $ran PG tests passed"

# --- (b) kill test -----------------------------------------------------------------------------
echo "pg-test: (b) kill test"
DB="$DYAD_PG_URL"
json_text() {  # a file as a JSON string body (the examples are plain UTF-8 text)
  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' -e 's/\r//g' "$@" | awk '{printf "%s\\n", $0}'
}
A=$(json_text examples/seed-russia-dprk-2025-07.txt)
B=$(json_text examples/seed-russia-dprk-2025-11.txt)
# Doubled texts: a document takes long enough (~0.2-0.5 s) for kills to land inside it.
VARIANTS=("$A$A" "$B$B" "$A$B$A$B")
ROUND=72  # documents a round
N=0       # documents queued so far
for v in 0 1 2; do printf '{"id":"ref-%d","text":"%s"}\n' "$v" "${VARIANTS[$v]}" >"$WORK/ref-$v.jsonl"; done
# Queues the next round of documents (ids kill-NNNN continue across rounds). On a fast machine the
# workers can drain a round before 12 kills have landed; a new round keeps them busy, as
# crash-test.sh starts a new round on a complete store.
enqueue_round() {
  local i v
  for i in $(seq $((N + 1)) $((N + ROUND))); do
    v=$((i % 3))
    printf '{"id":"kill-%04d","source":"Outlet %d","text":"%s"}\n' "$i" "$((i % 5))" "${VARIANTS[$v]}"
  done >"$WORK/docs-$N.jsonl"
  "$DYAD" -q --db "$DB" enqueue "$WORK/docs-$N.jsonl" >>"$WORK/enqueue.log"
  N=$((N + ROUND))
}
enqueue_round
[ "$(psql_q -c "SELECT count(*) FROM queue WHERE state = 'pending'")" = "$N" ] || { cat "$WORK/enqueue.log"; echo "pg-test: enqueue did not queue $N items" >&2; exit 1; }

start_worker() {  # $1 = slot
  "$DYAD" -q --db "$DB" worker --lease 2 --max-attempts 100 --exit-when-empty >>"$WORK/worker-$1.log" 2>&1 &
  WORKERS[$1]=$!
}
for s in 0 1 2; do start_worker $s; done
kills=0
mid=0
deadline=$((SECONDS + 150))
# Three kills in four hit a worker that holds a lease (between claim and commit: mid-document);
# the others hit a random worker at a random moment (loading models, claiming, idle).
while [ $kills -lt 12 ]; do
  sleep "0.$((RANDOM % 5 + 1))"
  # Drained before 12 kills: a new round; a worker that exited on an empty queue starts again.
  [ "$(psql_q -c "SELECT count(*) FROM queue WHERE state <> 'done'")" = "0" ] && enqueue_round
  for t in 0 1 2; do
    kill -0 "${WORKERS[$t]}" 2>/dev/null && continue
    wait "${WORKERS[$t]}" || { echo "pg-test: worker $t exited with an error:" >&2; tail -5 "$WORK/worker-$t.log" >&2; exit 1; }
    start_worker $t
  done
  s=$((RANDOM % 3))
  if [ $((RANDOM % 4)) -ne 0 ]; then
    # Wait (up to 5 s: restarted workers load their models first) for a worker of ours to hold a lease.
    for _ in $(seq 50); do
      busy=$(psql_q -c "SELECT DISTINCT split_part(lease_owner, ':', 2) FROM queue WHERE state = 'running' AND lease_expires > now()")
      hit=-1
      for t in 0 1 2; do for b in $busy; do [ "${WORKERS[$t]}" = "$b" ] && hit=$t; done; done
      [ $hit -ge 0 ] && { s=$hit; mid=$((mid + 1)); break; }
      sleep 0.1
    done
  fi
  pid=${WORKERS[$s]}
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
    wait "$pid" 2>/dev/null || true
    start_worker $s
  fi
  [ $SECONDS -lt $deadline ] || { echo "pg-test: kill loop timed out" >&2; exit 1; }
done
echo "pg-test: $kills workers killed with -9 and restarted ($mid of them while holding a lease); waiting for the queue to drain"
status=0
for s in 0 1 2; do
  while kill -0 "${WORKERS[$s]}" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { echo "pg-test: queue not drained in time" >&2; psql_q -c "SELECT state, count(*) FROM queue GROUP BY 1"; exit 1; }
    sleep 0.2
  done
  wait "${WORKERS[$s]}" || { status=1; echo "pg-test: worker $s exited with an error:" >&2; tail -5 "$WORK/worker-$s.log" >&2; }
done
WORKERS=()
[ $status -eq 0 ] || exit 1

# Reference: the same three texts ingested by the plain SQLite path.
"$DYAD" -q --db "$WORK/ref.db" ingest "$WORK"/ref-*.jsonl >/dev/null
ref_counts() {  # variant -> "sentences entities timexes events"
  sqlite3 "$WORK/ref.db" "SELECT (SELECT count(*) FROM sentences WHERE doc = d.doc) || ' ' ||
    (SELECT count(*) FROM entities WHERE doc = d.doc) || ' ' || (SELECT count(*) FROM timexes WHERE doc = d.doc)
    || ' ' || (SELECT count(*) FROM events WHERE doc = d.doc) FROM documents d WHERE id = 'ref-$1'"
}
fail=0
check() {  # name, SQL returning 0 when fine
  local got
  got=$(psql_q -c "$2")
  if [ "$got" != "0" ]; then echo "pg-test: FAIL $1 ($got)" >&2; fail=1; else echo "pg-test: ok   $1"; fi
}
check "queue: every item done" "SELECT $N - count(*) FILTER (WHERE state = 'done') + count(*) FILTER (WHERE state <> 'done') FROM queue"
check "documents: $N stored, status ok" "SELECT abs($N - count(*)) + count(*) FILTER (WHERE status <> 'ok') FROM documents"
check "documents: each input exactly once" "SELECT count(*) FROM (SELECT id FROM documents GROUP BY id HAVING count(*) > 1) x"
check "queue -> its document" "SELECT count(*) FROM queue q LEFT JOIN documents d ON d.doc = q.doc AND d.content_key = q.content_key WHERE d.doc IS NULL"
for t in sentences tokens entities timexes quantities places events; do
  check "no orphan $t" "SELECT count(*) FROM $t x WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc = x.doc)"
done
check "no orphan or empty clusters" "SELECT (SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM clusters c WHERE c.id = e.cluster)) + (SELECT count(*) FROM clusters c WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.cluster = c.id))"
for v in 0 1 2; do
  ref=$(ref_counts $v)
  [ -n "$ref" ] || { echo "pg-test: FAIL reference ingest of variant $v" >&2; fail=1; continue; }
  check "variant $v documents complete ($ref)" "SELECT count(*) FROM documents d WHERE (substr(d.id, 6)::int % 3) = $v AND
    (SELECT count(*) FROM sentences WHERE doc = d.doc) || ' ' || (SELECT count(*) FROM entities WHERE doc = d.doc) || ' ' ||
    (SELECT count(*) FROM timexes WHERE doc = d.doc) || ' ' || (SELECT count(*) FROM events WHERE doc = d.doc) <> '$ref'"
done
retried=$(psql_q -c "SELECT count(*) FROM queue WHERE attempts > 1")
echo "pg-test: $retried item(s) were re-claimed after a kill (attempts > 1)"
[ "$retried" -ge 1 ] || { echo "pg-test: FAIL no kill landed mid-document: the test proved nothing" >&2; fail=1; }
[ $fail -eq 0 ] || { echo "pg-test: kill test FAILED" >&2; exit 1; }
echo "pg-test: all PostgreSQL tests passed"
