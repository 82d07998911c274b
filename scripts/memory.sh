#!/usr/bin/env bash
# Peak memory (max RSS, from /usr/bin/time -v) of `dyad ingest`.
#   scripts/memory.sh DYAD_BINARY [TOTAL_MB] [UNIQUE_DOCS]     defaults: 100 MB, 200 documents
# Builds nothing. Measures three runs, each into a fresh store:
#   examples   the bundled examples/ through the full pipeline
#   stream     a generated TOTAL_MB JSONL corpus of distinct documents, with no models (clean +
#              fallback segmentation + store only): memory of reading and storing, which must not
#              grow with the input
#   analysed   a generated TOTAL_MB JSONL corpus through the full pipeline: UNIQUE_DOCS distinct
#              documents, the rest repeats of them (recognised as already stored, not analysed
#              again); analysing all 100 MB would take most of an hour on one core
# Prints one line per run: name, input MB, documents stored, seconds, peak RSS MB.
set -euo pipefail
dyad=$(realpath "${1:?usage: scripts/memory.sh DYAD_BINARY [TOTAL_MB] [UNIQUE_DOCS]}")
total_mb=${2:-100}
unique=${3:-200}
root=$(cd "$(dirname "$0")/.." && pwd)
[ -x /usr/bin/time ] || bash "$root/scripts/install-deps.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/dyad-memory.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 - "$work" "$total_mb" "$unique" "$root"/examples/*.txt <<'PY'
import json, sys
work, total, unique, examples = sys.argv[1], int(sys.argv[2]) << 20, int(sys.argv[3]), sys.argv[4:]
texts = [open(e, encoding="utf-8").read() for e in examples]
def line(k):
    return json.dumps({"id": f"mem-{k:07d}", "source": "memory-test", "published": "2025-07-12",
                       "text": texts[k % len(texts)] + f"\nMemory test document {k}.\n"}) + "\n"
with open(f"{work}/stream.jsonl", "w", encoding="utf-8") as f:
    size, k = 0, 0
    while size < total:
        s = line(k); f.write(s); size += len(s.encode()); k += 1
with open(f"{work}/analysed.jsonl", "w", encoding="utf-8") as f:
    lines = [line(k) for k in range(unique)]
    size, k = 0, 0
    while size < total:
        s = lines[k % unique]; f.write(s); size += len(s.encode()); k += 1
PY

measure() {  # name, extra dyad args..., input
  local name=$1; shift
  local db=$work/$name.db log=$work/$name.time
  local input=${*: -1}
  /usr/bin/time -v "$dyad" --quiet --db "$db" "$@" >"$work/$name.out" 2>"$log" || {
    cat "$log" >&2; echo "memory: $name: dyad ingest failed" >&2; exit 1; }
  local rss_kb secs mb stored
  rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
  mb=$(du -sm --apparent-size "$input" | cut -f1)
  stored=$(sed -n 's/^stored *//p' "$work/$name.out")
  printf '%-9s input %5s MB  stored %6s docs  wall %8s  peak RSS %5d MB\n' "$name" "$mb" "$stored" "$secs" $((rss_kb / 1024))
}
echo "memory: $dyad ($(nproc) cores)"
measure examples ingest "$root/examples"
measure stream --models "$work/no-models" ingest "$work/stream.jsonl"
measure analysed ingest "$work/analysed.jsonl"
