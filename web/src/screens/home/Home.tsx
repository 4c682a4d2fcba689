// Home, signed in: compose at the top and the live home timeline, the
// reading position kept in /api/v1/markers.
import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from '../../api/client';
import { Compose, focusCompose } from '../../components/Compose';
import { TimelineView } from '../../components/TimelineView';
import { t } from '../../i18n';
import { compareIds } from '../../lib/ids';
import { markers } from '../../state/markers';
import { location_, navigate } from '../../router';
import { statusSource, timeline } from '../../state/timeline';
import { useTitle } from '../../components/useTitle';

export const homeTimeline = () =>
  timeline('home', () => ({
    ...statusSource((q) => api.homeTimeline(q)),
    stream: { stream: 'user' },
    takesOwnPosts: true,
  }));

let markerFetched = false;
let savedMarker: string | null = null;

export default function Home() {
  const tl = homeTimeline();
  const [marker, setMarker] = useState<string | null>(null);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useTitle(t('nav.home'));

  useEffect(() => {
    if (markerFetched) return;
    markerFetched = true;
    markers()
      .then((m) => {
        const id = m.home?.last_read_id ?? null;
        savedMarker = id;
        // Only on a fresh load, and only if it is not the newest post.
        if (id && tl.scrollY === 0 && !tl.focusId) setMarker(id);
      })
      .catch(() => {
        /* markers are optional: the timeline loads all the same */
      });
  }, []);

  useEffect(() => {
    if (new URLSearchParams(location_.value.search).get('compose')) {
      navigate('/', { replace: true });
      setTimeout(focusCompose, 0);
    }
  }, [location_.value.key]);

  const onTopItem = (id: string) => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      if (savedMarker && compareIds(id, savedMarker) === 0) return;
      savedMarker = id;
      api.saveMarker('home', id).catch(() => {
        /* optional */
      });
    }, 1500);
  };

  const first = tl.buf.value.shown[0];
  const focusMarker = marker && first && marker !== first.id && tl.buf.value.shown.some((s) => s.id === marker) ? marker : null;

  return (
    <>
      <header class="screen-head">
        <h1>{t('nav.home')}</h1>
      </header>
      <section class="compose-home" aria-label={t('compose.new')}>
        <Compose draftKey="piaf.draft.home" />
      </section>
      <TimelineView
        timeline={tl}
        label={t('feed.home')}
        empty={t('feed.homeEmpty')}
        initialFocus={focusMarker}
        onTopItem={onTopItem}
        onPainted={() => performance.mark('piaf:home-painted')}
      />
    </>
  );
}
