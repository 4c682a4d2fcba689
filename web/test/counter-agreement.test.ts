// The compose counter against the server: every line of tricky-texts.txt
// through the app's countText and through `piaf text parse`, for both
// configurations; weighted_length and valid must agree.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { countText, loadCounter, type LengthConfig } from '../src/lib/counter';

const web = process.env.PIAF_WEB_DIR ?? process.cwd();
const binary = process.env.PIAF_BINARY ?? join(web, '..', 'build', 'piaf');
const lines = readFileSync(join(web, 'test', 'tricky-texts.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');

interface ServerCount {
  weighted_length: number;
  valid: boolean;
  error?: string;
}

function server(config: LengthConfig): ServerCount[] {
  const r = spawnSync(binary, ['text', 'parse', '--config', config], { input: lines.join('\n') + '\n', encoding: 'utf8' });
  assert.equal(r.status, 0, `piaf text parse failed: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ServerCount);
}

for (const config of ['classic', 'weighted'] as const) {
  test(`the app counts like the server (${config})`, async (t) => {
    if (!existsSync(binary)) {
      t.skip(`no server binary at ${binary}`);
      return;
    }
    await loadCounter();
    const expected = server(config);
    assert.equal(expected.length, lines.length);
    const diffs: string[] = [];
    lines.forEach((line, i) => {
      const text = JSON.parse(line) as string;
      const mine = countText(text, config);
      const theirs = expected[i];
      assert.ok(mine.exact, 'twitter-text is loaded');
      assert.equal(theirs.error, undefined, `line ${i + 1}: ${theirs.error}`);
      if (mine.weightedLength !== theirs.weighted_length || mine.valid !== theirs.valid) {
        diffs.push(`line ${i + 1} ${line}: app ${mine.weightedLength}/${mine.valid}, server ${theirs.weighted_length}/${theirs.valid}`);
      }
    });
    assert.deepEqual(diffs, []);
  });
}

test('remaining is the limit minus the weighted length', async () => {
  await loadCounter();
  assert.equal(countText('a'.repeat(150), 'classic').remaining, -10);
  assert.equal(countText('see http://example.com', 'classic').weightedLength, 4 + 23);
  assert.equal(countText('', 'classic').valid, false);
  assert.equal(countText('a'.repeat(280), 'weighted').remaining, 0);
});
