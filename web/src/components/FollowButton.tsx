// Follow / Requested / Unfollow, as the server has it (not optimistic). A
// locked account shows a lock in its Follow button; following it makes a
// request ("Requested"), which a click withdraws.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api/client';
import type { Account, Relationship } from '../api/types';
import { t } from '../i18n';
import { followAction, followState, followersDelta } from '../lib/follow';
import { relationship, rememberRelationship } from '../state/relationships';
import { announce, toast } from '../state/ui';
import { Icon } from './Icon';

export { relationship };

interface Props {
  account: Account;
  /** Ask the server again rather than reuse what is known (a profile). */
  fresh?: boolean;
  /** "Follow back" rather than "Follow", and nothing when already
   * following (a follow notification). */
  back?: boolean;
  /** The id of a text describing the button (the profile's lock hint). */
  describedBy?: string;
  onFollowers?: (delta: number) => void;
}

export function FollowButton({ account, fresh, back, describedBy, onFollowers }: Props) {
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
  const state = followState(rel);
  if (back && state !== 'none' && !acted) return null;
  const action = followAction(state);
  const name = account.display_name || account.username;
  return (
    <button
      type="button"
      class={`button follow-button ${state === 'none' ? 'primary' : `secondary following${state === 'requested' ? ' requested' : ''}`}`}
      disabled={busy}
      aria-busy={busy ? 'true' : undefined}
      aria-label={state === 'requested' ? t('follow.withdrawLabel') : undefined}
      aria-describedby={describedBy}
      title={state === 'requested' ? t('follow.withdrawTitle') : undefined}
      onClick={async (e) => {
        e.stopPropagation();
        setBusy(true);
        try {
          const next = await (action === 'follow' ? api.follow(account.id) : api.unfollow(account.id));
          rememberRelationship(account.id, next);
          setRel(next);
          setActed(true);
          const after = followState(next);
          if (after === 'requested') announce(t('follow.requestSent', { name }));
          else if (state === 'requested' && after === 'none') announce(t('follow.requestWithdrawn', { name }));
          const delta = followersDelta(rel, next);
          if (delta) onFollowers?.(delta);
        } catch {
          toast(t(state === 'requested' ? 'error.withdraw' : action === 'follow' ? 'error.follow' : 'error.unfollow'));
        } finally {
          setBusy(false);
        }
      }}
    >
      {state === 'none' && account.locked && <Icon name="lock" size={15} />}
      {state === 'following' ? t('profile.unfollow') : state === 'requested' ? t('follow.requested') : back ? t('notification.followBack') : t('profile.follow')}
    </button>
  );
}
