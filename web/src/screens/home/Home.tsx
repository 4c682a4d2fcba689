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
import { me } from '../../state/session';
import { Suggestions } from './Suggestions';

export const homeTimeline = () =>
  timeline('home', () => ({
    ...statusSource((q) => api.homeTimeline(q)),
    stream: { stream: 'user' },
    takesOwnPosts: true,
    skipRepeatedReblogs: true,
  }));

let markerFetched = false;
let savedMarker: string | null = null;
/** A reload (not a fresh visit) goes back to the reading position at once. */
const isReload = () => {
  const nav = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined;
  return nav?.type === 'reload';
};

export default function Home() {
  const tl = homeTimeline();
  // The post read last (markers), offered as "jump to where you left off".
  const [marker, setMarker] = useState<string | null>(null);
  const [jump, setJump] = useState<string | null>(null);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useTitle(t('nav.home'));

  useEffect(() => {
    if (markerFetched) return;
    markerFetched = true;
    markers()
      .then((m) => {
        const id = m.home?.last_read_id ?? null;
        savedMarker = id;
        if (id && tl.scrollY === 0 && !tl.focusId) {
          setMarker(id);
          if (isReload()) setJump(id);
        }
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

  // The marker moves forward only: the newest post the reader has had on
  // screen (what every client of /api/v1/markers means by last read).
  const onTopItem = (id: string) => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      if (savedMarker && compareIds(id, savedMarker) <= 0) return;
      savedMarker = id;
      api.saveMarker('home', id).catch(() => {
        /* optional */
      });
    }, 1500);
  };

  const shown = tl.buf.value.shown;
  // What the user did (a post, a repost) does not count as news above the
  // reading position.
  const myId = me.value?.id;
  const first = shown.find((s) => s.account.id !== myId);
  const markerHere = marker && first && marker !== first.id && shown.some((s) => s.id === marker) ? marker : null;
  const jumpHere = jump && first && jump !== first.id && shown.some((s) => s.id === jump) ? jump : null;

  return (
    <>
      <header class="screen-head">
        <h1>{t('nav.home')}</h1>
        {markerHere && !jumpHere && (
          <button type="button" class="chip screen-head-action" onClick={() => setJump(markerHere)}>
            {t('home.jump')}
          </button>
        )}
      </header>
      <section class="compose-home" aria-label={t('compose.new')}>
        <Compose draftKey="piaf.draft.home" />
      </section>
      <TimelineView
        timeline={tl}
        label={t('feed.home')}
        empty={t('feed.homeEmpty')}
        emptyExtra={<Suggestions onFollowed={() => void tl.resync()} />}
        initialFocus={jumpHere}
        onTopItem={onTopItem}
        onPainted={() => performance.mark('piaf:home-painted')}
      />
    </>
  );
}
