// The message catalogs: both languages have every key, the same
// placeholders, and plural entries have "one" and "other".
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const dir = join(process.env.PIAF_WEB_DIR ?? process.cwd(), 'src', 'i18n');
type Entry = string | Record<string, string>;
const load = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, Entry>;

function placeholders(e: Entry): string[] {
  const texts = typeof e === 'string' ? [e] : Object.values(e);
  const set = new Set<string>();
  for (const s of texts) for (const m of s.matchAll(/\{(\w+)\}/g)) set.add(m[1]);
  return [...set].sort();
}

function compare(a: string, b: string): void {
  const ca = load(a);
  const cb = load(b);
  const missingInB = Object.keys(ca).filter((k) => !(k in cb));
  const missingInA = Object.keys(cb).filter((k) => !(k in ca));
  assert.deepEqual(missingInB, [], `keys of ${a} missing in ${b}`);
  assert.deepEqual(missingInA, [], `keys of ${b} missing in ${a}`);
  for (const k of Object.keys(ca)) {
    const ea = ca[k];
    const eb = cb[k];
    assert.equal(typeof ea, typeof eb, `${k}: a plural in one catalog only`);
    assert.deepEqual(placeholders(ea), placeholders(eb), `${k}: placeholders differ between ${a} and ${b}`);
    for (const e of [ea, eb]) {
      if (typeof e === 'object') {
        assert.ok(typeof e.one === 'string' && typeof e.other === 'string', `${k}: plural needs "one" and "other"`);
      } else {
        assert.ok(e.trim().length > 0, `${k}: empty message`);
      }
    }
  }
}

test('en.json and fr.json have the same keys and placeholders', () => compare('en.json', 'fr.json'));

test('server.en.json and server.fr.json agree (when present)', (t) => {
  if (!existsSync(join(dir, 'server.en.json')) || !existsSync(join(dir, 'server.fr.json'))) {
    t.skip('no server catalogs');
    return;
  }
  compare('server.en.json', 'server.fr.json');
});

test('every key the code uses is in the catalogs', () => {
  const en = load('en.json');
  const src = join(dir, '..');
  const files: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(f)) files.push(p);
    }
  };
  walk(src);
  const missing: string[] = [];
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z]+\.[\w.]+)'/g)) if (!(m[1] in en)) missing.push(`${m[1]} (${f})`);
  }
  assert.deepEqual(missing, []);
});
