// The same work as bench/text_bench.cc, through npm twitter-text 3.1.0:
// parseTweet + the four extractors, over bench/corpus.jsonl. Prints JSON.
'use strict';
const fs = require('fs');
const twttr = require('twitter-text');

const corpus = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const seconds = parseFloat(process.argv[3] || '5');

function run(config) {
  let sink = 0;
  const once = (text) => {
    const r = twttr.parseTweet(text, config);
    sink += r.weightedLength;
    sink += twttr.extractMentionsWithIndices(text).length;
    sink += twttr.extractHashtagsWithIndices(text).length;
    sink += twttr.extractUrlsWithIndices(text).length;
    sink += twttr.extractCashtagsWithIndices(text).length;
  };
  for (let w = 0; w < 20000; w++) once(corpus[w % corpus.length]); // warm-up (JIT)
  let n = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < deadline) {
    for (let k = 0; k < 1000; k++) once(corpus[(n + k) % corpus.length]);
    n += 1000;
    now = process.hrtime.bigint();
  }
  const elapsed = Number(now - start) / 1e9;
  return { texts: n, seconds: elapsed, texts_per_second: n / elapsed, sink };
}

console.log(JSON.stringify({
  node: process.version,
  classic: run(twttr.configs.version1),
  weighted: run(twttr.configs.version3),
}));
