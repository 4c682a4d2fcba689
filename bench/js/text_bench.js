// The same work as bench/text_bench.cc, through npm twitter-text 3.1.0:
// parseTweet + the four extractors, over bench/corpus.jsonl. Prints JSON.
//
//   node text_bench.js CORPUS CONFIG(classic|weighted) [WINDOWS]
//
// After a two-second JIT warm-up, measures WINDOWS one-second windows and
// reports the best one: the JavaScript library gets its best showing.
'use strict';
const fs = require('fs');
const twttr = require('twitter-text');

const corpus = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const configName = process.argv[3] || 'classic';
const windows = parseInt(process.argv[4] || '5', 10);
const config = configName === 'weighted' ? twttr.configs.version3 : twttr.configs.version1;

let sink = 0;
function once(text) {
  const r = twttr.parseTweet(text, config);
  sink += r.weightedLength;
  sink += twttr.extractMentionsWithIndices(text).length;
  sink += twttr.extractHashtagsWithIndices(text).length;
  sink += twttr.extractUrlsWithIndices(text).length;
  sink += twttr.extractCashtagsWithIndices(text).length;
}

function window(seconds) {
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

window(2); // warm-up
const rates = [];
for (let w = 0; w < windows; w++) rates.push(window(1));
console.log(JSON.stringify({ node: process.version, config: configName, best: Math.max(...rates), windows: rates, sink }));
