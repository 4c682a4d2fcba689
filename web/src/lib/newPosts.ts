// The "new posts" buffering of a live timeline, as a pure module: items
// arriving while the reader is at the top are shown at once; while the
// reader is scrolled down they wait in `pending` behind the "Show N new
// posts" button, so the post being read does not move.
import { compareIds } from './ids';

export interface Buffered<T> {
  /** What the feed shows, newest first. */
  shown: T[];
  /** Arrived while scrolled down, newest first; not shown yet. */
  pending: T[];
}

export const emptyBuffer = <T>(): Buffered<T> => ({ shown: [], pending: [] });

function mergeNewestFirst<T>(a: T[], b: T[], idOf: (x: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const x of [...a, ...b]) {
    const id = idOf(x);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(x);
  }
  return out.sort((x, y) => compareIds(idOf(y), idOf(x)));
}

/**
 * New items from the stream (or a gap fill). `atTop`: the reader sees the
 * top of the feed. Items already shown or pending are replaced in place
 * (an edit or new counts), never duplicated.
 */
export function receive<T>(state: Buffered<T>, incoming: T[], atTop: boolean, idOf: (x: T) => string): Buffered<T> {
  if (incoming.length === 0) return state;
  const shownIds = new Map(state.shown.map((x, i) => [idOf(x), i] as const));
  let shown = state.shown;
  const fresh: T[] = [];
  for (const x of incoming) {
    const i = shownIds.get(idOf(x));
    if (i !== undefined) {
      if (shown === state.shown) shown = shown.slice();
      shown[i] = x;
    } else {
      fresh.push(x);
    }
  }
  if (fresh.length === 0) return shown === state.shown ? state : { shown, pending: state.pending };
  const newestShown = shown.length ? idOf(shown[0]) : null;
  // Older than what is shown (a late gap fill): goes in its place at once.
  const older = newestShown ? fresh.filter((x) => compareIds(idOf(x), newestShown) < 0) : [];
  const newer = newestShown ? fresh.filter((x) => compareIds(idOf(x), newestShown) > 0) : fresh;
  if (older.length) shown = mergeNewestFirst(shown, older, idOf);
  if (atTop && state.pending.length === 0) {
    return { shown: mergeNewestFirst(newer, shown, idOf), pending: [] };
  }
  if (atTop) {
    return { shown: mergeNewestFirst(mergeNewestFirst(newer, state.pending, idOf), shown, idOf), pending: [] };
  }
  return { shown, pending: mergeNewestFirst(newer, state.pending, idOf) };
}

/** Items shown at once whatever the reader's position (the user's own
 * posts: no button for what they just wrote). */
export function insertShown<T>(state: Buffered<T>, items: T[], idOf: (x: T) => string): Buffered<T> {
  if (items.length === 0) return state;
  const ids = new Set(items.map(idOf));
  return {
    shown: mergeNewestFirst(items, state.shown, idOf),
    pending: state.pending.filter((x) => !ids.has(idOf(x))),
  };
}

/** "Show N new posts": everything pending goes on top. */
export function flush<T>(state: Buffered<T>, idOf: (x: T) => string): Buffered<T> {
  if (state.pending.length === 0) return state;
  return { shown: mergeNewestFirst(state.pending, state.shown, idOf), pending: [] };
}

/** Older items from infinite scroll go below. */
export function appendOlder<T>(state: Buffered<T>, older: T[], idOf: (x: T) => string): Buffered<T> {
  if (older.length === 0) return state;
  const ids = new Set(state.shown.map(idOf));
  const add = older.filter((x) => !ids.has(idOf(x)));
  return add.length ? { shown: [...state.shown, ...add], pending: state.pending } : state;
}

/** A deleted item disappears from both lists. */
export function remove<T>(state: Buffered<T>, pred: (x: T) => boolean): Buffered<T> {
  const shown = state.shown.filter((x) => !pred(x));
  const pending = state.pending.filter((x) => !pred(x));
  if (shown.length === state.shown.length && pending.length === state.pending.length) return state;
  return { shown, pending };
}

/** Replace items matching `pred` with `f(item)` in both lists. */
export function update<T>(state: Buffered<T>, f: (x: T) => T): Buffered<T> {
  let changed = false;
  const map = (list: T[]) =>
    list.map((x) => {
      const y = f(x);
      if (y !== x) changed = true;
      return y;
    });
  const shown = map(state.shown);
  const pending = map(state.pending);
  return changed ? { shown, pending } : state;
}

/** The id to ask `since_id`/`min_id` from after a reconnect. */
export function newestId<T>(state: Buffered<T>, idOf: (x: T) => string): string | null {
  const a = state.pending[0] ? idOf(state.pending[0]) : null;
  const b = state.shown[0] ? idOf(state.shown[0]) : null;
  if (!a) return b;
  if (!b) return a;
  return compareIds(a, b) > 0 ? a : b;
}
