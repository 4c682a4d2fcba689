// Paired comparison of Piaf's text engine and npm twitter-text 3.1.0,
// both pinned to CPU 0.
//
//   node compare.js CORPUS TEXT_BENCH_BINARY ROUNDS
//
// The shared machine this runs on changes speed over tens of seconds, so the
// two sides are measured in tight pairs: for each configuration, after a JIT
// warm-up, each round measures the JavaScript library for one second, runs
// Piaf's text_bench for about one second, and measures JavaScript for one more
// second. The round's ratio divides Piaf's figure by the *better* of the two
// JavaScript windows. Prints JSON.
'use strict';
const fs = require('fs');
const { execFileSync } = require('child_process');
const twttr = require('twitter-text');

const [corpusPath, benchBinary, roundsArg] = process.argv.slice(2);

// Both sides run on the same core (CPU 0): on this shared two-core machine one
// core can be slower than the other for a while, and neither side should get
// the better one by chance.
function pinned(args) {
  return ['-c', '0', ...args];
}
try {
  execFileSync('taskset', ['-cp', '0', String(process.pid)], { stdio: 'ignore' });
} catch (e) {
  // without taskset, both float
}
const rounds = parseInt(roundsArg || '7', 10);
const corpus = fs.readFileSync(corpusPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

let sink = 0;
function jsWindow(config, seconds) {
  const once = (text) => {
    const r = twttr.parseTweet(text, config);
    sink += r.weightedLength;
    sink += twttr.extractMentionsWithIndices(text).length;
    sink += twttr.extractHashtagsWithIndices(text).length;
    sink += twttr.extractUrlsWithIndices(text).length;
    sink += twttr.extractCashtagsWithIndices(text).length;
  };
  let n = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < deadline) {
    for (let k = 0; k < 500; k++) once(corpus[(n + k) % corpus.length]);
    n += 500;
    now = process.hrtime.bigint();
  }
  return n / (Number(now - start) / 1e9);
}

// Let V8's background threads (concurrent GC, JIT) settle, so that they do
// not compete with Piaf for the machine's two cores.
function settle() {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
}

function piaf(filter) {
  settle();
  const out = execFileSync('taskset', pinned([benchBinary, `--benchmark_filter=${filter}`,
    '--benchmark_min_time=1', '--benchmark_format=json']),
  { env: { ...process.env, PIAF_BENCH_CORPUS: corpusPath } });
  return JSON.parse(out.toString()).benchmarks[0].items_per_second;
}

const result = { node: process.version, rounds: {} };
for (const [name, config, filter] of [['classic', twttr.configs.version1, 'Classic'],
  ['weighted', twttr.configs.version3, 'Weighted']]) {
  jsWindow(config, 2); // warm-up
  const list = [];
  for (let r = 0; r < rounds; r++) {
    const js1 = jsWindow(config, 1);
    const cpp = piaf(filter);
    const js2 = jsWindow(config, 1);
    list.push({ piaf: cpp, js: Math.max(js1, js2), ratio: cpp / Math.max(js1, js2) });
  }
  result.rounds[name] = list;
}
result.sink = sink;
console.log(JSON.stringify(result));
