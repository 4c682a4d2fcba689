// An empty home (a new account): people to follow, from the recent authors
// of the public timeline, and a way to Explore.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api/client';
import type { Account } from '../../api/types';
import { AccountRow } from '../../components/AccountList';
import { FollowButton } from '../../components/FollowButton';
import { t } from '../../i18n';
import { me } from '../../state/session';

export function Suggestions({ onFollowed }: { onFollowed: () => void }) {
  const [people, setPeople] = useState<Account[] | null>(null);
  const [followed, setFollowed] = useState(0);
  useEffect(() => {
    let live = true;
    api
      .publicTimeline({ limit: 40 })
      .then((page) => {
        const seen = new Set<string>([me.value?.id ?? '']);
        const out: Account[] = [];
        for (const s of page.data) {
          const a = (s.reblog ?? s).account;
          if (seen.has(a.id)) continue;
          seen.add(a.id);
          out.push(a);
        }
        if (live) setPeople(out.slice(0, 6));
      })
      .catch(() => live && setPeople([]));
    return () => {
      live = false;
    };
  }, []);
  return (
    <section class="suggestions" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">{t('home.suggestions')}</h2>
      {people && people.length > 0 && (
        <ul class="account-list">
          {people.map((a) => (
            <AccountRow
              key={a.id}
              account={a}
              action={<FollowButton account={a} onFollowers={(d) => d > 0 && setFollowed((n) => n + 1)} />}
            />
          ))}
        </ul>
      )}
      <p class="suggestions-more">
        {followed > 0 && (
          <button type="button" class="button primary" onClick={onFollowed}>
            {t('home.showTheirPosts')}
          </button>
        )}
        <a class="button secondary" href="/explore">
          {t('home.explore')}
        </a>
      </p>
    </section>
  );
}
