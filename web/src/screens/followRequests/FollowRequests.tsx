// Follow requests: the accounts asking to follow the signed-in user (a locked
// account), each with Accept and Reject; paged like the other account lists.
// At /notifications?tab=requests (a page the server serves).
import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api/client';
import type { Account } from '../../api/types';
import { AccountRow } from '../../components/AccountList';
import { FollowRequestActions } from '../../components/FollowRequestActions';
import { Icon } from '../../components/Icon';
import { useTitle } from '../../components/useTitle';
import { t } from '../../i18n';
import { back } from '../../router';
import { followRequestsCount, requestsArrived } from '../../state/followRequests';
import { me } from '../../state/session';
import { toast } from '../../state/ui';

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
      <header class="screen-head">
        <button type="button" class="icon-button" aria-label={t('common.back')} onClick={() => back('/notifications')}>
          <Icon name="back" size={22} />
        </button>
        <h1>{t('followRequests.title')}</h1>
      </header>
      {!list ? (
        <div class="feed-end">
          <span class="spinner" aria-hidden="true" />
          <span class="visually-hidden">{t('common.loading')}</span>
        </div>
      ) : list.length === 0 ? (
        <div class="empty requests-empty">
          <span class="empty-icon" aria-hidden="true">
            <Icon name="userPlus" size={32} />
          </span>
          <p class="empty-title">{t('followRequests.empty')}</p>
          <p>{t(locked ? 'followRequests.emptyLocked' : 'followRequests.emptyOpen')}</p>
          {!locked && (
            <p>
              <a href="/settings">{t('followRequests.toSettings')}</a>
            </p>
          )}
        </div>
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
