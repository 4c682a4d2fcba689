// Polls and edits in the app: a poll's results as shown, whether a poll
// being written can be sent, an edited post from a stream over the one shown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Poll, Status } from '../src/api/types';
import { pollReady, pollRows, withViewerFlags } from '../src/lib/polls';

const poll = (p: Partial<Poll>): Poll => ({
  id: '7',
  expires_at: null,
  expired: false,
  multiple: false,
  votes_count: 0,
  voters_count: 0,
  options: [],
  ...p,
});

test("a one-choice poll's percentages are of its votes, the most voted leads", () => {
  const rows = pollRows(
    poll({ votes_count: 3, voters_count: 3, own_votes: [1], options: [{ title: 'Tea', votes_count: 1 }, { title: 'Coffee', votes_count: 2 }, { title: 'Both', votes_count: 0 }] }),
  );
  assert.deepEqual(rows.map((r) => [r.title, r.percent, r.leading, r.mine]), [
    ['Tea', 33, false, false],
    ['Coffee', 67, true, true],
    ['Both', 0, false, false],
  ]);
});

test("a multiple-choice poll's percentages are of its voters; hidden totals show nothing; no votes, no leader", () => {
  const multiple = pollRows(poll({ multiple: true, votes_count: 3, voters_count: 2, options: [{ title: 'a', votes_count: 2 }, { title: 'b', votes_count: 1 }] }));
  assert.deepEqual(multiple.map((r) => r.percent), [100, 50]);
  const hidden = pollRows(poll({ votes_count: 2, options: [{ title: 'a', votes_count: null }, { title: 'b', votes_count: null }] }));
  assert.deepEqual(hidden.map((r) => [r.votes, r.percent, r.leading]), [[null, 0, false], [null, 0, false]]);
  const none = pollRows(poll({ options: [{ title: 'a', votes_count: 0 }, { title: 'b', votes_count: 0 }] }));
  assert.deepEqual(none.map((r) => r.leading), [false, false]);
});

test('a poll is ready to send with two different written options at least', () => {
  assert.equal(pollReady(['Tea', 'Coffee']), true);
  assert.equal(pollReady(['Tea']), false);
  assert.equal(pollReady(['Tea', '  ']), false);
  assert.equal(pollReady(['Tea', ' Tea ']), false);
  assert.equal(pollReady(['a', 'b', 'c', 'd']), true);
});

test("an edited post from a stream keeps the viewer's flags and votes", () => {
  const base = { id: '1', content: '<p>old</p>', favourited: true, reblogged: false, bookmarked: true, pinned: true } as unknown as Status;
  const old = { ...base, poll: poll({ voted: true, own_votes: [0] }) };
  const edited = { ...base, content: '<p>new</p>', favourited: undefined, bookmarked: undefined, pinned: undefined, poll: poll({ votes_count: 4 }) } as Status;
  const merged = withViewerFlags(old, edited);
  assert.equal(merged.content, '<p>new</p>');
  assert.deepEqual([merged.favourited, merged.bookmarked, merged.pinned], [true, true, true]);
  assert.deepEqual([merged.poll?.votes_count, merged.poll?.voted, merged.poll?.own_votes], [4, true, [0]]);
  // Another poll (the edit replaced it): none of the old votes.
  const replaced = withViewerFlags(old, { ...edited, poll: poll({ id: '8' }) });
  assert.equal(replaced.poll?.voted, undefined);
});
