// Locked accounts and follow requests: the follow button's states, the
// follower count, a request's state in a notification, the badge.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { badgeText, followAction, followersDelta, followState, latestRequests, requestState } from '../src/lib/follow';

const rel = (r: Partial<{ following: boolean; requested: boolean; followed_by: boolean; requested_by: boolean }>) => ({
  following: false,
  requested: false,
  followed_by: false,
  requested_by: false,
  ...r,
});

test('the follow button: Follow, Requested (a locked account), Unfollow', () => {
  assert.equal(followState(null), 'none');
  assert.equal(followState(rel({})), 'none');
  assert.equal(followState(rel({ requested: true })), 'requested');
  assert.equal(followState(rel({ following: true })), 'following');
  // Following wins should a server say both.
  assert.equal(followState(rel({ following: true, requested: true })), 'following');
  // A Relationship without the field (older servers) is not a request.
  assert.equal(followState({ following: false }), 'none');
});

test('a click follows from Follow, and unfollows (withdraws) from Requested and Unfollow', () => {
  assert.equal(followAction('none'), 'follow');
  assert.equal(followAction('requested'), 'unfollow');
  assert.equal(followAction('following'), 'unfollow');
});

test('a request waiting for approval does not count as a follower', () => {
  assert.equal(followersDelta(rel({}), rel({ requested: true })), 0, 'asking');
  assert.equal(followersDelta(rel({ requested: true }), rel({})), 0, 'withdrawing');
  assert.equal(followersDelta(rel({}), rel({ following: true })), 1, 'following an open account');
  assert.equal(followersDelta(rel({ following: true }), rel({})), -1, 'unfollowing');
  assert.equal(followersDelta(null, rel({ following: true })), 1, 'unknown before');
});

test('a follow request notification: pending, answered here, or answered elsewhere', () => {
  assert.equal(requestState(null, undefined), null, 'unknown until the relationship is known');
  assert.equal(requestState(rel({ requested_by: true }), undefined), 'pending');
  assert.equal(requestState(rel({ followed_by: true }), undefined), 'accepted', 'accepted in another tab');
  assert.equal(requestState(rel({}), undefined), 'gone', 'rejected elsewhere or withdrawn');
  // What was done here wins over a relationship read before.
  assert.equal(requestState(rel({ requested_by: true }), 'accepted'), 'accepted');
  assert.equal(requestState(rel({ requested_by: true }), 'rejected'), 'rejected');
  assert.equal(requestState(null, 'gone'), 'gone');
});

test('the badge: nothing for 0, the number, then 99+', () => {
  assert.equal(badgeText(0), '');
  assert.equal(badgeText(-1), '');
  assert.equal(badgeText(Number.NaN), '');
  assert.equal(badgeText(1), '1');
  assert.equal(badgeText(99), '99');
  assert.equal(badgeText(100), '99+');
});

test('only the newest request notification of an account carries the buttons', () => {
  const n = (id: string, type: string, account: string) => ({ id, type, account: { id: account } });
  const list = [n('9', 'follow_request', 'bob'), n('12', 'favourite', 'bob'), n('10', 'follow_request', 'bob'), n('8', 'follow_request', 'carol')];
  assert.deepEqual([...latestRequests(list)].sort(), ['10', '8']);
  assert.deepEqual([...latestRequests([])], []);
});
