#!/usr/bin/env bash
# Builds the web page: installs the locked npm packages (web/package-lock.json) and bundles the page
# with vite into web/dist, which `dyad serve` serves. Nothing is fetched when the page runs.
#   scripts/build-web.sh            npm ci (when node_modules is missing or stale) + vite build
set -euo pipefail
cd "$(dirname "$0")/../web"
command -v npm >/dev/null || { echo "build-web: npm not found (run scripts/install-deps.sh)" >&2; exit 1; }
# npm ci only when the lock changed since the last install: it wipes node_modules each time.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.dyad-lock; then
  log=$(mktemp)
  if ! npm ci --no-audit --no-fund --loglevel=error >"$log" 2>&1; then
    # A registry mirror that lacks other platforms' optional packages (rollup/esbuild binaries)
    # leaves them out of the lock, and npm ci then calls the lock out of sync. npm install
    # --no-save installs the same locked versions without rewriting the lock.
    grep -m3 "npm error" "$log" >&2 || true
    echo "build-web: npm ci refused the lock; installing the locked versions with npm install --no-save" >&2
    npm install --no-save --no-audit --no-fund --loglevel=error
  fi
  rm -f "$log"
  cp package-lock.json node_modules/.dyad-lock
fi
npx --no-install vite build --logLevel warn
echo "build-web: page built in $(pwd)/dist"
