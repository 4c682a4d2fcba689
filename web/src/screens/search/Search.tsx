// Search: accounts, hashtags and posts (from:user, #tag, accents ignored).
import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from '../../api/client';
import type { SearchResults } from '../../api/types';
import { AccountList } from '../../components/AccountList';
import { Icon } from '../../components/Icon';
import { Status } from '../../components/Status';
import { useTitle } from '../../components/useTitle';
import { t } from '../../i18n';
import { navigate } from '../../router';
import { Loading, ScreenHeader } from '../../components/Screen';

export default function Search({ q }: { q: string }) {
  const [text, setText] = useState(q);
  const [results, setResults] = useState<SearchResults | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useTitle(q ? t('search.titleQ', { q }) : t('search.title'));

  useEffect(() => setText(q), [q]);
  useEffect(() => {
    if (!q) input.current?.focus();
  }, []);

  useEffect(() => {
    if (!q.trim()) {
      setResults(null);
      return;
    }
    let live = true;
    setBusy(true);
    setFailed(false);
    api
      .search(q)
      .then((r) => live && setResults(r))
      .catch(() => live && setFailed(true))
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [q]);

  const submit = (e: Event) => {
    e.preventDefault();
    const v = text.trim();
    navigate(v ? `/search?q=${encodeURIComponent(v)}` : '/search', { replace: !!q });
  };

  const r = results;
  const nothing = r && r.accounts.length + r.hashtags.length + r.statuses.length === 0;
  return (
    <>
      <ScreenHeader title={t('search.title')} />
      <form role="search" class="search-form" onSubmit={submit}>
        <Icon name="search" size={20} />
        <input
          ref={input}
          type="search"
          aria-label={t('search.box')}
          placeholder={t('search.placeholder')}
          value={text}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="button primary">
          {t('search.go')}
        </button>
      </form>
      {!q && <p class="hint">{t('search.hint')}</p>}
      {busy && !r && (
        <Loading />
      )}
      {failed && <p class="empty">{t('error.load')}</p>}
      {nothing && <p class="empty">{t('search.nothing', { q })}</p>}
      {r && !nothing && (
        <div class="search-results" aria-busy={busy ? 'true' : 'false'}>
          {r.accounts.length > 0 && (
            <section aria-labelledby="sr-accounts" class="search-section">
              <h2 id="sr-accounts">{t('search.accounts')}</h2>
              <AccountList accounts={r.accounts} />
            </section>
          )}
          {r.hashtags.length > 0 && (
            <section aria-labelledby="sr-tags" class="search-section">
              <h2 id="sr-tags">{t('search.hashtags')}</h2>
              <ul class="tag-chips">
                {r.hashtags.map((h) => (
                  <li key={h.name}>
                    <a class="chip" href={`/tags/${encodeURIComponent(h.name)}`}>
                      #{h.name}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {r.statuses.length > 0 && (
            <section aria-labelledby="sr-posts" class="search-section">
              <h2 id="sr-posts">{t('search.posts')}</h2>
              <div role="feed" aria-labelledby="sr-posts" class="feed">
                {r.statuses.map((s, i) => (
                  <Status key={s.id} status={s} posinset={i + 1} setsize={r.statuses.length} />
                ))}
              </div>
            </section>
          )}
        </div>
      )}
    </>
  );
}
