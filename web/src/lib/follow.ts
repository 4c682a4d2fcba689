// Following a locked account and answering follow requests: the states the
// buttons show, from the server's Relationship (no DOM, no fetch: unit
// tested in test/follow.test.ts).
import type { Relationship } from '../api/types';
import { compareIds } from './ids';

/** Where the viewer stands with an account. */
export type FollowState = 'none' | 'requested' | 'following';

export function followState(rel: Pick<Relationship, 'following' | 'requested'> | null): FollowState {
  if (!rel) return 'none';
  if (rel.following) return 'following';
  return rel.requested ? 'requested' : 'none';
}

/** What a click on the follow button does in each state. */
export const followAction = (s: FollowState): 'follow' | 'unfollow' => (s === 'none' ? 'follow' : 'unfollow');

/** The change to the account's follower count between two relationships: a
 * request waiting for approval is not a follower yet. */
export function followersDelta(
  before: Pick<Relationship, 'following'> | null,
  after: Pick<Relationship, 'following'>,
): number {
  return (after.following ? 1 : 0) - (before?.following ? 1 : 0);
}

/** What the viewer did with a request in this session ('gone': it was no
 * longer there, withdrawn or answered elsewhere). */
export type RequestAnswer = 'accepted' | 'rejected' | 'gone';

/** A follow request's state: the answer given here, else what the server's
 * relationship with the requester says; null while unknown. */
export type RequestState = 'pending' | RequestAnswer;

export function requestState(
  rel: Pick<Relationship, 'requested_by' | 'followed_by'> | null,
  answer: RequestAnswer | undefined,
): RequestState | null {
  if (answer) return answer;
  if (!rel) return null;
  if (rel.requested_by) return 'pending';
  return rel.followed_by ? 'accepted' : 'gone';
}

/** A count in a badge: 1 to 99, then "99+"; nothing for 0. */
export function badgeText(n: number): string {
  if (!(n > 0)) return '';
  return n > 99 ? '99+' : String(Math.floor(n));
}

/** The newest follow_request notification of each account: only it carries
 * Accept / Reject (asking, withdrawing and asking again makes several). */
export function latestRequests(list: Iterable<{ id: string; type: string; account: { id: string } }>): Set<string> {
  const newest = new Map<string, string>();
  for (const n of list) {
    if (n.type !== 'follow_request') continue;
    const had = newest.get(n.account.id);
    if (!had || compareIds(n.id, had) > 0) newest.set(n.account.id, n.id);
  }
  return new Set(newest.values());
}
