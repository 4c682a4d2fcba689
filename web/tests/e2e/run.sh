#!/usr/bin/env bash
# The web app's browser tests (see run.mjs): installs the pinned
# playwright-core and axe-core when node_modules is missing or older than the
# lock, then runs every test (or those whose name contains an argument).
#   PIAF_BINARY=build/piaf [PIAF_SCREENSHOTS=DIR] [PIAF_WEB_DIR=DIR] web/tests/e2e/run.sh [NAME...]
set -euo pipefail
# Paths given relative to the caller's directory stay so after the cd.
for v in PIAF_BINARY PIAF_SCREENSHOTS PIAF_WEB_DIR; do
  if [[ -n ${!v:-} ]]; then export "$v=$(realpath -m -- "${!v}")"; fi
done
cd "$(dirname "$0")"
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
exec node run.mjs "$@"
