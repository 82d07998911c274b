#!/usr/bin/env bash
# The test command: installs dependencies, builds, runs every test.
#   scripts/test.sh             release build, all tests
#   scripts/test.sh --sanitize  ASan/UBSan build, all tests
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
if [ "${1:-}" = "--sanitize" ]; then
  bash scripts/build.sh build-asan -DDYAD_SANITIZE=ON
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
else
  bash scripts/build.sh build
  ctest --test-dir build --output-on-failure -j "$(nproc)"
fi
