// The router: the location in a signal, links inside the app without reload.
import { signal } from '@preact/signals';

export type Route =
  | { name: 'home' }
  | { name: 'profile'; username: string; tab: 'posts' | 'replies' | 'followers' | 'following' }
  | { name: 'thread'; username: string; id: string }
  | { name: 'tag'; tag: string }
  | { name: 'search'; q: string }
  | { name: 'explore'; network: boolean }
  | { name: 'notifications' }
  | { name: 'followRequests' }
  | { name: 'bookmarks' }
  | { name: 'conversations' }
  | { name: 'lists' }
  | { name: 'list'; id: string }
  | { name: 'settings' }
  | { name: 'callback' }
  | { name: 'notfound' };

/** The follow requests screen's address. */
export const FOLLOW_REQUESTS_PATH = '/notifications?tab=requests';
/** The bookmarks screen's address (also under a page the server serves). */
export const BOOKMARKS_PATH = '/notifications?tab=bookmarks';
/** The direct messages screen (a page the server serves: src/web/site.cc). */
export const CONVERSATIONS_PATH = '/conversations';

export function parseRoute(pathname: string, search: string): Route {
  const q = new URLSearchParams(search);
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/search') return { name: 'search', q: q.get('q') ?? '' };
  if (path === '/explore') return { name: 'explore', network: q.get('scope') === 'network' };
  // Follow requests live under /notifications (a page the server serves).
  if (path === '/notifications') {
    const tab = q.get('tab');
    return tab === 'requests' ? { name: 'followRequests' } : tab === 'bookmarks' ? { name: 'bookmarks' } : { name: 'notifications' };
  }
  if (path === '/settings') return { name: 'settings' };
  if (path === CONVERSATIONS_PATH) return { name: 'conversations' };
  if (path === '/lists') return { name: 'lists' };
  const list = /^\/lists\/(\d+)$/.exec(path);
  if (list) return { name: 'list', id: list[1] };
  if (path === '/oauth/callback') return { name: 'callback' };
  let m = /^\/tags\/([^/]+)$/.exec(path);
  if (m) return { name: 'tag', tag: safeDecode(m[1]) };
  m = /^\/@([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (m) {
    const username = safeDecode(m[1]);
    const rest = m[2];
    if (!rest) return { name: 'profile', username, tab: q.get('tab') === 'replies' ? 'replies' : 'posts' };
    if (rest === 'followers' || rest === 'following') return { name: 'profile', username, tab: rest };
    if (rest === 'with_replies') return { name: 'profile', username, tab: 'replies' };
    return { name: 'thread', username, id: rest };
  }
  return { name: 'notfound' };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export const location_ = signal({ pathname: location.pathname, search: location.search, key: 0 });
export const route = signal<Route>(parseRoute(location.pathname, location.search));
/** True after the first in-app navigation: Back stays inside the app. */
export let navigatedInApp = false;
let navKey = 0;

/** Run just before the location changes (timelines save their scroll). */
export const beforeNavigate = new Set<() => void>();

function update(): void {
  navKey++;
  location_.value = { pathname: location.pathname, search: location.search, key: navKey };
  route.value = parseRoute(location.pathname, location.search);
}

export function navigate(url: string, opts: { replace?: boolean } = {}): void {
  const u = new URL(url, location.origin);
  const target = u.pathname + u.search + u.hash;
  // Another screen at the same path (the follow requests under
  // /notifications) is another page: scroll to the top and focus.
  const samePage = u.pathname === location.pathname && parseRoute(u.pathname, u.search).name === route.value.name;
  for (const f of beforeNavigate) f();
  if (!samePage || !opts.replace) window.scrollTo(0, 0);
  if (opts.replace) history.replaceState(null, '', target);
  else {
    history.pushState(null, '', target);
    navigatedInApp = true;
  }
  update();
  if (!samePage) {
    requestAnimationFrame(() => document.getElementById('main')?.focus({ preventScroll: true }));
  }
}

export function back(fallback = '/'): void {
  if (navigatedInApp) history.back();
  else navigate(fallback, { replace: true });
}

/** The app path of a URL the server wrote (mentions, hashtags, statuses). */
export function appPath(href: string, trustForeign = true): string | null {
  let u: URL;
  try {
    u = new URL(href, location.origin);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const isApp = /^\/(@[^/]+(\/[^/]+)?|tags\/[^/]+)\/?$/.test(u.pathname);
  if (u.origin === location.origin) {
    return parseRoute(u.pathname, u.search).name === 'notfound' ? null : u.pathname + u.search;
  }
  // Posts rendered for another address of this server (the seed's
  // 127.0.0.1:8080): the same path here.
  return isApp && trustForeign ? u.pathname + u.search : null;
}

export function startRouter(): void {
  if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
  addEventListener('popstate', () => {
    for (const f of beforeNavigate) f();
    window.scrollTo(0, 0);
    update();
  });
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest?.('a');
    if (!a || !a.getAttribute('href') || (a.target && a.target !== '_self') || a.hasAttribute('download')) return;
    if (a.dataset.external !== undefined) return;
    // Another origin only for the server's own mention and hashtag links.
    const path = appPath(a.href, a.classList.contains('mention'));
    if (!path) return;
    e.preventDefault();
    navigate(path);
  });
}
