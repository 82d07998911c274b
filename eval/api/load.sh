#!/usr/bin/env bash
# API load test on loopback: starts `dyad serve` over STORE, runs wrk against one or more API paths
# (30 s each by default) and prints requests/s, p99 latency, errors and the server's RSS before and
# after. Usage:
#   eval/api/load.sh STORE [PATH...]     (default path: /api/events?actor=RUS&limit=50)
#   DURATION=30s CONNECTIONS=16 THREADS=2 BUILD=build eval/api/load.sh /tmp/load.db
set -euo pipefail
cd "$(dirname "$0")/../.."
store=${1:?usage: eval/api/load.sh STORE [PATH...]}
shift
paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=("/api/events?actor=RUS&limit=50")
dyad=${BUILD:-build}/dyad
tmp=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
"$dyad" --db "$store" serve --host 127.0.0.1 --port 0 >"$tmp/serve.log" 2>&1 &
server=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$tmp/serve.log" || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$tmp/serve.log" >&2; exit 1; }
rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$server/status"; }
echo "store: $store ($(curl -s "$url/api/summary" | grep -o '"events":[0-9]*' | head -1))"
for p in "${paths[@]}"; do
  echo "== GET $p"
  curl -s -o /dev/null -w "status %{http_code}, %{size_download} bytes, %{time_total} s (first request)\n" "$url$p"
  echo "RSS before: $(rss)"
  wrk -t "${THREADS:-2}" -c "${CONNECTIONS:-16}" -d "${DURATION:-30s}" --timeout "${TIMEOUT:-10s}" --latency "$url$p" | \
    grep -E "Requests/sec|Latency  |99%|Non-2xx|Socket errors|requests in"
  echo "RSS after:  $(rss)"
done
