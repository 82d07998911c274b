#!/usr/bin/env bash
# Installs everything dyad needs on a fresh Debian 12 machine (run as root, or with sudo present).
set -euo pipefail
PKGS=(build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev  # clang's ASan/libFuzzer runtimes
      libsqlite3-dev sqlite3 libgumbo-dev libicu-dev libutf8proc-dev zlib1g-dev
      nlohmann-json3-dev libcli11-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev
      libcpp-httplib-dev libpq-dev libpqxx-dev
      time python3  # time: peak RSS in scripts/memory.sh; python3: test corpus generators
      wordnet-base  # WordNet 3.0 database: lexicon features when training the tagger (dyad train tagger)
      postgresql    # server for scripts/pg-test.sh (PostgreSQL store tests)
      chromium wrk)  # chromium: browser tests (scripts/web-test.sh); wrk: API load test
# The web page is built with npm (scripts/build-web.sh; vite 7 and playwright-core need Node >= 20).
# Use the machine's Node.js when there is one (it may come with its own npm); else Debian's.
command -v node >/dev/null || PKGS+=(nodejs)
command -v npm >/dev/null || PKGS+=(npm)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
