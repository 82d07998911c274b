#!/usr/bin/env bash
# Installs everything dyad needs on a fresh Debian 12 machine (run as root, or with sudo present).
set -euo pipefail
PKGS=(build-essential cmake ninja-build pkg-config clang
      libsqlite3-dev sqlite3 libgumbo-dev libicu-dev libutf8proc-dev zlib1g-dev
      nlohmann-json3-dev libcli11-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev
      libcpp-httplib-dev libpq-dev libpqxx-dev
      time python3)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
