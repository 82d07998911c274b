#!/usr/bin/env bash
# Makes an ingest benchmark corpus: N copies of each examples/*.txt, each with a unique last line
# (so every copy is a new document: different content key and id). Usage: make_corpus.sh N OUT_DIR
set -euo pipefail
n=${1:?copies per example}; out=${2:?output folder}
src="$(cd "$(dirname "$0")/../.." && pwd)/examples"
mkdir -p "$out"
for f in "$src"/*.txt; do
  base=$(basename "$f" .txt)
  for ((i = 0; i < n; i++)); do
    { cat "$f"; printf '\n\n(Reference copy %d of %s.)\n' "$i" "$base"; } > "$out/$base-$i.txt"
  done
done
echo "$(ls "$out" | wc -l) documents in $out"
