#!/usr/bin/env bash
# The main job on the bundled examples: install, build, ingest examples/ into dyad.db, summarise.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh build
rm -f dyad.db dyad.db-wal dyad.db-shm
./build/dyad --db dyad.db ingest examples/
./build/dyad --db dyad.db summary
