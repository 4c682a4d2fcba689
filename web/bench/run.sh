#!/usr/bin/env bash
# The web app's measured figures: see measure.mjs (arguments passed on).
#   web/bench/run.sh [--binary build/piaf] [--web-dir DIR] [--seeded DIR --tokens FILE] [--out DIR] [--loads N]
set -euo pipefail
e2e="$(dirname "$0")/../tests/e2e"
if [[ ! -f $e2e/node_modules/.package-lock.json || $e2e/package-lock.json -nt $e2e/node_modules/.package-lock.json ]]; then
  (cd "$e2e" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
exec node "$(dirname "$0")/measure.mjs" "$@"
