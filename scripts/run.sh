#!/usr/bin/env bash
# The README's first command: install, build (build/piaf), run Piaf's main job.
# Until the server exists, the main job demonstrates the text engine on lines
# of the interview the product grew out of.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh run
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DPIAF_BUILD_TESTS=OFF
cmake --build build -j2 --target piaf
exec scripts/demo.sh
