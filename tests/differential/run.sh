#!/usr/bin/env bash
# Installs npm twitter-text 3.1.0 (pinned by package-lock.json) beside the
# build, then runs the differential test against $PIAF_BINARY.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
binary=${PIAF_BINARY:?set PIAF_BINARY to build/piaf}
work=${PIAF_NPM_DIR:-$(dirname "$binary")/npm/differential}
mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$work/"
if [[ ! -d $work/node_modules/twitter-text ]]; then
  (cd "$work" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
fi
NODE_PATH="$work/node_modules" exec node "$here/differential.js" "$binary" "${PIAF_DIFF_COUNT:-20000}" "${PIAF_DIFF_SEED:-20261127}"
