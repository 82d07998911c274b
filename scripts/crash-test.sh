#!/usr/bin/env bash
# Crash safety of `dyad ingest`: kill -9 at random points must never leave a broken or partial store.
#   scripts/crash-test.sh DYAD_BINARY [KILLS]      (builds nothing; KILLS defaults to 20)
# 1. Makes a corpus of 100 documents in a temporary folder: 40 .txt files and 60 JSONL lines in
#    3 files, each an example article with its own id and a distinct line, so every one is stored.
# 2. Ingests it once without interruption into a reference store (and times it).
# 3. Ingests it KILLS times into the test store, each run killed with SIGKILL after a random delay
#    within the reference run time; after each kill `PRAGMA integrity_check` must say ok.
# 4. A final uninterrupted run must succeed, and then the test store must hold every document
#    exactly once (ids and content keys unique, count = 100, all status ok), pass integrity and
#    foreign-key checks, and hold for every document exactly the sentences, entities, timexes,
#    places, quantities and events of the reference store (no partial document survives a kill).
# Exits non-zero on the first failed check. Needs sqlite3 (scripts/install-deps.sh).
set -euo pipefail
dyad=$(realpath "${1:?usage: scripts/crash-test.sh DYAD_BINARY [KILLS]}")
kills=${2:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/dyad-crash.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "crash-test: FAIL: $*" >&2; exit 1; }

# --- 1. corpus
corpus=$work/corpus
mkdir -p "$corpus/txt"
mapfile -t examples < <(ls "$root"/examples/*.txt)
n=0
for i in $(seq 1 40); do
  ex=${examples[$((i % ${#examples[@]}))]}
  { cat "$ex"; printf '\nCrash test document %d.\n' "$i"; } >"$corpus/txt/doc-$(printf %03d "$i").txt"
  n=$((n + 1))
done
python3 - "$corpus" "${examples[@]}" <<'PY'
import json, sys
corpus, examples = sys.argv[1], sys.argv[2:]
texts = [open(e, encoding="utf-8").read() for e in examples]
k = 0
for f in range(3):
    with open(f"{corpus}/batch-{f}.jsonl", "w", encoding="utf-8") as out:
        for _ in range(20):
            k += 1
            t = texts[k % len(texts)] + f"\nCrash test line {k}.\n"
            out.write(json.dumps({"id": f"crash-jsonl-{k:03d}", "source": "crash-test",
                                  "published": "2025-07-12", "text": t}) + "\n")
PY
n=$((n + 60))

# --- 2. reference run
ref=$work/ref.db
t0=$(date +%s%N)
"$dyad" --quiet --db "$ref" ingest "$corpus" >/dev/null || fail "reference ingest failed"
ref_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
# Start-up cost (loading models) + one document, to aim the kills at the time documents are written.
t0=$(date +%s%N)
"$dyad" --quiet --db "$work/one.db" ingest "$corpus/txt/doc-001.txt" >/dev/null || fail "single ingest failed"
one_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
per_doc_ms=$(( (ref_ms > one_ms ? ref_ms - one_ms : 1) / (n - 1) + 1 ))
echo "crash-test: $n documents, uninterrupted ingest ${ref_ms} ms (start-up + 1 document ${one_ms} ms)"

# --- 3. killed runs
db=$work/test.db
killed=0 k=0
while ((killed < kills)); do
  k=$((k + 1))
  ((k <= 3 * kills)) || fail "only $killed of $k runs could be killed before they finished"
  # Kill at a random time from late in start-up (models loading) to when ~12 more documents would
  # be done, so most kills land while documents are analysed or written, some while opening the store.
  stored=$( [ -f "$db" ] && sqlite3 "$db" "SELECT count(*) FROM documents" 2>/dev/null || echo 0)
  # A complete store leaves nothing to interrupt (a re-run only says "already stored"): on a fast
  # machine the kills run out of documents first, so start a new round on an empty store.
  if ((stored >= n)); then
    rm -f "$db" "$db-wal" "$db-shm"
    stored=0
    echo "crash-test: store complete after $killed kills; new round on an empty store"
  fi
  left=$(( n - stored < 12 ? n - stored : 12 ))
  startup_ms=$(( one_ms > per_doc_ms ? one_ms - per_doc_ms : 0 ))
  delay_ms=$(( startup_ms * 3 / 4 + RANDOM % (startup_ms / 4 + per_doc_ms * left + 1) ))
  "$dyad" --quiet --db "$db" ingest "$corpus" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -9 "$pid" 2>/dev/null || true
  rc=0
  wait "$pid" 2>/dev/null || rc=$?
  if ((rc == 137)); then killed=$((killed + 1)); what="killed after ${delay_ms} ms"; else what="finished (exit $rc)"; fi
  if [ -f "$db" ]; then
    ic=$(sqlite3 "$db" "PRAGMA integrity_check" 2>&1) || fail "run $k: cannot open store after kill: $ic"
    [ "$ic" = ok ] || fail "run $k (killed after ${delay_ms} ms): integrity_check: $ic"
    partial=$(sqlite3 "$db" "SELECT count(*) FROM documents d WHERE NOT EXISTS
                             (SELECT 1 FROM sentences s WHERE s.doc = d.doc)")
    [ "$partial" = 0 ] || fail "run $k (killed after ${delay_ms} ms): $partial document(s) without sentences"
  fi
  stored=$( [ -f "$db" ] && sqlite3 "$db" "SELECT count(*) FROM documents" 2>/dev/null || echo 0)
  echo "crash-test: run $k $what, $stored documents stored"
done

# --- 4. final run and checks
"$dyad" --quiet --db "$db" ingest "$corpus" >/dev/null || fail "final ingest failed"
q() { sqlite3 "$1" "$2"; }
[ "$(q "$db" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after the final run"
[ -z "$(q "$db" 'PRAGMA foreign_key_check')" ] || fail "foreign_key_check after the final run"
[ "$(q "$db" 'SELECT count(*) FROM documents')" = "$n" ] ||
  fail "$(q "$db" 'SELECT count(*) FROM documents') documents stored, expected $n"
[ "$(q "$db" 'SELECT count(DISTINCT id) FROM documents')" = "$n" ] || fail "duplicate document ids"
[ "$(q "$db" 'SELECT count(DISTINCT content_key) FROM documents')" = "$n" ] || fail "duplicate content keys"
[ "$(q "$db" "SELECT count(*) FROM documents WHERE status <> 'ok'")" = 0 ] || fail "documents not ok"
# Per-document child counts must equal the reference store's: a document row without (all of) its
# sentences / entities / events would show here.
counts="SELECT d.id, (SELECT count(*) FROM sentences x WHERE x.doc = d.doc),
  (SELECT count(*) FROM entities x WHERE x.doc = d.doc), (SELECT count(*) FROM timexes x WHERE x.doc = d.doc),
  (SELECT count(*) FROM places x WHERE x.doc = d.doc), (SELECT count(*) FROM quantities x WHERE x.doc = d.doc),
  (SELECT count(*) FROM events x WHERE x.doc = d.doc), length(d.text) FROM documents d ORDER BY d.id"
q "$ref" "$counts" >"$work/ref.counts"
q "$db" "$counts" >"$work/test.counts"
[ "$(wc -l <"$work/ref.counts")" = "$n" ] || fail "reference store has $(wc -l <"$work/ref.counts") documents"
if ! diff "$work/ref.counts" "$work/test.counts" >"$work/diff"; then
  head -20 "$work/diff" >&2
  fail "stored documents differ from the uninterrupted run (id|sentences|entities|timexes|places|quantities|events|text bytes)"
fi
[ "$(q "$db" 'SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc = d.doc)')" = 0 ] ||
  fail "a document without sentences"
[ "$(q "$db" 'SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc = e.doc AND s.idx = e.sentence)')" = 0 ] ||
  fail "an event whose sentence is missing"
echo "crash-test: ok ($killed of $k runs killed; $n documents stored once each, complete, integrity ok)"
