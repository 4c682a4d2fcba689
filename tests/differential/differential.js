// Differential test: piaf's text engine against the official twitter-text
// library (npm twitter-text 3.1.0) on generated texts.
//
//   node differential.js PIAF_BINARY [COUNT] [SEED]
//
// Generates COUNT texts from a seeded generator (mixed scripts, emoji ZWJ
// sequences and skin tones, combining accents, RTL marks, fullwidth signs,
// URLs with and without a scheme, trailing punctuation, lengths around the
// 140 boundary), runs each through `piaf text parse` under both configs and
// through twitter-text, and compares weighted length, validity and every
// entity with its code-point indices. Exits 1 on any disagreement.
'use strict';
const { execFileSync } = require('child_process');
const twttr = require('twitter-text');

const binary = process.argv[2];
const count = parseInt(process.argv[3] || '20000', 10);
let seed = parseInt(process.argv[4] || '20261127', 10) >>> 0;

function random() { // mulberry32
  seed = (seed + 0x6D2B79F5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(random() * a.length)];

const words = [
  'Dans', 'les', 'comptes', 'Twitter', 'des', 'organisations', 'peut-être', 'intéressantes',
  'écouter', 'répondre', 'ONG', 'Qu’appelez-vous', '«', '»', 'marketing', 'traditionnel',
  'listening', 'helps', 'people', 'questions', 'answer', 'the', 'of', 'RT', 'rt', 'cc', 'via',
  'café', 'cafe\u0301', 'A\u030a', 'n\u0303', 'Ελληνικά', 'ιστός', 'Русские', 'слова',
  'これは日本語です', '中文', '한국어', 'ｈａｓｈ', 'ﾊｯｼｭ', 'עברית', 'العربية', 'فارسی', 'ไทย',
  'हिन्दी', '\u200f', '\u200e', '\u202b', '\u202c', '\u2066', '\u2069', '\u061c', '\u00a0',
  '\u3000', '\ufeff', '\ufffe', '\u200d', '\u200c', '\ufe0f', '\ufe0e', 'x'.repeat(30), '…',
  'l·l', 'İn', 'ş', '\u0130', 'ǅ', 'ɠ', 'ι', '\u0345', 'Ω',
  // NFC at work: marks out of canonical order, conjoining jamo, singletons,
  // composition exclusions.
  'a\u0301\u0323', 'q\u0307\u0323', '\u1100\u1161\u11a8', '\u212b', '\u2126', '\u0958',
  '\u0915\u093c', 'e\u0302\u0301',
];
const emoji = [
  '😀', '🐱', '👍', '👍🏽', '👍🏿', '✌', '✌️', '✌🏿', '☺', '☺️', '☺︎', '❤', '❤️', '👨‍👩‍👧',
  '👨‍👩‍👧‍👦', '👩‍❤️‍💋‍👨', '👩🏽‍💻', '🧑‍🤝‍🧑', '🏳️‍🌈', '🏴‍☠️', '🇫🇷', '🇧🇪', '🇺🇸', '#️⃣', '1️⃣', '©', '©️',
  '®️', '™', '‼️', '🏃‍♀️', '🏃🏻‍♀️', '🤷‍♂️', '👁️‍🗨️', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '🦰', '👨‍🦰', '🥰', '🫠', '⛹️‍♀️', '⛹🏼',
];
const tlds = ['com', 'org', 'net', 'fr', 'be', 'jp', 'co.uk', 'io', 'edu', 'gov', 'de', 'co',
  'tv', 'みんな', '中国', 'рф', 'COM', 'Org', 'baz', 'comm', 'xn--p1ai', 'info', 'ly', 'so'];
const labels = ['example', 'iteco', 'twitter', 'foo', 'bar-baz', 'a_b', 'www', 'sub.domain',
  'ELPAÍS', 'ああ', 'exampleこれは', 't', 'x', '-bad', 'bad-', 'xn--ls8h', 'mañana', 'b2b'];
const paths = ['', '/', '/path', '/a/b.html', '/wiki/Primer_(film)', '/x?y=1&z=2', '?q=a',
  '/p.', '/p,', '/p!', '/é', '/Русские', '/a+', '/a-', '#frag', ':8080/x', '/a(b(c)d)e',
  "/it's", '/~user', '/%20x', '/a.b.c/', '/(x', '/path?x=1.', '/?', '//double'];

function url() {
  const scheme = pick(['', '', 'http://', 'https://', 'HTTP://', 'http:// ']);
  if (random() < 0.1) return scheme + 't.co/' + pick(['abc', 'UqIyJAJTfo', 'a'.repeat(41), 'x?amp=1', 'ab-']);
  return scheme + pick(labels) + '.' + pick(tlds) + pick(paths);
}
function mention() {
  return pick(['@', '@', '＠', 'RT @', 'rt:@', '.@', 'a@', '@@']) +
    pick(['simon', 'TBilesimo', 'user_name', '12345', 'a'.repeat(22), 'élodie', 'x/list-name',
      'http://x.com', 'bob@example.com', '_']);
}
function hashtag() {
  return pick(['#', '#', '＃', '&#', '##']) +
    pick(['ONG', 'café', 'cafe\u0301', '123', '1a', '日本語', 'tag_1', 'سیاست', 'Ateş', 'a\u200cb',
      'メ〜テレ', 'il·lusió', 'x' + '\u20e3', '️x', 'http://x.com', '트위터', 'tag#tag']);
}
function cashtag() {
  return pick(['$', '$', ' $']) + pick(['GOOG', 'TEST.T', 'ab_cd', 'TOOLONGX', '123', 'AB.', 'A.BCD']);
}
const seps = ['', ' ', ' ', ' ', '  ', '.', ',', '!', '?', '(', ')', "'", '"', '\n', '/', '-', '_',
  ':', ';', '…', '«', '»', '’', '\t', '。', '！', '\u00a0', '$', '#', '@'];

function generate() {
  const parts = [];
  const target = pick([20, 60, 120, 135, 138, 139, 140, 141, 142, 150, 280, 290]);
  let length = 0;
  while (length < target) {
    const r = random();
    let p;
    if (r < 0.35) p = pick(words);
    else if (r < 0.5) p = url();
    else if (r < 0.6) p = mention();
    else if (r < 0.7) p = hashtag();
    else if (r < 0.75) p = cashtag();
    else if (r < 0.9) p = pick(emoji);
    else p = 'x'.repeat(1 + Math.floor(random() * 20));
    parts.push(p, pick(seps));
    length += [...p].length + 1;
  }
  return parts.join('');
}

// Reference: twitter-text, indices converted to code points.
function reference(text, config) {
  // twitter-text's own converter keeps an entity's length in UTF-16 units;
  // count code points before each end instead.
  const cp = (i) => [...text.slice(0, i)].length;
  const conv = (list, key, out) =>
    list.map((e) => ({ [out]: e[key], indices: [cp(e.indices[0]), cp(e.indices[1])] }));
  const parsed = twttr.parseTweet(text, config);
  return {
    weighted_length: parsed.weightedLength,
    valid: parsed.valid,
    mentions: conv(twttr.extractMentionsWithIndices(text), 'screenName', 'username'),
    hashtags: conv(twttr.extractHashtagsWithIndices(text), 'hashtag', 'tag'),
    urls: conv(twttr.extractUrlsWithIndices(text), 'url', 'url'),
    cashtags: conv(twttr.extractCashtagsWithIndices(text), 'cashtag', 'symbol'),
  };
}

const texts = [];
for (let i = 0; i < count; i++) texts.push(generate());
const input = texts.map((t) => JSON.stringify(t)).join('\n') + '\n';

let failures = 0;
for (const [name, config] of [['classic', twttr.configs.version1], ['weighted', twttr.configs.version3]]) {
  const out = execFileSync(binary, ['text', 'parse', '--config', name], { input, maxBuffer: 1 << 30 })
    .toString().split('\n');
  for (let i = 0; i < texts.length; i++) {
    const want = JSON.stringify(reference(texts[i], config));
    const got = JSON.stringify(JSON.parse(out[i]));
    if (want !== got) {
      failures++;
      if (failures <= 25) {
        console.log(`MISMATCH [${name}] ${JSON.stringify(texts[i])}\n  want ${want}\n  got  ${got}`);
      }
    }
  }
}
console.log(`${texts.length} texts x 2 configs, ${failures} disagreements`);
process.exit(failures ? 1 : 0);
