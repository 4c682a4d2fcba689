// The frame around every screen: skip link, main navigation (left column on
// desktop, bottom bar on phones), the side column, toasts and the polite
// live region.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { startSignIn } from '../api/auth';
import { lang, t } from '../i18n';
import { BOOKMARKS_PATH, CONVERSATIONS_PATH, FOLLOW_REQUESTS_PATH, location_, navigate, route } from '../router';
import { followRequestsCount } from '../state/followRequests';
import { badgeText } from '../lib/follow';
import { instance, me, signedIn, unreadNotifications } from '../state/session';
import { announcement, composeOpen, dismiss, shortcutsOpen, toasts } from '../state/ui';
import { Avatar } from './Avatar';
import { Icon } from './Icon';
import { TrendsBox } from './Trends';

/** New post: home's box at home, elsewhere a dialog (the screen stays). */
const newPost = () => {
  if (route.value.name === 'home') navigate('/?compose=1');
  else composeOpen.value = true;
};

function NavLink(props: {
  href: string;
  icon: string;
  label: string;
  /** The accessible name when the visible label is a short form of it. */
  name?: string;
  current: boolean;
  badge?: number;
  badgeLabel?: string;
  class?: string;
}) {
  return (
    <li class={props.class}>
      <a href={props.href} class="nav-link" aria-current={props.current ? 'page' : undefined} aria-label={props.name}>
        <span class="nav-icon">
          <Icon name={props.icon} size={24} />
          {props.badge ? (
            props.name ? (
              // Drawn by CSS: with a name of its own (aria-label), the link's
              // text must be its visible label only (label in name).
              <span class="nav-badge" data-count={badgeText(props.badge)} aria-hidden="true" />
            ) : (
              <span class="nav-badge" aria-hidden="true">
                {badgeText(props.badge)}
              </span>
            )
          ) : null}
        </span>
        <span class="nav-label">{props.label}</span>
      </a>
      {props.badge ? <span class="visually-hidden">{props.badgeLabel ?? t('nav.unread', { count: props.badge })}</span> : null}
    </li>
  );
}

export function SignInButtons({ big }: { big?: boolean }) {
  const [busy, setBusy] = useState(false);
  const go = (signup: boolean) => {
    setBusy(true);
    startSignIn(lang.value, signup).catch(() => setBusy(false));
  };
  return (
    <div class={`signin-buttons${big ? ' signin-big' : ''}`}>
      <button type="button" class="button primary" disabled={busy} onClick={() => go(false)}>
        {t('auth.signIn')}
      </button>
      <button type="button" class="button secondary" disabled={busy} onClick={() => go(true)}>
        {t('auth.signUp')}
      </button>
    </div>
  );
}

function SearchBox() {
  const r = route.value;
  const [q, setQ] = useState(r.name === 'search' ? r.q : '');
  return (
    <form
      role="search"
      class="side-search"
      onSubmit={(e) => {
        e.preventDefault();
        if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`);
      }}
    >
      <Icon name="search" size={18} />
      <input type="search" aria-label={t('search.box')} placeholder={t('search.placeholder')} value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
    </form>
  );
}

export function Layout({ children }: { children: ComponentChildren }) {
  const r = route.value;
  const user = me.value;
  const signed = signedIn.value;
  void location_.value;
  const isProfile = r.name === 'profile' && user && r.username.toLowerCase() === user.acct.toLowerCase();
  return (
    <div class="app">
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header class="side-nav">
        <a class="brand" href="/" aria-label={instance.value?.title || t('app.name')}>
          <span class="brand-mark" aria-hidden="true">
            <svg viewBox="0 0 32 32" width="32" height="32" aria-hidden="true">
              <circle cx="16" cy="16" r="16" fill="currentColor" />
              <path d="M9 19c3 0 5-2 6-5 1-3 3-5 6-5l3 1-3 2c0 5-4 10-10 10H7z" fill="var(--brand-ink)" />
            </svg>
          </span>
          <span class="brand-name">{t('app.name')}</span>
        </a>
        <nav aria-label={t('nav.main')}>
          <ul class="nav-list">
            <NavLink href="/" icon="home" label={t('nav.home')} current={r.name === 'home'} />
            <NavLink href="/explore" icon="explore" label={t('nav.explore')} current={r.name === 'explore' || r.name === 'tag'} />
            <NavLink href="/search" icon="search" label={t('nav.search')} current={r.name === 'search'} />
            {signed && (
              <NavLink
                href="/notifications"
                icon="bell"
                label={t('nav.notifications')}
                current={r.name === 'notifications'}
                badge={unreadNotifications.value}
              />
            )}
            {signed && (followRequestsCount.value > 0 || r.name === 'followRequests') && (
              <NavLink
                href={FOLLOW_REQUESTS_PATH}
                icon="userPlus"
                label={t('nav.requests')}
                name={t('nav.followRequests')}
                current={r.name === 'followRequests'}
                badge={followRequestsCount.value}
                badgeLabel={t('nav.pendingRequests', { count: followRequestsCount.value })}
              />
            )}
            {signed && (
              <NavLink
                href={CONVERSATIONS_PATH}
                icon="mail"
                label={t('nav.messages')}
                current={r.name === 'conversations'}
                class="nav-wide-only"
              />
            )}
            {signed && (
              <NavLink
                href={BOOKMARKS_PATH}
                icon="bookmark"
                label={t('nav.bookmarks')}
                current={r.name === 'bookmarks'}
                class="nav-wide-only"
              />
            )}
            {signed && (
              <NavLink href="/lists" icon="list" label={t('nav.lists')} current={r.name === 'lists' || r.name === 'list'} class="nav-wide-only" />
            )}
            {signed && user && <NavLink href={`/@${user.acct}`} icon="user" label={t('nav.profile')} current={!!isProfile} />}
            {signed && <NavLink href="/settings" icon="settings" label={t('nav.settings')} current={r.name === 'settings'} />}
            {!signed && (
              <li class="nav-phone-only">
                <button type="button" class="nav-link" onClick={() => void startSignIn(lang.value)}>
                  <span class="nav-icon">
                    <Icon name="user" size={24} />
                  </span>
                  <span class="nav-label">{t('auth.signIn')}</span>
                </button>
              </li>
            )}
          </ul>
        </nav>
        {signed && user ? (
          <div class="nav-footer">
            <button type="button" class="button primary nav-compose" onClick={newPost}>
              <Icon name="pen" size={20} />
              <span class="nav-label">{t('compose.new')}</span>
            </button>
            <a class="nav-me" href={`/@${user.acct}`}>
              <Avatar account={user} size="s" />
              <span class="nav-me-text">
                <span class="display-name">{user.display_name || user.username}</span>
                <span class="acct">@{user.acct}</span>
              </span>
            </a>
          </div>
        ) : (
          !signed && (
            <div class="nav-footer nav-signin">
              <SignInButtons />
            </div>
          )
        )}
      </header>
      <main id="main" class="main-col" tabIndex={-1}>
        {children}
      </main>
      {signed && r.name !== 'home' && r.name !== 'thread' && (
        <button type="button" class="fab" aria-label={t('compose.new')} onClick={newPost}>
          <Icon name="pen" size={22} />
        </button>
      )}
      <aside class="side-col" aria-label={t('side.label')}>
        {r.name !== 'search' && <SearchBox />}
        {r.name !== 'explore' && <TrendsBox />}
        <footer class="side-footer">
          <button type="button" class="linklike" onClick={() => (shortcutsOpen.value = true)}>
            {t('shortcuts.title')}
          </button>
          <span> · {instance.value?.domain ?? ''}</span>
        </footer>
      </aside>
      <div class="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement.value}
      </div>
      <div class="toasts" role="status" aria-live="polite">
        {toasts.value.map((x) => (
          <div class="toast" key={x.id}>
            <Icon name="warn" size={18} />
            <span>{x.text}</span>
            <button type="button" class="toast-close" aria-label={t('common.close')} onClick={() => dismiss(x.id)}>
              <Icon name="close" size={16} />
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}
