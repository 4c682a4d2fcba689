// The app: mounts into #app (replacing the server-rendered content), the
// routes, and the keyboard shortcuts. Loaded by main.ts.
import { effect } from '@preact/signals';
import type { ComponentType } from 'preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { token } from './api/client';
import { Compose, focusCompose } from './components/Compose';
import { Dialog } from './components/Dialog';
import { Layout } from './components/Layout';
import { lang, t } from './i18n';
import { shortenLinks } from './lib/links';
import { back, navigate, route, startRouter } from './router';
import Front from './screens/front/Front';
import Home, { homeTimeline } from './screens/home/Home';
import Thread from './screens/thread/Thread';
import { loadInstance, loadSession, me, signedIn } from './state/session';
import { startNotifications, stopNotifications } from './state/notifications';
import { forgetTimelines } from './state/timeline';
import { forgetRelationships } from './state/relationships';
import { forgetFollowRequests } from './state/followRequests';
import { composeOpen, replyTarget, shortcutsOpen } from './state/ui';

function lazyScreen<P>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  let C: ComponentType<P> | null = null;
  let pending: Promise<void> | null = null;
  return function Lazy(props: P) {
    const [, setTick] = useState(0);
    useEffect(() => {
      if (!C) {
        pending ??= load().then((m) => {
          C = m.default;
        });
        void pending.then(() => setTick((x) => x + 1));
      }
    }, []);
    if (C) {
      const Comp = C as ComponentType<Record<string, unknown>>;
      return <Comp {...(props as Record<string, unknown>)} />;
    }
    return (
      <div class="feed-end">
        <span class="spinner" aria-hidden="true" />
        <span class="visually-hidden">{t('common.loading')}</span>
      </div>
    );
  };
}

// Screens other than home, the thread (a visitor's permalink) and the front
// page are chunks of their own, loaded when first opened.
const Profile = lazyScreen(() => import('./screens/profile/Profile'));
const Tag = lazyScreen(() => import('./screens/tag/Tag'));
const Search = lazyScreen(() => import('./screens/search/Search'));
const Explore = lazyScreen(() => import('./screens/explore/Explore'));
const Notifications = lazyScreen(() => import('./screens/notifications/Notifications'));
const Settings = lazyScreen(() => import('./screens/settings/Settings'));
const FollowRequests = lazyScreen(() => import('./screens/followRequests/FollowRequests'));
const Bookmarks = lazyScreen(() => import('./screens/bookmarks/Bookmarks'));
const Conversations = lazyScreen(() => import('./screens/conversations/Conversations'));
const Lists = lazyScreen(() => import('./screens/lists/Lists'));
const ListTimeline = lazyScreen<{ id: string }>(() => import('./screens/lists/ListTimeline'));
const Callback = lazyScreen(() => import('./screens/callback/Callback'));

function NeedsSignIn() {
  useEffect(() => navigate('/', { replace: true }), []);
  return null;
}

function Screen() {
  const r = route.value;
  const signed = signedIn.value;
  switch (r.name) {
    case 'home':
      return signed ? <Home /> : <Front />;
    case 'profile':
      return <Profile key={r.username.toLowerCase()} username={r.username} tab={r.tab} />;
    case 'thread':
      return <Thread id={r.id} />;
    case 'tag':
      return <Tag key={r.tag.toLowerCase()} tag={r.tag} />;
    case 'search':
      return <Search q={r.q} />;
    case 'explore':
      return <Explore network={r.network} />;
    case 'notifications':
      return signed ? <Notifications /> : <NeedsSignIn />;
    case 'followRequests':
      return signed ? <FollowRequests /> : <NeedsSignIn />;
    case 'bookmarks':
      return signed ? <Bookmarks /> : <NeedsSignIn />;
    case 'conversations':
      return signed ? <Conversations /> : <NeedsSignIn />;
    case 'lists':
      return signed ? <Lists /> : <NeedsSignIn />;
    case 'list':
      return signed ? <ListTimeline key={r.id} id={r.id} /> : <NeedsSignIn />;
    case 'settings':
      return signed ? <Settings /> : <NeedsSignIn />;
    case 'callback':
      return <Callback />;
    default:
      return (
        <div class="empty">
          <h1>{t('error.notFound')}</h1>
          <p>
            <a href="/">{t('error.goHome')}</a>
          </p>
        </div>
      );
  }
}

function ReplyDialog() {
  const target = replyTarget.value;
  if (!target) return null;
  return (
    <Dialog title={t('compose.replyTitle', { name: target.account.display_name || target.account.username })} onClose={() => (replyTarget.value = null)} class="reply-dialog">
      <div class="reply-quote" lang={target.language ?? undefined} dangerouslySetInnerHTML={{ __html: shortenLinks(target.content) }} />
      <Compose
        draftKey={`piaf.draft.reply.${target.id}`}
        replyTo={target}
        labelKey="compose.reply"
        autoFocus
        onPosted={() => (replyTarget.value = null)}
      />
    </Dialog>
  );
}

/** A new post away from home, in a dialog (the screen stays). */
function ComposeDialog() {
  if (!composeOpen.value || !signedIn.value) return null;
  return (
    <Dialog title={t('compose.new')} onClose={() => (composeOpen.value = false)} class="reply-dialog">
      <Compose draftKey="piaf.draft.home" autoFocus onPosted={() => (composeOpen.value = false)} />
    </Dialog>
  );
}

const shortcutList: [string, string][] = [
  ['j', 'shortcuts.next'],
  ['k', 'shortcuts.prev'],
  ['shortcuts.keyEnter', 'shortcuts.open'],
  ['shortcuts.keyEsc', 'shortcuts.back'],
  ['n', 'shortcuts.compose'],
  ['?', 'shortcuts.help'],
];

function ShortcutsDialog() {
  if (!shortcutsOpen.value) return null;
  return (
    <Dialog title={t('shortcuts.title')} onClose={() => (shortcutsOpen.value = false)}>
      <dl class="shortcut-list">
        {shortcutList.map(([k, d]) => (
          <div key={k}>
            <dt>
              <kbd>{k.startsWith('shortcuts.') ? t(k) : k}</kbd>
            </dt>
            <dd>{t(d)}</dd>
          </div>
        ))}
      </dl>
      <div class="dialog-actions">
        <button type="button" class="button primary" onClick={() => (shortcutsOpen.value = false)}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}

function App() {
  return (
    <Layout>
      <Screen />
      <ReplyDialog />
      <ComposeDialog />
      <ShortcutsDialog />
    </Layout>
  );
}

// --- Keyboard ----------------------------------------------------------------

function isTyping(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName);
}

function feedArticles(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('#main [role=feed] article'));
}

function moveFocus(step: 1 | -1): void {
  const list = feedArticles();
  if (list.length === 0) return;
  const current = (document.activeElement as HTMLElement | null)?.closest?.('article');
  let i = current ? list.indexOf(current as HTMLElement) : -1;
  if (i < 0) {
    // Start from the first post in view.
    i = list.findIndex((a) => a.getBoundingClientRect().bottom > 64);
    if (i < 0) i = 0;
    list[i].focus();
  } else {
    const next = list[Math.min(list.length - 1, Math.max(0, i + step))];
    next.focus();
  }
  const el = document.activeElement as HTMLElement;
  const r = el.getBoundingClientRect();
  const top = 70;
  if (r.top < top || r.bottom > window.innerHeight - 70) {
    window.scrollBy(0, r.top - top);
  }
}

function onKey(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  const dialogOpen = !!document.querySelector('dialog[open]');
  if (e.key === 'Escape') {
    if (dialogOpen || isTyping(e.target)) return;
    if (route.value.name === 'thread') {
      e.preventDefault();
      back('/');
    }
    return;
  }
  if (dialogOpen || isTyping(e.target)) return;
  const target = e.target as HTMLElement;
  switch (e.key) {
    case 'j':
      e.preventDefault();
      moveFocus(1);
      break;
    case 'k':
      e.preventDefault();
      moveFocus(-1);
      break;
    case 'Enter':
      if (target.matches('article[data-path]')) {
        e.preventDefault();
        const path = target.dataset.path!;
        if (path !== location.pathname) navigate(path);
      }
      break;
    case 'n':
      if (!signedIn.value) return;
      e.preventDefault();
      if (!focusCompose()) composeOpen.value = true;
      break;
    case '?':
      e.preventDefault();
      shortcutsOpen.value = true;
      break;
  }
}

// --- Start -------------------------------------------------------------------

function start(): void {
  // Server pages that are not the app's (the OAuth sign-in page) stay as
  // they are: they only borrow the stylesheet.
  if (document.querySelector('.auth-page') || (location.pathname.startsWith('/oauth/') && location.pathname !== '/oauth/callback')) {
    return;
  }
  effect(() => {
    document.documentElement.lang = lang.value;
  });
  startRouter();
  document.addEventListener('keydown', onKey);
  void loadInstance();
  void loadSession();
  // The first screen's data, before the first render (main.ts may have
  // asked for it already).
  if (token.value && route.value.name === 'home') void homeTimeline().loadInitial();
  let hadToken = !!token.value;
  effect(() => {
    if (token.value && me.value) startNotifications();
    else if (!token.value) stopNotifications();
    // Signed out (here or by a revoked token): nothing of that user stays.
    if (hadToken && !token.value) {
      forgetTimelines();
      forgetRelationships();
      forgetFollowRequests();
    }
    hadToken = !!token.value;
  });
  const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
  root.id = 'app';
  root.textContent = '';
  render(<App />, root);
}

start();
