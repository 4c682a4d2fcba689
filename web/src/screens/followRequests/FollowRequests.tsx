// Follow requests: the accounts asking to follow the signed-in user (a locked
// account), each with Accept and Reject; paged like the other account lists.
// At /notifications?tab=requests (a page the server serves).
import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api/client';
import type { Account } from '../../api/types';
import { AccountRow } from '../../components/AccountList';
import { FollowRequestActions } from '../../components/FollowRequestActions';
import { useTitle } from '../../components/useTitle';
import { t } from '../../i18n';
import { followRequestsCount, requestsArrived } from '../../state/followRequests';
import { me } from '../../state/session';
import { toast } from '../../state/ui';
import { EmptyState, Loading, ScreenHeader } from '../../components/Screen';

export default function FollowRequests() {
  const [list, setList] = useState<Account[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useTitle(t('followRequests.title'));

  const load = async (maxId: string | null) => {
    setBusy(true);
    try {
      const page = await api.followRequests(maxId);
      setList((prev) => {
        if (maxId) return [...(prev ?? []), ...page.data.filter((a) => !prev?.some((p) => p.id === a.id))];
        // The first page again (a request arrived): new ones on top, the
        // answered ones stay where they were.
        const fresh = page.data.filter((a) => !prev?.some((p) => p.id === a.id));
        return [...fresh, ...(prev ?? [])];
      });
      if (maxId || list === null) setNext(page.data.length ? page.next : null);
    } catch {
      setList((prev) => prev ?? []);
      toast(t('error.load'));
    } finally {
      setBusy(false);
    }
  };
  const arrived = requestsArrived.value;
  useEffect(() => {
    void load(null);
  }, [arrived]);

  const locked = !!me.value?.locked;
  const count = followRequestsCount.value;
  return (
    <>
      <ScreenHeader title={t('followRequests.title')} backTo="/notifications" />
      {!list ? (
        <Loading />
      ) : list.length === 0 ? (
        <EmptyState icon="userPlus" title={t('followRequests.empty')}>
          <p>{t(locked ? 'followRequests.emptyLocked' : 'followRequests.emptyOpen')}</p>
          {!locked && (
            <p>
              <a href="/settings">{t('followRequests.toSettings')}</a>
            </p>
          )}
        </EmptyState>
      ) : (
        <>
          <p class="hint requests-hint">{count > 0 ? t('followRequests.waiting', { count }) : t('followRequests.allAnswered')}</p>
          <ul class="account-list request-list" aria-label={t('followRequests.title')}>
            {list.map((a) => (
              <AccountRow key={a.id} account={a} action={<FollowRequestActions account={a} pending />} />
            ))}
          </ul>
          {next && (
            <div class="feed-end">
              <button type="button" class="button secondary" disabled={busy} onClick={() => void load(next)}>
                {t('common.more')}
              </button>
            </div>
          )}
        </>
      )}
    </>
  );
}
