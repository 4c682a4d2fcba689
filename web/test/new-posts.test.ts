// The "new posts" buffering: at the top new posts go in at once; scrolled
// down they wait behind the button and what is shown does not change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appendOlder, emptyBuffer, flush, newestId, receive, remove, update } from '../src/lib/newPosts';
import { compareIds } from '../src/lib/ids';

interface P {
  id: string;
  n?: number;
}
const idOf = (p: P) => p.id;
const ids = (l: P[]) => l.map(idOf);
const start = () => appendOlder(emptyBuffer<P>(), [{ id: '30' }, { id: '20' }, { id: '10' }], idOf);

test('ids compare as numbers of any length', () => {
  assert.ok(compareIds('9', '10') < 0);
  assert.ok(compareIds('117745708670910464', '117745708670910465') < 0);
  assert.equal(compareIds('42', '42'), 0);
});

test('at the top, new posts are shown at once, newest first', () => {
  const s = receive(start(), [{ id: '40' }, { id: '50' }], true, idOf);
  assert.deepEqual(ids(s.shown), ['50', '40', '30', '20', '10']);
  assert.deepEqual(s.pending, []);
});

test('scrolled down, new posts wait and the shown list is unchanged', () => {
  const before = start();
  const s = receive(before, [{ id: '40' }], false, idOf);
  assert.equal(s.shown, before.shown, 'the same array: nothing moves');
  assert.deepEqual(ids(s.pending), ['40']);
  const s2 = receive(s, [{ id: '60' }, { id: '50' }], false, idOf);
  assert.deepEqual(ids(s2.pending), ['60', '50', '40']);
  assert.equal(s2.shown, before.shown);
});

test('"Show N new posts" puts everything pending on top', () => {
  const s = flush(receive(start(), [{ id: '40' }, { id: '50' }], false, idOf), idOf);
  assert.deepEqual(ids(s.shown), ['50', '40', '30', '20', '10']);
  assert.deepEqual(s.pending, []);
});

test('back at the top with posts pending, new ones and pending ones come in together', () => {
  const s = receive(receive(start(), [{ id: '40' }], false, idOf), [{ id: '50' }], true, idOf);
  assert.deepEqual(ids(s.shown), ['50', '40', '30', '20', '10']);
  assert.deepEqual(s.pending, []);
});

test('a post already shown or pending is never duplicated', () => {
  let s = receive(start(), [{ id: '30', n: 2 }], false, idOf);
  assert.deepEqual(ids(s.shown), ['30', '20', '10']);
  assert.equal(s.shown[0].n, 2, 'replaced in place');
  assert.deepEqual(s.pending, []);
  s = receive(s, [{ id: '40' }], false, idOf);
  s = receive(s, [{ id: '40' }], false, idOf);
  assert.deepEqual(ids(s.pending), ['40']);
});

test('an older post from a gap fill goes in its place without the button', () => {
  const s = receive(start(), [{ id: '25' }], false, idOf);
  assert.deepEqual(ids(s.shown), ['30', '25', '20', '10']);
  assert.deepEqual(s.pending, []);
});

test('infinite scroll appends older posts below, without duplicates', () => {
  const s = appendOlder(start(), [{ id: '10' }, { id: '5' }], idOf);
  assert.deepEqual(ids(s.shown), ['30', '20', '10', '5']);
});

test('a deleted post leaves both lists', () => {
  const s = remove(receive(start(), [{ id: '40' }], false, idOf), (p) => p.id === '40' || p.id === '20');
  assert.deepEqual(ids(s.shown), ['30', '10']);
  assert.deepEqual(s.pending, []);
});

test('update changes matching posts and keeps the state when nothing matches', () => {
  const s0 = start();
  assert.equal(update(s0, (p) => p), s0);
  const s1 = update(s0, (p) => (p.id === '20' ? { ...p, n: 1 } : p));
  assert.equal(s1.shown[1].n, 1);
});

test('newestId looks at pending and shown', () => {
  assert.equal(newestId(emptyBuffer<P>(), idOf), null);
  assert.equal(newestId(start(), idOf), '30');
  assert.equal(newestId(receive(start(), [{ id: '99' }], false, idOf), idOf), '99');
});
