// The front page for visitors: what this community is, its public timeline
// and trends, live; Sign in and Create an account.
import * as api from '../../api/client';
import { SignInButtons } from '../../components/Layout';
import { TimelineView } from '../../components/TimelineView';
import { useTitle } from '../../components/useTitle';
import { lang, t } from '../../i18n';
import { instance, lengthConfig } from '../../state/session';
import { statusSource, timeline } from '../../state/timeline';

export default function Front() {
  const inst = instance.value;
  const tl = timeline('public', () => ({
    ...statusSource((q) => api.publicTimeline(q)),
    stream: { stream: 'public' },
  }));
  useTitle(null);
  return (
    <>
      <section class="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{inst?.title || t('app.name')}</h1>
        {/* The instance's description is in English (the server has one); other
            interface languages say the app's own line. */}
        <p class="hero-lead">{(lang.value === 'en' && inst?.description) || t('front.lead')}</p>
        <ul class="hero-points">
          <li>{t('front.point1', { max: lengthConfig.value === 'weighted' ? 280 : 140 })}</li>
          <li>{t('front.point2')}</li>
          <li>{t('front.point3')}</li>
        </ul>
        <SignInButtons big />
        {inst?.usage?.users?.active_month ? (
          <p class="hero-stat">{t('front.active', { count: inst.usage.users.active_month })}</p>
        ) : null}
      </section>
      <h2 class="section-title">
        <span class="live-dot" aria-hidden="true" />
        {t('front.liveTitle')}
      </h2>
      <TimelineView timeline={tl} label={t('feed.public')} />
    </>
  );
}
