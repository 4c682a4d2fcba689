// Bookmarks: the signed-in user's bookmarked posts, newest bookmark first,
// paged by "Show more" (Link header). At /notifications?tab=bookmarks (a
// page the server serves). A post unbookmarked here stays until the next
// visit, with its "Bookmark" button to take it back.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api/client';
import type { Status as StatusT } from '../../api/types';
import { MemoStatus } from '../../components/Status';
import { useTitle } from '../../components/useTitle';
import { t } from '../../i18n';
import { applyPatch, isOrReblogs, onStatusChange, wasDeleted } from '../../state/statuses';
import { toast } from '../../state/ui';
import { EmptyState, Loading, ScreenHeader } from '../../components/Screen';

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
      <ScreenHeader title={t('bookmarks.title')} backTo="/" />
      {!list ? (
        <Loading />
      ) : list.length === 0 ? (
        <EmptyState icon="bookmark" title={t('bookmarks.empty')}>
          <p>{t('bookmarks.emptyHint')}</p>
        </EmptyState>
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
