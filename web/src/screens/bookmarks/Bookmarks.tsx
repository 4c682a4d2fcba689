// Bookmarks: the signed-in user's bookmarked posts, newest bookmark first,
// paged by "Show more" (Link header). At /notifications?tab=bookmarks (a
// page the server serves). A post unbookmarked here stays until the next
// visit, with its "Bookmark" button to take it back.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api/client';
import type { Status as StatusT } from '../../api/types';
import { Icon } from '../../components/Icon';
import { MemoStatus } from '../../components/Status';
import { useTitle } from '../../components/useTitle';
import { t } from '../../i18n';
import { back } from '../../router';
import { applyPatch, isOrReblogs, onStatusChange, wasDeleted } from '../../state/statuses';
import { toast } from '../../state/ui';

export default function Bookmarks() {
  const [list, setList] = useState<StatusT[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useTitle(t('bookmarks.title'));

  const load = async (maxId: string | null) => {
    setBusy(true);
    try {
      const page = await api.bookmarks({ max_id: maxId });
      const fresh = page.data.filter((s) => !wasDeleted(s));
      setList((prev) => (maxId ? [...(prev ?? []), ...fresh.filter((s) => !prev?.some((p) => p.id === s.id))] : fresh));
      // A short page is the last (the server links a next page even then).
      setNext(page.data.length >= 20 ? page.next : null);
    } catch {
      setList((prev) => prev ?? []);
      toast(t('error.load'));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void load(null);
  }, []);
  useEffect(
    () =>
      onStatusChange({
        patch: (id, f) => setList((prev) => prev && prev.map((s) => applyPatch(s, id, f))),
        remove: (id) => setList((prev) => prev && prev.filter((s) => !isOrReblogs(s, id))),
      }),
    [],
  );

  return (
    <>
      <header class="screen-head">
        <button type="button" class="icon-button" aria-label={t('common.back')} onClick={() => back('/')}>
          <Icon name="back" size={22} />
        </button>
        <h1>{t('bookmarks.title')}</h1>
      </header>
      {!list ? (
        <div class="feed-end">
          <span class="spinner" aria-hidden="true" />
          <span class="visually-hidden">{t('common.loading')}</span>
        </div>
      ) : list.length === 0 ? (
        <div class="empty requests-empty">
          <span class="empty-icon" aria-hidden="true">
            <Icon name="bookmark" size={32} />
          </span>
          <p class="empty-title">{t('bookmarks.empty')}</p>
          <p>{t('bookmarks.emptyHint')}</p>
        </div>
      ) : (
        <>
          <div role="feed" aria-label={t('bookmarks.title')} aria-busy={busy}>
            {list.map((s, i) => (
              <MemoStatus key={s.id} status={s} posinset={i + 1} setsize={next ? -1 : list.length} />
            ))}
          </div>
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
