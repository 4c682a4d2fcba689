// Explore: what is trending everywhere, and in the user's network; under
// the trending tags of "Everywhere", the popular posts.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api/client';
import type { Status as StatusT } from '../../api/types';
import { Status } from '../../components/Status';
import { TrendList, useTrends } from '../../components/Trends';
import { useTitle } from '../../components/useTitle';
import { t } from '../../i18n';
import { navigate } from '../../router';
import { signedIn } from '../../state/session';
import { applyPatch, isOrReblogs, onStatusChange, wasDeleted } from '../../state/statuses';
import { ScreenHeader } from '../../components/Screen';

/** Up to 10 popular posts; nothing while loading or when there are none. */
function PopularPosts() {
  const [posts, setPosts] = useState<StatusT[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    api
      .trendingStatuses()
      .then((r) => live && setPosts(r.filter((s) => !wasDeleted(s))))
      .catch(() => live && setFailed(true));
    const off = onStatusChange({
      patch: (id, f) => setPosts((prev) => (prev ? prev.map((s) => applyPatch(s, id, f)) : prev)),
      remove: (id) => setPosts((prev) => (prev ? prev.filter((s) => !isOrReblogs(s, id)) : prev)),
    });
    return () => {
      live = false;
      off();
    };
  }, []);
  if (failed) return <p class="empty">{t('error.load')}</p>;
  if (!posts || posts.length === 0) return null;
  return (
    <section aria-labelledby="explore-popular" class="explore-popular">
      <h2 id="explore-popular" class="section-title">
        {t('explore.popular')}
      </h2>
      <div role="feed" aria-labelledby="explore-popular" aria-busy="false" class="feed">
        {posts.map((s, i) => (
          <Status key={s.id} status={s} posinset={i + 1} setsize={posts.length} />
        ))}
      </div>
    </section>
  );
}

export default function Explore({ network }: { network: boolean }) {
  const scoped = network && signedIn.value;
  const { tags, failed } = useTrends(scoped);
  useTitle(t('explore.title'));
  const tabs = [
    { id: 'all', label: t('explore.everywhere'), href: '/explore', on: !scoped },
    ...(signedIn.value ? [{ id: 'network', label: t('explore.network'), href: '/explore?scope=network', on: scoped }] : []),
  ];
  return (
    <>
      <ScreenHeader title={t('explore.title')} />
      <div role="tablist" class="tabs" aria-label={t('explore.title')}>
        {tabs.map((x) => (
          <a
            key={x.id}
            role="tab"
            class="tab"
            href={x.href}
            aria-selected={x.on}
            aria-controls="explore-panel"
            onClick={(e) => {
              e.preventDefault();
              navigate(x.href, { replace: true });
            }}
          >
            {x.label}
          </a>
        ))}
      </div>
      <section id="explore-panel" role="tabpanel" aria-labelledby="explore-trending" class="explore-panel">
        <h2 id="explore-trending" class="section-title">
          {scoped ? t('explore.networkTitle') : t('trends.title')}
        </h2>
        {tags ? <TrendList tags={tags} big /> : failed ? <p class="empty">{t('error.load')}</p> : <div class="feed-end"><span class="spinner" aria-hidden="true" /></div>}
        {!scoped && <PopularPosts />}
      </section>
    </>
  );
}
