// A post the viewer's filters match (the server's `filtered`, for the
// listing's context): hidden for a `hide` filter, else a line naming the
// filters with a button to show it anyway.
import type { Status } from '../api/types';
import { t } from '../i18n';
import { Icon } from './Icon';

/** 'hide', the titles of the `warn` filters matching it, or null. */
export function filteredBy(s: Status): 'hide' | string[] | null {
  const results = s.filtered ?? s.reblog?.filtered;
  if (!results?.length) return null;
  const now = Date.now();
  const live = results.filter((r) => !r.filter.expires_at || Date.parse(r.filter.expires_at) > now);
  if (!live.length) return null;
  if (live.some((r) => r.filter.filter_action === 'hide')) return 'hide';
  return live.map((r) => r.filter.title);
}

export function FilteredNotice(props: { titles: string[]; onShow: () => void }) {
  const titles = props.titles.join(', ');
  return (
    <article class="status status-filtered" tabIndex={0} aria-label={t('filters.notice', { title: titles })}>
      <Icon name="filter" size={16} />
      <span class="status-filtered-text">{t('filters.notice', { title: titles })}</span>
      <span aria-hidden="true"> — </span>
      <button type="button" class="linklike" onClick={props.onShow}>
        {t('filters.showAnyway')}
      </button>
    </article>
  );
}
