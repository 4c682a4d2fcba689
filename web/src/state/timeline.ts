// A loaded timeline kept in memory across route changes (so Back returns to
// the same post): its items, paging, the live subscription and the reader's
// position.
import { signal } from '@preact/signals';
import type { Page, TimelineQuery } from '../api/client';
import { subscribe, type StreamEvent } from '../api/stream';
import type { Status } from '../api/types';
import { status as normalizeStatus } from '../api/normalize';
import { appendOlder, emptyBuffer, flush, insertShown, newestId, receive, remove, update, type Buffered } from '../lib/newPosts';
import { announce } from './ui';
import { applyPatch, isOrReblogs, onStatusChange, wasDeleted } from './statuses';
import { withViewerFlags } from '../lib/polls';
import { me } from './session';
import { t } from '../i18n';

export interface TimelineSource<T> {
  fetch(q: TimelineQuery): Promise<Page<T[]>>;
  stream?: { stream: string; tag?: string };
  /** The stream event carrying new items ("update" or "notification"). */
  event?: string;
  /** Keep an item arriving live (e.g. a tag timeline checks the tag). */
  accept?(item: T): boolean;
  idOf(item: T): string;
  /** The item from a stream event's payload (normalized). */
  fromStream?(payload: unknown): T;
  statusOf(item: T): Status | null | undefined;
  withStatus(item: T, s: Status): T;
  /** Whether posts the user writes belong here (home). */
  takesOwnPosts?: boolean;
  /** fetch drops some items itself: an empty page with a next id is not the end. */
  filtered?: boolean;
  /** Skip a repost whose original is already in the timeline (home). */
  skipRepeatedReblogs?: boolean;
}

/** The reader is at the top of the page: new items go straight in. */
export const atTop = () => window.scrollY < 80;

export class Timeline<T> {
  readonly buf = signal<Buffered<T>>(emptyBuffer<T>());
  readonly loading = signal(false);
  readonly loaded = signal(false);
  readonly done = signal(false);
  readonly failed = signal(false);
  /** Items that arrived at the top just now (slide in). */
  readonly fresh = new Set<string>();
  next: string | null = null;
  scrollY = 0;
  focusId: string | null = null;
  readonly heights = new Map<string, number>();
  private detachStream: (() => void) | null = null;
  private detachStatus: (() => void) | null = null;
  private users = 0;

  constructor(readonly source: TimelineSource<T>) {
    // Kept while the timeline is in memory, shown or not: a post deleted or
    // liked elsewhere is so here too when Back returns to it.
    this.detachStatus = onStatusChange({
      patch: (id, f) => this.patch(id, f),
      remove: (id) => this.removeId(id),
      add: source.takesOwnPosts ? (s) => this.take([s as unknown as T]) : undefined,
    });
  }

  /** Stop listening (the timeline leaves memory). */
  dispose(): void {
    this.detachStatus?.();
    this.detachStatus = null;
  }

  private removeId(id: string): void {
    let focusGone = false;
    this.buf.value = remove(this.buf.value, (x) => {
      const s = this.source.statusOf(x);
      const gone = !!s && isOrReblogs(s, id);
      if (gone && this.focusId === this.idOf(x)) focusGone = true;
      return gone;
    });
    if (focusGone) this.focusId = null;
  }

  /** Without reposts of a post already there (or earlier in `items`). */
  private dropRepeats(all: T[]): T[] {
    const items = all.filter((x) => {
      const s = this.source.statusOf(x);
      return !s || !wasDeleted(s);
    });
    if (!this.source.skipRepeatedReblogs) return items;
    const seen = new Set<string>();
    const b = this.buf.value;
    for (const x of [...b.shown, ...b.pending]) {
      const s = this.source.statusOf(x);
      if (s) seen.add(s.reblog ? s.reblog.id : s.id);
    }
    const known = new Set([...b.shown, ...b.pending].map(this.idOf));
    for (const x of items) {
      const s = this.source.statusOf(x);
      if (s && !s.reblog) seen.add(s.id);
    }
    const out: T[] = [];
    for (const x of items) {
      const s = this.source.statusOf(x);
      if (s?.reblog && !known.has(this.idOf(x))) {
        if (seen.has(s.reblog.id)) continue;
        seen.add(s.reblog.id);
      }
      out.push(x);
    }
    return out;
  }

  /** The signed-in user's own post or repost (in a timeline of posts, not
   * a notification about one). */
  private isOwn(x: T): boolean {
    const s = this.source.statusOf(x);
    const mine = me.value?.id;
    return !!s && (s as unknown) === x && !!mine && s.account.id === mine;
  }

  private get idOf() {
    return this.source.idOf;
  }

  async loadInitial(): Promise<void> {
    if (this.loaded.value || this.loading.value) return;
    this.loading.value = true;
    this.failed.value = false;
    try {
      const page = await this.source.fetch({});
      this.buf.value = emptyBuffer<T>();
      this.buf.value = appendOlder(emptyBuffer<T>(), this.dropRepeats(page.data), this.idOf);
      this.next = page.next ?? (page.data.length ? this.idOf(page.data[page.data.length - 1]) : null);
      this.done.value = page.data.length === 0 && (!page.next || !this.source.filtered);
      this.loaded.value = true;
    } catch {
      this.failed.value = true;
    } finally {
      this.loading.value = false;
    }
    if (this.source.filtered && this.loaded.value && !this.done.value && this.buf.value.shown.length < 10) void this.loadMore();
  }

  async loadMore(): Promise<void> {
    if (!this.loaded.value || this.loading.value || this.done.value) return;
    this.loading.value = true;
    try {
      const shown = this.buf.value.shown;
      const maxId = this.next ?? (shown.length ? this.idOf(shown[shown.length - 1]) : null);
      const page = await this.source.fetch({ max_id: maxId });
      this.buf.value = appendOlder(this.buf.value, this.dropRepeats(page.data), this.idOf);
      this.next = page.next ?? (page.data.length ? this.idOf(page.data[page.data.length - 1]) : null);
      if (page.data.length === 0 && (!page.next || !this.source.filtered)) this.done.value = true;
    } catch {
      this.failed.value = true;
    } finally {
      this.loading.value = false;
    }
    // A filtered page may come back short: fetch on while the feed is short.
    if (this.source.filtered && !this.done.value && !this.failed.value && this.buf.value.shown.length < 10) void this.loadMore();
  }

  /** Fills the gap after a reconnect, or polls when the socket is down. */
  async resync(): Promise<void> {
    if (!this.loaded.value) return;
    const since = newestId(this.buf.value, this.idOf);
    try {
      const page = await this.source.fetch(since ? { since_id: since, limit: 40 } : { limit: 40 });
      this.take(page.data);
    } catch {
      /* next time */
    }
  }

  /** New items at the top: in at once at the top, else behind the button. */
  take(incoming: T[]): void {
    let items = this.dropRepeats(incoming);
    // The user's own posts go in at once: no button for what they just wrote.
    const own = items.filter((x) => this.isOwn(x));
    if (own.length) {
      const ids = new Set(this.buf.value.shown.map(this.idOf));
      for (const x of own) if (!ids.has(this.idOf(x))) this.fresh.add(this.idOf(x));
      this.buf.value = insertShown(this.buf.value, own, this.idOf);
      items = items.filter((x) => !this.isOwn(x));
    }
    const before = this.buf.value;
    const top = atTop() && before.pending.length === 0;
    const next = receive(before, items, top, this.idOf);
    if (next === before) return;
    if (top) {
      const old = new Set(before.shown.map(this.idOf));
      for (const x of next.shown) if (!old.has(this.idOf(x))) this.fresh.add(this.idOf(x));
    }
    this.buf.value = next;
    const added = next.pending.length - before.pending.length;
    if (added > 0) announce(t('feed.newPosts', { count: next.pending.length }));
  }

  showPending(): void {
    this.buf.value = flush(this.buf.value, this.idOf);
  }

  private onEvent = (e: StreamEvent) => {
    if (e.event === (this.source.event ?? 'update')) {
      const item = (this.source.fromStream ? this.source.fromStream(e.payload) : e.payload) as T;
      if (!item || (this.source.accept && !this.source.accept(item))) return;
      this.take([item]);
    } else if (e.event === 'delete') {
      const id = String(e.payload);
      this.buf.value = remove(this.buf.value, (x) => {
        const s = this.source.statusOf(x);
        return !!s && isOrReblogs(s, id);
      });
    } else if (e.event === 'status.update') {
      const s = normalizeStatus(e.payload as Status);
      this.patch(s.id, (old) => withViewerFlags(old, s));
    }
  };

  patch(id: string, f: (s: Status) => Status): void {
    this.buf.value = update(this.buf.value, (x) => {
      const s = this.source.statusOf(x);
      if (!s) return x;
      const p = applyPatch(s, id, f);
      return p === s ? x : this.source.withStatus(x, p);
    });
  }

  /** A screen shows this timeline: load it and keep it live. */
  attach(): () => void {
    this.users++;
    if (this.users === 1) {
      const src = this.source;
      if (src.stream) {
        this.detachStream = subscribe({
          stream: src.stream.stream,
          tag: src.stream.tag,
          onEvent: this.onEvent,
          resync: () => void this.resync(),
        });
      }
      // Back after a while: fetch what came while the screen was away.
      if (this.loaded.value) void this.resync();
    }
    void this.loadInitial();
    return () => {
      this.users--;
      if (this.users === 0) {
        this.detachStream?.();
        this.detachStream = null;
      }
    };
  }

  /** Drop everything (sign out). */
  reset(): void {
    this.buf.value = emptyBuffer<T>();
    this.loaded.value = false;
    this.done.value = false;
    this.next = null;
    this.scrollY = 0;
    this.focusId = null;
    this.heights.clear();
  }
}

const cache = new Map<string, Timeline<unknown>>();
const order: string[] = [];
const MAX_CACHED = 12;

/** The timeline `key`, made once with `make` and kept for Back. */
export function timeline<T>(key: string, make: () => TimelineSource<T>): Timeline<T> {
  let tl = cache.get(key) as Timeline<T> | undefined;
  if (!tl) {
    tl = new Timeline<T>(make());
    cache.set(key, tl as Timeline<unknown>);
    order.push(key);
    while (order.length > MAX_CACHED) {
      const old = order.shift()!;
      if (old !== 'home') {
        cache.get(old)?.dispose();
        cache.delete(old);
      } else order.push(old);
    }
  }
  return tl;
}

export function forgetTimelines(): void {
  for (const tl of cache.values()) {
    tl.reset();
    tl.dispose();
  }
  cache.clear();
  order.length = 0;
}

export const statusSource = (fetch: (q: TimelineQuery) => Promise<Page<Status[]>>): TimelineSource<Status> => ({
  fetch,
  fromStream: (p) => normalizeStatus(p as Status),
  idOf: (s) => s.id,
  statusOf: (s) => s,
  withStatus: (_x, s) => s,
});
