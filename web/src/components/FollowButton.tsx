// Follow / Unfollow, as the server has it (not optimistic). Relationships
// asked for in the same moment go in one request (a list of accounts).
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api/client';
import type { Account, Relationship } from '../api/types';
import { t } from '../i18n';
import { toast } from '../state/ui';

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

interface Props {
  account: Account;
  /** Ask the server again rather than reuse what is known (a profile). */
  fresh?: boolean;
  /** "Follow back" rather than "Follow", and nothing when already
   * following (a follow notification). */
  back?: boolean;
  onFollowers?: (delta: number) => void;
}

export function FollowButton({ account, fresh, back, onFollowers }: Props) {
  const [rel, setRel] = useState<Relationship | null>(null);
  const [busy, setBusy] = useState(false);
  const [acted, setActed] = useState(false);
  useEffect(() => {
    let live = true;
    void relationship(account.id, fresh).then((r) => live && setRel(r));
    return () => {
      live = false;
    };
  }, [account.id]);
  if (!rel) return <span class="follow-placeholder" />;
  const following = rel.following || !!rel.requested;
  if (back && following && !acted) return null;
  return (
    <button
      type="button"
      class={`button ${following ? 'secondary following' : 'primary'}`}
      disabled={busy}
      aria-busy={busy ? 'true' : undefined}
      onClick={async (e) => {
        e.stopPropagation();
        setBusy(true);
        try {
          const next = await (following ? api.unfollow(account.id) : api.follow(account.id));
          const delta = (next.following ? 1 : 0) - (rel.following ? 1 : 0);
          known.set(account.id, Promise.resolve(next));
          setRel(next);
          setActed(true);
          if (delta) onFollowers?.(delta);
        } catch {
          toast(t(following ? 'error.unfollow' : 'error.follow'));
        } finally {
          setBusy(false);
        }
      }}
    >
      {following ? t('profile.unfollow') : back ? t('notification.followBack') : t('profile.follow')}
    </button>
  );
}
