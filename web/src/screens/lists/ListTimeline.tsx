// One list: its timeline (its members' posts, live on the list stream), its
// members (removed here, added from their profiles) and its settings. At
// /lists/ID, a page the server serves; another's list is not found.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import * as listsApi from '../../api/lists';
import type { List } from '../../api/lists';
import type { Account } from '../../api/types';
import { AccountRow } from '../../components/AccountList';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { TimelineView } from '../../components/TimelineView';
import { useTitle } from '../../components/useTitle';
import { t } from '../../i18n';
import { back, navigate } from '../../router';
import { statusSource, timeline } from '../../state/timeline';
import { toast } from '../../state/ui';
import { ListSettings } from './ListSettings';

function Members({ list, onClose }: { list: List; onClose: () => void }) {
  const [members, setMembers] = useState<Account[] | null>(null);
  useEffect(() => {
    listsApi
      .listMembers(list.id)
      .then(setMembers)
      .catch(() => setMembers([]));
  }, [list.id]);
  return (
    <Dialog title={t('lists.membersOf', { title: list.title })} onClose={onClose}>
      {!members ? (
        <div class="feed-end">
          <span class="spinner" aria-hidden="true" />
          <span class="visually-hidden">{t('common.loading')}</span>
        </div>
      ) : members.length === 0 ? (
        <p class="muted">{t('lists.noMembers')}</p>
      ) : (
        <ul class="account-list list-members" aria-label={t('lists.members')}>
          {members.map((a) => (
            <AccountRow
              key={a.id}
              account={a}
              action={
                <button
                  type="button"
                  class="button secondary"
                  aria-label={t('lists.removeNamed', { name: a.display_name || a.username })}
                  onClick={async () => {
                    try {
                      await listsApi.removeFromList(list.id, a.id);
                      setMembers((m) => m && m.filter((x) => x.id !== a.id));
                    } catch {
                      toast(t('error.save'));
                    }
                  }}
                >
                  {t('lists.remove')}
                </button>
              }
            />
          ))}
        </ul>
      )}
      <p class="field-hint list-hint">{t('lists.addHint')}</p>
      <div class="dialog-actions">
        <button type="button" class="button primary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}

export default function ListTimeline({ id }: { id: string }) {
  const [list, setList] = useState<List | null>(null);
  const [missing, setMissing] = useState(false);
  const [dialog, setDialog] = useState<'members' | 'settings' | null>(null);
  useTitle(list ? list.title : t('lists.title'));
  useEffect(() => {
    listsApi
      .getList(id)
      .then(setList)
      .catch((e) => {
        if (e instanceof ApiError && e.status === 404) setMissing(true);
        else toast(t('error.load'));
      });
  }, [id]);
  if (missing) {
    return (
      <div class="empty">
        <h1>{t('error.notFound')}</h1>
        <p>
          <a href="/lists">{t('lists.backToLists')}</a>
        </p>
      </div>
    );
  }
  const tl = timeline(`list:${id}`, () => ({
    ...statusSource((q) => listsApi.listTimeline(id, q)),
    stream: { stream: 'list', tag: id },
  }));
  return (
    <>
      <header class="screen-head">
        <button type="button" class="icon-button" aria-label={t('common.back')} onClick={() => back('/lists')}>
          <Icon name="back" size={22} />
        </button>
        <h1>{list?.title ?? ''}</h1>
        {list && (
          <div class="screen-head-action list-head-actions">
            <button type="button" class="button secondary" onClick={() => setDialog('members')}>
              {t('lists.members')}
            </button>
            <button type="button" class="icon-button" aria-label={t('lists.settingsOf', { title: list.title })} onClick={() => setDialog('settings')}>
              <Icon name="settings" size={20} />
            </button>
          </div>
        )}
      </header>
      <TimelineView key={id} timeline={tl} label={t('feed.list', { title: list?.title ?? '' })} empty={t('lists.timelineEmpty')} />
      {list && dialog === 'members' && <Members list={list} onClose={() => setDialog(null)} />}
      {list && dialog === 'settings' && (
        <ListSettings list={list} onClose={() => setDialog(null)} onSaved={setList} onDeleted={() => navigate('/lists', { replace: true })} />
      )}
    </>
  );
}
