#!/usr/bin/env bash
# Browser tests of the page: builds it (scripts/build-web.sh), ingests examples/ (and
# tests/api/data/dated.jsonl) into a temporary
# store, starts `dyad serve` on a free loopback port and drives Debian's Chromium with
# playwright-core (tests/web/browser.test.mjs). Screenshots go to build/web-artifacts/.
#   scripts/web-test.sh [BUILD_DIR]     (default build; the dyad binary must be built)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
dyad="$build/dyad"
[ -x "$dyad" ] || { echo "web-test: $dyad not built (run scripts/build.sh $build)" >&2; exit 1; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "web-test: chromium not installed (scripts/install-deps.sh)" >&2; exit 1; }
bash scripts/build-web.sh

tmp=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# The examples plus a small dated feed (the examples carry no dates, so no timeline without it).
"$dyad" --db "$tmp/web.db" -q ingest examples/ tests/api/data/dated.jsonl >/dev/null
"$dyad" --db "$tmp/web.db" serve --host 127.0.0.1 --port 0 --web web/dist >"$tmp/serve.log" 2>&1 &
server=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$tmp/serve.log" || true)
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$tmp/serve.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "web-test: dyad serve did not start" >&2; cat "$tmp/serve.log" >&2; exit 1; }
artifacts="$build/web-artifacts"
mkdir -p "$artifacts"
echo "web-test: $url (screenshots in $artifacts)"
DYAD_URL="$url" DYAD_ARTIFACTS="$artifacts" timeout 300 node --test --test-reporter=spec tests/web/browser.test.mjs
