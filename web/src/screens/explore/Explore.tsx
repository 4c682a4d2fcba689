// Explore: what is trending everywhere, and in the user's network.
import { TrendList, useTrends } from '../../components/Trends';
import { useTitle } from '../../components/useTitle';
import { t } from '../../i18n';
import { navigate } from '../../router';
import { signedIn } from '../../state/session';

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
      <header class="screen-head">
        <h1>{t('explore.title')}</h1>
      </header>
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
      </section>
    </>
  );
}
