#!/usr/bin/env bash
# The test command: installs dependencies, builds, runs every test.
#   scripts/test.sh             release build: unit tests (ctest), then the system tests —
#                               PostgreSQL store + kill -9 of queue workers (scripts/pg-test.sh),
#                               the web page in Chromium (scripts/web-test.sh), kill -9 of ingest
#                               (scripts/crash-test.sh)
#   scripts/test.sh --sanitize  clang build with ASan+UBSan (and libFuzzer coverage): unit tests,
#                               then a FUZZ_SECONDS (default 60) smoke run of every fuzz target
# Each part prints its wall time, so CI logs show where the time goes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
step() {
  local name=$1 t0; shift
  t0=$(date +%s)
  echo "== $name"
  "$@"
  echo "== $name: ok in $(( $(date +%s) - t0 ))s"
}
if [ "${1:-}" = "--sanitize" ]; then
  # One clang build serves both: DYAD_FUZZ instruments every library with ASan+UBSan (what the
  # unit tests need) plus libFuzzer coverage, and builds the fuzz targets beside the tests.
  step "build (clang, ASan+UBSan+fuzz)" env CC=clang CXX=clang++ bash scripts/build.sh build-asan -DDYAD_FUZZ=ON
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  step "unit tests under ASan+UBSan" ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
  unset ASAN_OPTIONS UBSAN_OPTIONS
  step "fuzz smoke (${FUZZ_SECONDS:-60}s per target)" env FUZZ_BUILD_DIR=build-asan bash scripts/fuzz.sh "${FUZZ_SECONDS:-60}"
else
  step "build" bash scripts/build.sh build
  step "unit tests" ctest --test-dir build --output-on-failure -j "$(nproc)"
  step "PostgreSQL store and workers" bash scripts/pg-test.sh build
  step "web page in Chromium" bash scripts/web-test.sh build
  step "kill -9 during ingest" bash scripts/crash-test.sh build/dyad 20
fi
