// A post, with the same class names as the server-rendered markup.
import { Component, type VNode } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Account, Status as StatusT } from '../api/types';
import { formatCompact, fullDate, relativeTime, t } from '../i18n';
import { shortenLinks } from '../lib/links';
import { navigate } from '../router';
import { me } from '../state/session';
import { addStatus, deleteOwn, toggleBookmark, togglePin, toggleFavourite, toggleReblog } from '../state/statuses';
import { replyTarget } from '../state/ui';
import { Avatar } from './Avatar';
import { Dialog } from './Dialog';
import { EditHistory } from './EditHistory';
import { EditStatus } from './EditStatus';
import { FilteredNotice, filteredBy } from './Filtered';
import { Icon } from './Icon';
import { MediaGallery } from './MediaGallery';
import { useNow } from './now';
import { Poll } from './Poll';

export const displayName = (a: Account) => a.display_name.trim() || a.username;
export const statusPath = (s: StatusT) => `/@${s.account.acct}/${s.id}`;

/** The organization badge; `compact`: an icon only on narrow screens (the
 * word stays for screen readers), so the name and handle keep their room. */
export function OrgBadge({ account, compact }: { account: Account; compact?: boolean }) {
  if (!account.piaf_organization) return null;
  if (!compact) return <span class="badge">{t('profile.organization')}</span>;
  return (
    <span class="badge badge-compact" title={t('profile.organization')}>
      <Icon name="org" size={12} />
      <span class="badge-text">{t('profile.organization')}</span>
    </span>
  );
}

interface Props {
  status: StatusT;
  /** The post a permalink is about: larger, full date. */
  main?: boolean;
  /** Above the main post in a thread (a line joins it to the next). */
  ancestor?: boolean;
  /** In a conversation, where what it answers is shown above. */
  inThread?: boolean;
  fresh?: boolean;
  posinset?: number;
  setsize?: number;
  onReply?: (s: StatusT) => void;
  /** A line above the post, inside its article (a notification's "X replied"). */
  context?: VNode;
  /** Among the pinned posts at the top of a profile: a "Pinned" line. */
  pinnedLine?: boolean;
}

export function Status({ status: wrapper, main, ancestor, inThread, fresh, posinset, setsize, onReply, context, pinnedLine }: Props) {
  const s = wrapper.reblog ?? wrapper;
  const a = s.account;
  const name = displayName(a);
  const [showCw, setShowCw] = useState(false);
  const [showFiltered, setShowFiltered] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [dialog, setDialog] = useState<'edit' | 'history' | null>(null);
  const self = useRef<HTMLElement>(null);
  useNow();
  const content = useMemo(() => shortenLinks(s.content), [s.content]);
  const own = me.value?.id === a.id;
  const signed = me.value !== null;
  const path = statusPath(s);
  const replyingTo =
    s.in_reply_to_account_id && s.in_reply_to_account_id !== a.id
      ? s.mentions.find((m) => m.id === s.in_reply_to_account_id)?.acct ?? null
      : null;

  const open = (e: MouseEvent) => {
    if (main) return;
    const el = e.target as HTMLElement;
    if (el.closest('a, button, input, textarea, select, summary, dialog, .status-actions')) return;
    if (window.getSelection()?.toString()) return;
    navigate(path);
  };

  // The viewer's filters: `hide` leaves nothing, `warn` a line to open it by.
  const filter = filteredBy(wrapper);
  if (filter === 'hide') return null;
  if (filter && !showFiltered) return <FilteredNotice titles={filter} onShow={() => setShowFiltered(true)} />;

  return (
    <article
      ref={self}
      class={`status${main ? ' status-main-post' : ''}${ancestor ? ' status-ancestor' : ''}${fresh ? ' is-new' : ''}`}
      tabIndex={0}
      aria-label={t('status.by', { name })}
      lang={s.language || undefined}
      data-id={wrapper.id}
      data-key={wrapper.id}
      data-path={path}
      aria-posinset={posinset}
      aria-setsize={setsize}
      onClick={open}
    >
      {context}
      {pinnedLine && (
        <p class="status-reblog status-pinned">
          <Icon name="pin" size={16} />
          <span>{t('status.pinned')}</span>
        </p>
      )}
      {wrapper.reblog && (
        <p class="status-reblog">
          <Icon name="repost" size={16} />
          <a href={`/@${wrapper.account.acct}`}>{t('status.reposted', { name: displayName(wrapper.account) })}</a>
        </p>
      )}
      <div class="status-body">
        <a class="status-avatar" href={`/@${a.acct}`} tabIndex={-1} aria-hidden="true">
          <Avatar account={a} size={main ? 'l' : 'm'} />
        </a>
        <div class="status-col">
          <header class="status-head">
            <a class="status-author" href={`/@${a.acct}`}>
              <span class="display-name">{name}</span>
              <OrgBadge account={a} compact />
              <span class="acct">@{a.acct}</span>
            </a>
            {!main && (
              <a class="status-time" href={path}>
                <time dateTime={s.created_at} title={fullDate(s.created_at)}>
                  {relativeTime(s.created_at)}
                </time>
              </a>
            )}
            {!main && s.edited_at && <EditedMarker status={s} onOpen={() => setDialog('history')} />}
          </header>
          {!main && !inThread && replyingTo && (
            <p class="status-replying">{t('status.replyingTo', { name: `@${replyingTo}` })}</p>
          )}
          {s.spoiler_text ? (
            <div class="status-cw">
              <p class="status-cw-text">{s.spoiler_text}</p>
              <button type="button" class="chip" aria-expanded={showCw} onClick={() => setShowCw(!showCw)}>
                {showCw ? t('status.showLess') : t('status.showMore')}
              </button>
            </div>
          ) : null}
          {(!s.spoiler_text || showCw) && <div class="status-content" dangerouslySetInnerHTML={{ __html: content }} />}
          {(!s.spoiler_text || showCw) && s.media_attachments?.length > 0 && <MediaGallery media={s.media_attachments} />}
          {s.poll && (!s.spoiler_text || showCw) && <Poll status={s} />}
          {main && (
            <p class="status-when">
              <a class="status-time" href={path}>
                <time dateTime={s.created_at}>{fullDate(s.created_at)}</time>
              </a>
              {s.edited_at && <EditedMarker status={s} onOpen={() => setDialog('history')} />}
              {s.visibility !== 'public' && <span class="status-visibility"> · {t(`visibility.${s.visibility}`)}</span>}
            </p>
          )}
          {signed ? (
            <footer class="status-actions">
              <span class="action-wrap action-reply-wrap">
                <button
                  type="button"
                  class="action action-reply"
                  aria-label={t('status.reply')}
                  title={t('status.reply')}
                  onClick={() => (onReply ? onReply(s) : (replyTarget.value = s))}
                >
                  <Icon name="reply" size={18} />
                </button>
                <span class="action-count">{s.replies_count ? formatCompact(s.replies_count) : ''}</span>
              </span>
              <span class={`action-wrap action-repost-wrap${s.reblogged ? ' on' : ''}`}>
                <button
                  type="button"
                  class="action action-repost"
                  aria-label={t('status.repost')}
                  title={t('status.repost')}
                  aria-pressed={!!s.reblogged}
                  disabled={s.visibility === 'private' || s.visibility === 'direct'}
                  onClick={() => void toggleReblog(s)}
                >
                  <Icon name="repost" size={18} />
                </button>
                <span class="action-count">{s.reblogs_count ? formatCompact(s.reblogs_count) : ''}</span>
              </span>
              <span class={`action-wrap action-like-wrap${s.favourited ? ' on' : ''}`}>
                <button
                  type="button"
                  class="action action-like"
                  aria-label={t('status.like')}
                  title={t('status.like')}
                  aria-pressed={!!s.favourited}
                  onClick={() => void toggleFavourite(s)}
                >
                  <Icon name="like" size={18} />
                </button>
                <span class="action-count">{s.favourites_count ? formatCompact(s.favourites_count) : ''}</span>
              </span>
              <span class={`action-bookmark-wrap${s.bookmarked ? ' on' : ''}`}>
                <button
                  type="button"
                  class="action action-bookmark"
                  aria-label={t(s.bookmarked ? 'status.unbookmark' : 'status.bookmark')}
                  title={t(s.bookmarked ? 'status.unbookmark' : 'status.bookmark')}
                  aria-pressed={!!s.bookmarked}
                  onClick={() => void toggleBookmark(s)}
                >
                  <Icon name="bookmark" size={18} />
                </button>
              </span>
              {own ? (
                <MoreMenu
                  onDelete={() => setConfirm(true)}
                  onEdit={() => setDialog('edit')}
                  pin={
                    !wrapper.reblog && s.visibility !== 'direct'
                      ? { pinned: !!s.pinned, toggle: () => void togglePin(s) }
                      : undefined
                  }
                />
              ) : (
                <span class="action-spacer" />
              )}
            </footer>
          ) : (
            <p class="status-counts">
              <span>{t('status.replies', { count: s.replies_count })}</span>
              <span>{t('status.reposts', { count: s.reblogs_count })}</span>
              <span>{t('status.likes', { count: s.favourites_count })}</span>
            </p>
          )}
        </div>
      </div>
      {dialog === 'edit' && <EditStatus status={s} onClose={() => setDialog(null)} />}
      {dialog === 'history' && <EditHistory status={s} onClose={() => setDialog(null)} />}
      {confirm && (
        <Dialog title={t('delete.title')} onClose={() => setConfirm(false)}>
          <p>{t('delete.body')}</p>
          <div class="dialog-actions">
            <button type="button" class="button secondary" onClick={() => setConfirm(false)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              class="button danger"
              onClick={() => {
                // Focus goes to the neighbouring post, not to the page.
                const el = self.current;
                const sib = (n: Element | null | undefined) => (n && n.matches('article') ? (n as HTMLElement) : null);
                const neighbour = sib(el?.nextElementSibling) ?? sib(el?.previousElementSibling);
                setConfirm(false);
                void deleteOwn(s, () => addStatus(s));
                setTimeout(() => neighbour?.isConnected && neighbour.focus(), 0);
              }}
            >
              {t('status.delete')}
            </button>
          </div>
        </Dialog>
      )}
    </article>
  );
}

/** "· Edited" after a post's time: opens its history (the dot is not part
 * of the button's name). */
function EditedMarker({ status, onOpen }: { status: StatusT; onOpen: () => void }) {
  return (
    <>
      <span class="status-edited-dot" aria-hidden="true">
        {' · '}
      </span>
      <button
        type="button"
        class="status-edited"
        title={t('status.editedAt', { date: fullDate(status.edited_at as string) })}
        onClick={onOpen}
      >
        {t('status.edited')}
      </button>
    </>
  );
}

/** The "More" menu button at the end of a post's actions (a menu button:
 * Enter, Space or ArrowDown opens it on its first item; Escape closes it and
 * returns to the button; a click elsewhere or Tab away closes it). */
function MoreMenu({
  onDelete,
  onEdit,
  pin,
}: {
  onDelete: () => void;
  onEdit: () => void;
  pin?: { pinned: boolean; toggle: () => void };
}) {
  const [open, setOpen] = useState(false);
  const [up, setUp] = useState(false);
  const wrap = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  // Below the button, unless something covers it there (the bottom of the
  // window, the thread's reply bar, the phone's navigation): then above.
  useLayoutEffect(() => {
    const m = menu.current;
    if (!open || !m) return setUp(false);
    const r = m.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const seen = (y: number) => {
      const hit = y < window.innerHeight ? document.elementFromPoint(x, y) : null;
      return !!hit && m.contains(hit);
    };
    setUp(!seen(r.top + 8) || !seen(r.bottom - 4));
  }, [open]);
  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus({ preventScroll: true });
    const outside = (e: Event) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [open]);
  const close = (refocus: boolean) => {
    if (refocus) button.current?.focus({ preventScroll: true });
    setOpen(false);
  };
  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  return (
    <span
      ref={wrap}
      class={`action-more${open ? ' is-open' : ''}`}
      onFocusOut={(e) => {
        const next = e.relatedTarget as Node | null;
        if (open && next && !wrap.current?.contains(next)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        class="action action-more-button"
        aria-label={t('status.more')}
        title={t('status.more')}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setOpen(true);
          } else if (e.key === 'Escape' && open) {
            e.preventDefault();
            e.stopPropagation();
            setOpen(false);
          }
        }}
      >
        <Icon name="more" size={18} />
      </button>
      {open && (
        <div
          ref={menu}
          class={`action-menu${up ? ' action-menu-up' : ''}`}
          role="menu"
          aria-label={t('status.more')}
          onKeyDown={(e) => {
            const list = items();
            const i = list.indexOf(document.activeElement as HTMLElement);
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              close(true);
            } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'Home' || e.key === 'End') {
              e.preventDefault();
              const n = list.length;
              const j =
                e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : e.key === 'ArrowDown' ? (i + 1) % n : (i - 1 + n) % n;
              list[j]?.focus();
            } else if (e.key === 'Tab') {
              setOpen(false);
            } else if (e.key === 'j' || e.key === 'k' || e.key === 'n' || e.key === '?') {
              // The app's shortcuts wait until the menu is closed.
              e.stopPropagation();
            }
          }}
        >
          {/* Each closes the menu first, back on its button: a dialog it opens returns focus there. */}
          <MenuItem icon="pen" label={t('status.edit')} pick={() => (close(true), onEdit())} />
          {pin && (
            <MenuItem
              icon="pin"
              label={t(pin.pinned ? 'status.unpin' : 'status.pin')}
              pick={() => (close(true), pin.toggle())}
            />
          )}
          <MenuItem icon="trash" label={t('status.delete')} danger pick={() => (close(true), onDelete())} />
        </div>
      )}
    </span>
  );
}

function MenuItem({ icon, label, pick, danger }: { icon: string; label: string; pick: () => void; danger?: boolean }) {
  return (
    <button
      type="button"
      class={`action-menu-item${danger ? ' action-menu-danger' : ''}`}
      role="menuitem"
      tabIndex={-1}
      onClick={pick}
    >
      <Icon name={icon} size={18} />
      <span>{label}</span>
    </button>
  );
}

/** Status that re-renders only when its props change (a feed's window
 * moves often; the posts in it rarely change). Signals it reads (the
 * language, the user) still re-render it. */
export class MemoStatus extends Component<Props> {
  override shouldComponentUpdate(next: Props): boolean {
    const a = this.props as unknown as Record<string, unknown>;
    const b = next as unknown as Record<string, unknown>;
    for (const k in a) if (a[k] !== b[k]) return true;
    for (const k in b) if (!(k in a)) return true;
    return false;
  }
  override render() {
    return <Status {...this.props} />;
  }
}
