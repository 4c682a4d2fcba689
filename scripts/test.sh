#!/usr/bin/env bash
# The README's second command: install, build and run every test.
# Unit, conformance and CLI tests run on an ASan+UBSan build; the differential
# test drives that same sanitized binary against npm twitter-text 3.1.0.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPIAF_SANITIZE=ON -DPIAF_BUILD_TESTS=ON
cmake --build build-asan -j2
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-asan --output-on-failure -j2
