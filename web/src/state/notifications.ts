// Notifications: one live timeline for the whole session (the unread count
// in the navigation) and the read marker.
import { effect, signal } from '@preact/signals';
import * as api from '../api/client';
import type { Notification } from '../api/types';
import { notification as normalizeNotification } from '../api/normalize';
import { compareIds } from '../lib/ids';
import { newestId } from '../lib/newPosts';
import { unreadNotifications } from './session';
import { timeline } from './timeline';
import { markers } from './markers';
import { requestArrived } from './followRequests';

const READ_KEY = 'piaf.notifications.read';
export const lastRead = signal<string | null>(null);

export const notificationsTimeline = () =>
  timeline<Notification>('notifications', () => ({
    fetch: (q) => api.notifications(q),
    stream: { stream: 'user' },
    event: 'notification',
    fromStream: (p) => normalizeNotification(p as Notification),
    idOf: (n) => n.id,
    statusOf: (n) => n.status,
    withStatus: (n, s) => ({ ...n, status: s }),
  }));

let detach: (() => void) | null = null;
let stopCount: (() => void) | null = null;
let stopRequests: (() => void) | null = null;

export function startNotifications(): void {
  if (detach) return;
  const tl = notificationsTimeline();
  try {
    lastRead.value = localStorage.getItem(READ_KEY);
  } catch {
    /* none */
  }
  detach = tl.attach();
  markers()
    .then((m) => {
      const id = m.notifications?.last_read_id;
      if (id && (!lastRead.value || compareIds(id, lastRead.value) > 0)) lastRead.value = id;
    })
    .catch(() => undefined);
  stopCount = effect(() => {
    const buf = tl.buf.value;
    const read = lastRead.value;
    let n = 0;
    for (const x of [...buf.pending, ...buf.shown]) if (!read || compareIds(x.id, read) > 0) n++;
    unreadNotifications.value = tl.loaded.value ? n : 0;
  });
  // A follow request arriving live: the count of requests is asked again.
  let newestRequest: string | null | undefined;
  stopRequests = effect(() => {
    const buf = tl.buf.value;
    if (!tl.loaded.value) return;
    let newest = newestRequest ?? null;
    for (const x of [...buf.pending, ...buf.shown]) {
      if (x.type !== 'follow_request') continue;
      if (newestRequest !== undefined && (!newestRequest || compareIds(x.id, newestRequest) > 0)) requestArrived(x.account.id);
      if (!newest || compareIds(x.id, newest) > 0) newest = x.id;
    }
    newestRequest = newest;
  });
}

export function stopNotifications(): void {
  detach?.();
  stopCount?.();
  stopRequests?.();
  detach = stopCount = stopRequests = null;
  unreadNotifications.value = 0;
}

/** Everything up to the newest notification is read. */
export function markAllRead(): void {
  const tl = notificationsTimeline();
  const id = newestId(tl.buf.value, (n) => n.id);
  if (!id || (lastRead.value && compareIds(id, lastRead.value) <= 0)) return;
  lastRead.value = id;
  try {
    localStorage.setItem(READ_KEY, id);
  } catch {
    /* none */
  }
  api.saveMarker('notifications', id).catch(() => undefined);
}
