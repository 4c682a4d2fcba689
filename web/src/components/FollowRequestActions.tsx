// Accept / Reject of a follow request (the follow requests screen and a
// follow_request notification); once answered, what was done, in place of
// the buttons, with the focus on it.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Account, Relationship } from '../api/types';
import { t } from '../i18n';
import { requestState } from '../lib/follow';
import { answerRequest, answers } from '../state/followRequests';
import { relationship } from '../state/relationships';
import { announce, toast } from '../state/ui';
import { Icon } from './Icon';
import { displayName } from './Status';

interface Props {
  account: Account;
  /** Known to be waiting (the server's list of requests): no need to ask. */
  pending?: boolean;
}

export function FollowRequestActions({ account, pending }: Props) {
  const [rel, setRel] = useState<Relationship | null>(null);
  const [busy, setBusy] = useState<'accept' | 'reject' | null>(null);
  const result = useRef<HTMLSpanElement>(null);
  const [answeredHere, setAnsweredHere] = useState(false);
  useEffect(() => {
    if (pending) return;
    let live = true;
    void relationship(account.id).then((r) => live && setRel(r));
    return () => {
      live = false;
    };
  }, [account.id, pending]);
  const state = requestState(pending ? { requested_by: true, followed_by: false } : rel, answers.value.get(account.id));
  useEffect(() => {
    if (answeredHere && state !== 'pending') result.current?.focus();
  }, [answeredHere, state]);
  if (!state) return <span class="request-actions request-placeholder" />;
  if (state !== 'pending') {
    return (
      <span class={`request-actions request-result request-${state}`} tabIndex={-1} ref={result}>
        <Icon name={state === 'accepted' ? 'check' : state === 'rejected' ? 'close' : 'user'} size={16} />
        {t(`followRequests.${state}`)}
      </span>
    );
  }
  const acct = `@${account.acct}`;
  const go = async (accept: boolean) => {
    setBusy(accept ? 'accept' : 'reject');
    try {
      const a = await answerRequest(account, accept);
      setAnsweredHere(true);
      announce(t(`followRequests.${a}Said`, { name: displayName(account), acct }));
    } catch {
      toast(t('error.answer'));
    } finally {
      setBusy(null);
    }
  };
  return (
    <span class="request-actions" role="group" aria-label={t('followRequests.from', { acct })}>
      <button
        type="button"
        class="button primary"
        disabled={!!busy}
        aria-busy={busy === 'accept' ? 'true' : undefined}
        aria-label={t('followRequests.acceptLabel', { acct })}
        onClick={(e) => {
          e.stopPropagation();
          void go(true);
        }}
      >
        {t('followRequests.accept')}
      </button>
      <button
        type="button"
        class="button secondary"
        disabled={!!busy}
        aria-busy={busy === 'reject' ? 'true' : undefined}
        aria-label={t('followRequests.rejectLabel', { acct })}
        onClick={(e) => {
          e.stopPropagation();
          void go(false);
        }}
      >
        {t('followRequests.reject')}
      </button>
    </span>
  );
}
