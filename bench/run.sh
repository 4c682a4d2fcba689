#!/usr/bin/env bash
# Measures the text engine against the official JavaScript library, then the
# server (small profile; with --large the large profile too), in one run, and
# writes bench/REPORT.md from that run alone.
#
#   bench/run.sh [--large] [ROUNDS]   (default 7 paired rounds per configuration)
#
# The large profile seeds 1,000,000 accounts and 10,000,000 posts (about 20
# minutes here); PIAF_BENCH_REUSE_SEED=1 keeps a store seeded by an earlier run.
#
# Then the image pipeline of uploads against vipsthumbnail (bench/media/run.sh).
#
# C++: Google Benchmark of ParseText (length + entities) over bench/corpus.jsonl,
# and of the timeline engine's packed lists (bench/timeline_bench.cc).
# JavaScript: npm twitter-text 3.1.0, parseTweet + the four extractors over
# the same corpus. bench/js/compare.js measures them in tight pairs (see there).
set -euo pipefail
cd "$(dirname "$0")/.."
large=
if [[ ${1:-} == --large ]]; then large=1; shift; fi
rounds=${1:-7}
scripts/deps.sh bench
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DPIAF_BUILD_BENCH=ON -DPIAF_BUILD_TESTS=OFF -DPIAF_LTO=ON >/dev/null
cmake --build build-bench -j2 --target text_bench timeline_bench media_bench
npm_dir=build-bench/npm
mkdir -p "$npm_dir"
cp tests/differential/package.json tests/differential/package-lock.json "$npm_dir/"
[[ -d $npm_dir/node_modules/twitter-text ]] ||
  (cd "$npm_dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)

out=build-bench/results
rm -rf "$out" "$out-large" && mkdir -p "$out"
NODE_PATH="$npm_dir/node_modules" node bench/js/compare.js bench/corpus.jsonl build-bench/text_bench "$rounds" \
  >"$out/compare.json"

# The fan-out's inner step and a page read, alone (bench/timeline_bench.cc).
build-bench/timeline_bench --benchmark_format=json >"$out/timeline.json"

# The image pipeline, images per second on one core against vipsthumbnail
# (bench/media/run.sh): media.json (and bench/media/RESULTS.md).
bench/media/run.sh build-bench "$out" >/dev/null

# The server benchmark (seed, piaf serve, wrk, nginx ceiling): server.json.
bench/server/run.sh
[[ -n $large ]] && bench/server/run.sh --large
# The web app in Debian's chromium against the small profile's store: first
# load size, time to the first posts painted, 1,000 posts scrolled (web.md).
web/bench/run.sh --binary build-bench/piaf --seeded build-bench/server-small \
  --tokens build-bench/server-small.tokens --out "$out"

{
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "cores: $(nproc)"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "os: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "compiler: $(c++ --version | head -1)"
  echo "node: $(node --version)"
  # What the server binary allocates with (jemalloc prints its version here).
  echo "allocator: $(MALLOC_CONF=stats_print:true build-bench/piaf --help 2>&1 |
    sed -n 's/^Version: "\([0-9.]*\).*/jemalloc \1/p' | head -1 | grep . || echo glibc malloc)"
} >"$out/machine.txt"
node bench/js/report.js "$out" "$rounds" >bench/REPORT.md
cat bench/REPORT.md
