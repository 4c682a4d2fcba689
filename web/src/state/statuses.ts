// One place that changes a status everywhere it is shown (timelines, the
// thread): likes, reposts and deletions, optimistic and rolled back on error.
import * as api from '../api/client';
import type { Status } from '../api/types';
import { t } from '../i18n';
import { toast } from './ui';

export interface StatusListener {
  patch(id: string, f: (s: Status) => Status): void;
  remove(id: string): void;
  add?(s: Status): void;
}

const listeners = new Set<StatusListener>();

export function onStatusChange(l: StatusListener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** `s` with `f` applied to the status `id` (itself or the post it reposts). */
export function applyPatch(s: Status, id: string, f: (s: Status) => Status): Status {
  if (s.id === id) return f(s);
  if (s.reblog && s.reblog.id === id) return { ...s, reblog: f(s.reblog) };
  return s;
}

export function isOrReblogs(s: Status, id: string): boolean {
  return s.id === id || s.reblog?.id === id;
}

export function patchStatus(id: string, f: (s: Status) => Status): void {
  for (const l of listeners) l.patch(id, f);
}

/** Posts deleted in this session: a page fetched while the deletion was
 * on its way (Back right after a delete) does not bring them back. */
const deleted = new Set<string>();
export const wasDeleted = (s: Status): boolean => deleted.has(s.id) || (!!s.reblog && deleted.has(s.reblog.id));

export function removeStatus(id: string): void {
  deleted.add(id);
  for (const l of listeners) l.remove(id);
}

/** A post the user just wrote: timelines that show it add it. */
export function addStatus(s: Status): void {
  for (const l of listeners) l.add?.(s);
}

export async function toggleFavourite(s: Status): Promise<void> {
  const on = !s.favourited;
  const f = (x: Status): Status => ({
    ...x,
    favourited: on,
    favourites_count: Math.max(0, x.favourites_count + (on ? 1 : -1)),
  });
  patchStatus(s.id, f);
  try {
    await api.favourite(s.id, on);
  } catch {
    patchStatus(s.id, (x) => ({ ...x, favourited: !on, favourites_count: Math.max(0, x.favourites_count + (on ? -1 : 1)) }));
    toast(t(on ? 'error.like' : 'error.unlike'));
  }
}

export async function toggleReblog(s: Status): Promise<void> {
  const on = !s.reblogged;
  patchStatus(s.id, (x) => ({ ...x, reblogged: on, reblogs_count: Math.max(0, x.reblogs_count + (on ? 1 : -1)) }));
  try {
    await api.reblog(s.id, on);
  } catch {
    patchStatus(s.id, (x) => ({ ...x, reblogged: !on, reblogs_count: Math.max(0, x.reblogs_count + (on ? -1 : 1)) }));
    toast(t(on ? 'error.repost' : 'error.unrepost'));
  }
}

export async function toggleBookmark(s: Status): Promise<void> {
  const on = !s.bookmarked;
  patchStatus(s.id, (x) => ({ ...x, bookmarked: on }));
  try {
    await api.bookmark(s.id, on);
  } catch {
    patchStatus(s.id, (x) => ({ ...x, bookmarked: !on }));
    toast(t(on ? 'error.bookmark' : 'error.unbookmark'));
  }
}

/** Pin or unpin one's own post (the server allows 5: its message says so). */
export async function togglePin(s: Status): Promise<void> {
  const on = !s.pinned;
  patchStatus(s.id, (x) => ({ ...x, pinned: on }));
  try {
    await api.pin(s.id, on);
    toast(t(on ? 'status.pinnedSaid' : 'status.unpinnedSaid'));
  } catch (e) {
    patchStatus(s.id, (x) => ({ ...x, pinned: !on }));
    toast(on && e instanceof api.ApiError && e.status === 422 ? t('error.pinLimit') : t(on ? 'error.pin' : 'error.unpin'));
  }
}

export async function deleteOwn(s: Status, restore: () => void): Promise<void> {
  removeStatus(s.id);
  try {
    await api.deleteStatus(s.id);
  } catch {
    deleted.delete(s.id);
    restore();
    toast(t('error.delete'));
  }
}
