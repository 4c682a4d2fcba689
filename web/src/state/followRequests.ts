// Follow requests to the signed-in user's locked account: how many wait (the
// navigation's badge, from verify_credentials' source.follow_requests_count),
// and the answers given in this session, shared by the follow requests
// screen and the notifications.
import { effect, signal } from '@preact/signals';
import * as api from '../api/client';
import type { Account, Relationship } from '../api/types';
import type { RequestAnswer } from '../lib/follow';
import { me } from './session';
import { relationship, rememberRelationship } from './relationships';

/** Requests waiting for an answer. */
export const followRequestsCount = signal(0);

effect(() => {
  followRequestsCount.value = me.value?.source?.follow_requests_count ?? 0;
});

/** Counts the requests that arrived live (the screen reads its list again). */
export const requestsArrived = signal(0);

/** Answers given here, by the requester's account id. */
export const answers = signal<ReadonlyMap<string, RequestAnswer>>(new Map());

function setAnswer(id: string, a: RequestAnswer | null): void {
  const m = new Map(answers.peek());
  if (a) m.set(id, a);
  else m.delete(id);
  answers.value = m;
}

/** Accept or reject `account`'s request. A request no longer there (withdrawn,
 * or answered in another tab) becomes 'gone' rather than an error. */
export async function answerRequest(account: Account, accept: boolean): Promise<RequestAnswer> {
  let rel: Relationship;
  try {
    rel = await (accept ? api.authorizeFollowRequest(account.id) : api.rejectFollowRequest(account.id));
  } catch (e) {
    if (e instanceof api.ApiError && e.status === 404) {
      setAnswer(account.id, 'gone');
      void refreshFollowRequestsCount();
      return 'gone';
    }
    throw e;
  }
  rememberRelationship(account.id, rel);
  const a: RequestAnswer = accept ? 'accepted' : 'rejected';
  setAnswer(account.id, a);
  followRequestsCount.value = Math.max(0, followRequestsCount.peek() - 1);
  return a;
}

/** A new request from `accountId` (a live notification): an answer given
 * earlier to the same account no longer holds; the count is asked again. */
export function requestArrived(accountId: string): void {
  if (answers.peek().has(accountId)) setAnswer(accountId, null);
  // What was known of them (answered, withdrawn) no longer holds either.
  void relationship(accountId, true);
  requestsArrived.value = requestsArrived.peek() + 1;
  void refreshFollowRequestsCount();
}

let refreshing: Promise<void> | null = null;
let again = false;
/** Asks verify_credentials for the count; a call while one is on its way
 * asks once more after it (that answer may predate the newest request). */
export function refreshFollowRequestsCount(): Promise<void> {
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = api
    .verifyCredentials()
    .then((a) => {
      if (me.peek()?.id === a.id) me.value = a;
    })
    .catch(() => undefined)
    .finally(() => {
      refreshing = null;
      if (again) {
        again = false;
        void refreshFollowRequestsCount();
      }
    });
  return refreshing;
}

/** Signed out: nothing of that user's requests stays. */
export function forgetFollowRequests(): void {
  answers.value = new Map();
}
