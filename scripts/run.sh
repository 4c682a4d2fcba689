#!/usr/bin/env bash
# The README's first command: install, build (build/piaf), and run Piaf's main
# job: the server with a small demo community on the embedded store.
#   PIAF_LISTEN=host:port (default 127.0.0.1:8080), PIAF_DATA_DIR (default demo-data)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh run
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DPIAF_BUILD_TESTS=OFF >/dev/null
cmake --build build -j2 --target piaf
listen=${PIAF_LISTEN:-127.0.0.1:8080}
data=${PIAF_DATA_DIR:-demo-data}
build/piaf admin seed-demo --data-dir "$data"
host=${listen%:*}
[[ $host == 0.0.0.0 ]] && host=127.0.0.1
cat <<TXT

Piaf serves a demo community at http://${host}:${listen##*:} (data in $data/).

  Open http://${host}:${listen##*:} in a browser and sign in as
  simon@demo.piaf with the password piaf-demo-2026.

People: simon, tbilesimo, amina, lucas, and the organization iteco;
each logs in as <name>@demo.piaf with the password piaf-demo-2026.

  toot:            toot login_cli --disable-https -i ${host}:${listen##*:} -e simon@demo.piaf
                   toot timeline
  Mastodon apps:   server http://${host}:${listen##*:}, same e-mail and password
  text engine:     scripts/demo.sh

Stop with Ctrl-C.
TXT
exec build/piaf serve --data-dir "$data" --listen "$listen"
