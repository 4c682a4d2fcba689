#!/usr/bin/env bash
# Installs the pinned npm packages (package-lock.json) beside the build, then
# runs one of the scripts here with node: run.sh SCRIPT ARGS...
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
binary=${PIAF_BINARY:?set PIAF_BINARY to build/piaf}
work=${PIAF_NPM_DIR:-$(dirname "$binary")/npm/integration}
mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$work/"
if [[ ! -d $work/node_modules/masto || ! -d $work/node_modules/megalodon ]]; then
  (cd "$work" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >&2)
fi
script=$1
shift
cp "$here/$script" "$work/"
exec node "$work/$script" "$@"
