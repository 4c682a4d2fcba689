// The viewer's relationships with accounts, shared by every follow button
// and follow request: asked for in the same moment, they go in one request
// (a list of accounts); an answer of the server replaces what was known.
import * as api from '../api/client';
import type { Relationship } from '../api/types';

const known = new Map<string, Promise<Relationship | null>>();
let queue: { id: string; done: (r: Relationship | null) => void }[] = [];

function flushQueue(): void {
  const batch = queue;
  queue = [];
  api
    .getRelationships(batch.map((x) => x.id))
    .then((list) => {
      const byId = new Map(list.map((r) => [r.id, r]));
      for (const x of batch) x.done(byId.get(x.id) ?? null);
    })
    .catch(() => {
      for (const x of batch) {
        known.delete(x.id);
        x.done(null);
      }
    });
}

/** The relationship with `id` (`fresh`: ask again). */
export function relationship(id: string, fresh = false): Promise<Relationship | null> {
  const had = known.get(id);
  if (had && !fresh) return had;
  const p = new Promise<Relationship | null>((done) => {
    queue.push({ id, done });
    if (queue.length === 1) setTimeout(flushQueue, 0);
  });
  known.set(id, p);
  return p;
}

/** What the server answered (follow, unfollow, authorize, reject). */
export function rememberRelationship(id: string, rel: Relationship): void {
  known.set(id, Promise.resolve(rel));
}

/** Forget everything (signed out). */
export function forgetRelationships(): void {
  known.clear();
}
