// A live timeline on screen: the "Show N new posts" button, the windowed
// feed, infinite scroll, and the reader's position kept for Back.
import type { VNode } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { Status as StatusT } from '../api/types';
import { t } from '../i18n';
import { beforeNavigate } from '../router';
import type { Timeline } from '../state/timeline';
import { Feed } from './Feed';
import { MemoStatus } from './Status';

interface Props<T> {
  timeline: Timeline<T>;
  label: string;
  render?: (x: T, index: number, fresh: boolean) => VNode;
  empty?: string;
  /** Shown under `empty` when the timeline has nothing (suggestions). */
  emptyExtra?: VNode;
  /** Called once the first page is painted (performance marks). */
  onPainted?: () => void;
  onTopItem?: (key: string) => void;
  /** Scroll to this item after loading (reading position from markers). */
  initialFocus?: string | null;
}

export function TimelineView<T>(props: Props<T>) {
  const tl = props.timeline;
  const buf = tl.buf.value;
  const loaded = tl.loaded.value;
  const restoreY = useRef(tl.scrollY);
  const restoreFocus = useRef(tl.focusId);
  const painted = useRef(false);

  useEffect(() => tl.attach(), [tl]);

  // Remember where the reader was when the screen goes away.
  useEffect(() => {
    const save = () => {
      tl.scrollY = window.scrollY;
    };
    beforeNavigate.add(save);
    return () => {
      beforeNavigate.delete(save);
    };
  }, [tl]);

  // Right after the frame that shows the first page (rAF runs before that
  // frame's paint; the task queued from it runs after).
  useLayoutEffect(() => {
    if (loaded && !painted.current && props.onPainted) {
      painted.current = true;
      requestAnimationFrame(() => setTimeout(() => props.onPainted?.(), 0));
    }
  }, [loaded]);

  const render =
    props.render ??
    ((x: T, i: number, fresh: boolean) => (
      <MemoStatus status={x as unknown as StatusT} fresh={fresh} posinset={i + 1} setsize={tl.done.value ? buf.shown.length : -1} />
    ));

  const pending = buf.pending.length;
  return (
    <div class="timeline">
      {pending > 0 && (
        <button
          type="button"
          class="new-posts"
          onClick={() => {
            tl.showPending();
            window.scrollTo({ top: 0 });
            requestAnimationFrame(() => {
              document.querySelector<HTMLElement>('[role=feed] article')?.focus({ preventScroll: true });
            });
          }}
        >
          {t('feed.showNew', { count: pending })}
        </button>
      )}
      {!loaded && tl.failed.value ? (
        <div class="empty">
          <p>{t('error.load')}</p>
          <button type="button" class="button secondary" onClick={() => void tl.loadInitial()}>
            {t('common.retry')}
          </button>
        </div>
      ) : (
        <Feed
          items={buf.shown}
          keyOf={tl.source.idOf}
          label={props.label}
          busy={tl.loading.value}
          heights={tl.heights}
          restoreY={restoreY.current}
          focusKey={props.initialFocus ?? restoreFocus.current}
          scrollToFocus={!!props.initialFocus}
          onFocusItem={(k) => (tl.focusId = k)}
          onTopItem={props.onTopItem}
          onNearEnd={() => void tl.loadMore()}
          render={(x, i) => {
            const id = tl.source.idOf(x);
            const fresh = tl.fresh.has(id);
            if (fresh) setTimeout(() => tl.fresh.delete(id), 600);
            return render(x, i, fresh);
          }}
          footer={
            tl.loading.value ? (
              <div class="feed-end">
                <span class="spinner" aria-hidden="true" />
                <span class="visually-hidden">{t('common.loading')}</span>
              </div>
            ) : loaded && buf.shown.length === 0 ? (
              <>
                <p class="empty">{props.empty ?? t('feed.empty')}</p>
                {props.emptyExtra}
              </>
            ) : tl.done.value && buf.shown.length > 0 ? (
              <p class="feed-end muted">{t('feed.end')}</p>
            ) : tl.failed.value ? (
              <div class="feed-end">
                <button type="button" class="button secondary" onClick={() => void tl.loadMore()}>
                  {t('common.retry')}
                </button>
              </div>
            ) : null
          }
        />
      )}
    </div>
  );
}
