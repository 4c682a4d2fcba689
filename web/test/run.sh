#!/usr/bin/env bash
# The web app's unit tests: installs the pinned packages if needed (npm ci),
# bundles test/*.test.ts with esbuild into a temporary folder and runs them
# with node's test runner. PIAF_BINARY (default ../build/piaf from the
# repository root) is the server for the counter agreement test.
set -euo pipefail
web=$(cd "$(dirname "$0")/.." && pwd)
cd "$web"
if [[ ! -d node_modules/esbuild || ! -d node_modules/twitter-text || ! -d node_modules/preact ]]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
export PIAF_BINARY=${PIAF_BINARY:-$web/../build/piaf}
export PIAF_WEB_DIR=$web
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
node test/bundle-tests.mjs "$out"
node --test "$out"/*.test.mjs
