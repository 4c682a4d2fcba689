#!/usr/bin/env bash
# Installs the Debian 12 packages Piaf needs. Usage: scripts/deps.sh [run|test|bench]
# (each level includes the previous one). Idempotent; needs root.
set -euo pipefail
level=${1:-run}
packages=(cmake ninja-build g++ ccache pkg-config
  libboost1.81-dev libboost-json1.81-dev libcli11-dev libutf8proc-dev
  libsqlite3-dev libsodium-dev libzstd-dev libspdlog-dev libfmt-dev libjemalloc-dev libvips-dev
  publicsuffix unicode-data)
if [[ $level == test || $level == bench ]]; then
  packages+=(libgtest-dev libgmock-dev libyaml-cpp-dev python3 python3-mastodon toot chromium fonts-dejavu-core)
fi
if [[ $level == bench ]]; then
  packages+=(libbenchmark-dev libvips-tools)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
# Node.js and npm build the web app (compiled into the binary), and run the
# differential test, the browser tests and the JavaScript side of the
# benchmark; a machine that already has them (e.g. from NodeSource) keeps its own.
if ! { command -v node && command -v npm; } >/dev/null; then
  missing+=(nodejs npm)
fi
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
