#!/usr/bin/env bash
# Measures the text engine against the official JavaScript library in one run
# and writes bench/REPORT.md.
#
#   bench/run.sh [ROUNDS]      (default 5 rounds, alternating C++ and JavaScript)
#
# C++: Google Benchmark of ParseText (length + entities) over bench/corpus.jsonl.
# JavaScript: npm twitter-text 3.1.0, parseTweet + the four extractors over
# the same corpus. Each round runs both, one after the other. The report
# compares Piaf's median round with the JavaScript library's best one-second
# window over all rounds, so that noise on this shared machine cannot flatter
# Piaf.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
scripts/deps.sh bench
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DPIAF_BUILD_BENCH=ON -DPIAF_BUILD_TESTS=OFF -DPIAF_LTO=ON >/dev/null
cmake --build build-bench -j2 --target text_bench
npm_dir=build-bench/npm
mkdir -p "$npm_dir"
cp tests/differential/package.json tests/differential/package-lock.json "$npm_dir/"
[[ -d $npm_dir/node_modules/twitter-text ]] ||
  (cd "$npm_dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)

out=build-bench/results
rm -rf "$out" && mkdir -p "$out"
for ((r = 1; r <= rounds; r++)); do
  echo "round $r/$rounds"
  build-bench/text_bench --benchmark_min_time=2 --benchmark_format=json >"$out/cpp-$r.json"
  for config in classic weighted; do
    NODE_PATH="$npm_dir/node_modules" node bench/js/text_bench.js bench/corpus.jsonl $config 5 \
      >"$out/js-$config-$r.json"
  done
done

{
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "cores: $(nproc)"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "os: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "compiler: $(c++ --version | head -1)"
  echo "node: $(node --version)"
} >"$out/machine.txt"
node bench/js/report.js "$out" "$rounds" >bench/REPORT.md
cat bench/REPORT.md
