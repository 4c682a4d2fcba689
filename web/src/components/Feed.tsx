// A role="feed" that renders only a window of its items (those near the
// viewport), with spacers of measured heights above and below: 1,000 loaded
// posts keep about 40 articles in the DOM.
import type { ComponentChildren, VNode } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

const ESTIMATE = 170;
const OVERSCAN = 600;
const MAX_RENDERED = 60;

interface Props<T> {
  items: T[];
  keyOf: (x: T) => string;
  /** Its root element carries data-key={keyOf(x)}. */
  render: (x: T, index: number) => VNode;
  label: string;
  busy?: boolean;
  /** Measured heights by key, kept by the caller across remounts. */
  heights?: Map<string, number>;
  onNearEnd?: () => void;
  /** Scroll position to restore on mount. */
  restoreY?: number;
  /** Focus this item once rendered (Back from a thread). */
  focusKey?: string | null;
  /** Scroll the focused item into view (the reading position after a reload). */
  scrollToFocus?: boolean;
  onFocusItem?: (key: string) => void;
  /** Reports the key of the first item visible (reading position). */
  onTopItem?: (key: string) => void;
  footer?: ComponentChildren;
  class?: string;
}

interface Range {
  start: number;
  end: number;
}

export function Feed<T>(props: Props<T>) {
  const { items, keyOf } = props;
  const ref = useRef<HTMLDivElement>(null);
  const ownHeights = useRef(new Map<string, number>());
  const heights = props.heights ?? ownHeights.current;
  const [range, setRange] = useState<Range>(() => ({ start: 0, end: Math.min(items.length, 15) }));
  const rangeRef = useRef(range);
  rangeRef.current = range;
  const propsRef = useRef(props);
  propsRef.current = props;
  const frame = useRef(0);
  const lastTop = useRef<string | null>(null);

  const h = (i: number) => heights.get(keyOf(items[i])) ?? ESTIMATE;

  const compute = useCallback(() => {
    frame.current = 0;
    const el = ref.current;
    if (!el) return;
    const p = propsRef.current;
    const list = p.items;
    const n = list.length;
    const top = el.getBoundingClientRect().top + window.scrollY;
    const viewTop = window.scrollY - top;
    const viewBottom = viewTop + window.innerHeight;
    let y = 0;
    let start = 0;
    while (start < n) {
      const hh = heights.get(p.keyOf(list[start])) ?? ESTIMATE;
      if (y + hh >= viewTop - OVERSCAN) break;
      y += hh;
      start++;
    }
    let end = start;
    let firstVisible: string | null = null;
    while (end < n && y < viewBottom + OVERSCAN && end - start < MAX_RENDERED) {
      const hh = heights.get(p.keyOf(list[end])) ?? ESTIMATE;
      if (firstVisible === null && y + hh > viewTop + 8) firstVisible = p.keyOf(list[end]);
      y += hh;
      end++;
    }
    if (start >= n) start = Math.max(0, n - 1);
    end = Math.max(end, Math.min(n, start + 1));
    const r = rangeRef.current;
    if (r.start !== start || r.end !== end) setRange({ start, end });
    if (end >= n - 3 && p.onNearEnd) p.onNearEnd();
    if (firstVisible && firstVisible !== lastTop.current) {
      lastTop.current = firstVisible;
      p.onTopItem?.(firstVisible);
    }
  }, [heights]);

  const schedule = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(compute);
  }, [compute]);

  // Restore the scroll position once, then follow scrolling and resizing.
  useLayoutEffect(() => {
    if (props.restoreY) window.scrollTo(0, props.restoreY);
    compute();
    addEventListener('scroll', schedule, { passive: true });
    addEventListener('resize', schedule);
    return () => {
      removeEventListener('scroll', schedule);
      removeEventListener('resize', schedule);
      if (frame.current) cancelAnimationFrame(frame.current);
    };
  }, []);

  useLayoutEffect(() => {
    compute();
  }, [items]);

  // Measure rendered articles; a changed height recomputes the window. One
  // observer for the feed's life; each render observes only new articles.
  const ro = useRef<ResizeObserver | null>(null);
  const observed = useRef(new Set<Element>());
  useLayoutEffect(() => {
    if (typeof ResizeObserver === 'undefined') return;
    ro.current = new ResizeObserver((entries) => {
      let changed = false;
      for (const e of entries) {
        const node = e.target as HTMLElement;
        const key = node.dataset.key;
        if (!key || !node.isConnected) continue;
        const hh = node.offsetHeight;
        if (hh && heights.get(key) !== hh) {
          heights.set(key, hh);
          changed = true;
        }
      }
      if (changed) schedule();
    });
    return () => {
      ro.current?.disconnect();
      observed.current.clear();
    };
  }, []);
  useLayoutEffect(() => {
    const el = ref.current;
    const obs = ro.current;
    if (!el || !obs) return;
    const now = new Set<Element>();
    for (const child of Array.from(el.children)) if ((child as HTMLElement).dataset.key) now.add(child);
    for (const node of observed.current) {
      if (!now.has(node)) {
        obs.unobserve(node);
        observed.current.delete(node);
      }
    }
    for (const node of now) {
      if (!observed.current.has(node)) {
        obs.observe(node);
        observed.current.add(node);
      }
    }
  });

  // Focus the post we came back to (or the reading position to scroll to).
  const focused = useRef(false);
  const focusedFor = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    const key = props.focusKey;
    if (key !== focusedFor.current) {
      focusedFor.current = key;
      focused.current = false;
    }
    if (focused.current || !key || !ref.current) return;
    const idx = items.findIndex((x) => keyOf(x) === key);
    if (idx < 0) return;
    const node = ref.current.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
    if (node) {
      focused.current = true;
      node.focus({ preventScroll: true });
      if (props.scrollToFocus) {
        const r = node.getBoundingClientRect();
        if (r.top < 0 || r.bottom > window.innerHeight) window.scrollTo(0, window.scrollY + r.top - 70);
      }
    } else if (props.scrollToFocus) {
      const top = ref.current.getBoundingClientRect().top + window.scrollY;
      let y = 0;
      for (let i = 0; i < idx; i++) y += h(i);
      window.scrollTo(0, top + y - 70);
      compute();
    } else {
      focused.current = true;
    }
  });

  const start = Math.min(range.start, items.length);
  const end = Math.min(Math.max(range.end, start), items.length);
  let above = 0;
  for (let i = 0; i < start; i++) above += h(i);
  let below = 0;
  for (let i = end; i < items.length; i++) below += h(i);

  const rendered: VNode[] = [];
  for (let i = start; i < end; i++) {
    const vnode = props.render(items[i], i);
    vnode.key = keyOf(items[i]);
    rendered.push(vnode);
  }

  return (
    <div
      ref={ref}
      role="feed"
      aria-label={props.label}
      aria-busy={props.busy ? 'true' : 'false'}
      class={`feed ${props.class ?? ''}`}
      onFocusIn={(e) => {
        const node = (e.target as HTMLElement).closest<HTMLElement>('[data-key]');
        if (node?.dataset.key) props.onFocusItem?.(node.dataset.key);
      }}
    >
      <div class="feed-spacer" aria-hidden="true" style={{ height: `${above}px` }} />
      {rendered}
      <div class="feed-spacer" aria-hidden="true" style={{ height: `${below}px` }} />
      {props.footer}
    </div>
  );
}
