// Trending hashtags (global, or in the user's network).
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api/client';
import type { Tag } from '../api/types';
import { t } from '../i18n';

export function tagUses(tag: Tag): number {
  return (tag.history ?? []).slice(0, 2).reduce((n, h) => n + Number(h.uses || 0), 0);
}

export function tagAccounts(tag: Tag): number {
  return (tag.history ?? []).slice(0, 2).reduce((n, h) => n + Number(h.accounts || 0), 0);
}

const cache = new Map<string, { at: number; tags: Tag[] }>();

export function useTrends(network: boolean): { tags: Tag[] | null; failed: boolean } {
  const key = network ? 'network' : 'all';
  const hit = cache.get(key);
  const [tags, setTags] = useState<Tag[] | null>(hit ? hit.tags : null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const load = () =>
      api
        .trendingTags(network)
        .then((r) => {
          cache.set(key, { at: Date.now(), tags: r });
          if (live) {
            setTags(r);
            setFailed(false);
          }
        })
        .catch(() => live && setFailed(true));
    const c = cache.get(key);
    if (c) setTags(c.tags);
    if (!c || Date.now() - c.at > 30_000) void load();
    const timer = setInterval(load, 60_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [key]);
  return { tags, failed };
}

export function TrendList({ tags, big }: { tags: Tag[]; big?: boolean }) {
  if (tags.length === 0) return <p class="muted">{t('trends.empty')}</p>;
  return (
    <ol class={`trend-list${big ? ' trend-list-big' : ''}`}>
      {tags.map((tag, i) => (
        <li key={tag.name}>
          <a href={`/tags/${encodeURIComponent(tag.name)}`} class="trend">
            <span class="trend-rank" aria-hidden="true">
              {i + 1}
            </span>
            <span class="trend-body">
              <span class="trend-name">#{tag.name}</span>
              <span class="trend-meta">
                {t('trends.posts', { count: tagUses(tag) })} · {t('trends.people', { count: tagAccounts(tag) })}
              </span>
            </span>
          </a>
        </li>
      ))}
    </ol>
  );
}

/** The side column's box. */
export function TrendsBox() {
  const { tags, failed } = useTrends(false);
  return (
    <section class="side-box" aria-labelledby="trends-title">
      <h2 id="trends-title">{t('trends.title')}</h2>
      {tags ? <TrendList tags={tags.slice(0, 8)} /> : failed ? <p class="muted">{t('error.load')}</p> : <div class="skeleton-lines" />}
      <a class="side-more" href="/explore">
        {t('trends.more')}
      </a>
    </section>
  );
}
