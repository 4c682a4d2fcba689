// Direct messages: the signed-in user's conversations (posts whose
// visibility is "mentioned people only"), newest activity first, unread ones
// marked, paged by "Show more" (Link header) and kept current by the
// `direct` stream. Opening one marks it read and opens its thread, where a
// reply stays private (the compose box keeps the visibility of what it
// answers). At /conversations (a page the server serves).
import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api/client';
import { subscribe } from '../../api/stream';
import type { Conversation } from '../../api/types';
import { Avatar } from '../../components/Avatar';
import { Compose } from '../../components/Compose';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { useNow } from '../../components/now';
import { EmptyState, Loading, ScreenHeader } from '../../components/Screen';
import { displayName, statusPath } from '../../components/Status';
import { useTitle } from '../../components/useTitle';
import { fullDate, relativeTime, t } from '../../i18n';
import { navigate } from '../../router';
import { me } from '../../state/session';
import { announce, toast } from '../../state/ui';

/** A post's text without its markup, for a one-line excerpt. */
function plain(html: string): string {
  const doc = new DOMParser().parseFromString(html.replace(/<\/p>\s*<p>/gi, ' '), 'text/html');
  return (doc.body.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function names(c: Conversation): string {
  return c.accounts.map(displayName).join(', ');
}

function Row({ c, onOpen, onRemove }: { c: Conversation; onOpen: () => void; onRemove: () => void }) {
  useNow();
  const last = c.last_status;
  const who = names(c);
  const mine = !!last && last.account.id === me.value?.id;
  const excerpt = last ? plain(last.content) : '';
  return (
    <li class={`conversation${c.unread ? ' is-unread' : ''}`}>
      <span class="conversation-avatars" aria-hidden="true">
        {c.accounts.slice(0, 2).map((a) => (
          <Avatar key={a.id} account={a} size="m" />
        ))}
      </span>
      <span class="conversation-body">
        <span class="conversation-head">
          {/* The whole row opens it (the link's ::after covers it); its name
              is the visible names with what the eye gets from the layout. */}
          <a
            class="conversation-link"
            href={last ? statusPath(last) : '#'}
            onClick={(e) => {
              e.preventDefault();
              onOpen();
            }}
          >
            <span class="visually-hidden">{t('conversations.with')} </span>
            <span class="conversation-names">{who}</span>
            {c.unread && <span class="visually-hidden">{t('conversations.unreadSuffix')}</span>}
          </a>
          {c.unread && <span class="conversation-dot" aria-hidden="true" />}
          {last && (
            <time class="conversation-time" dateTime={last.created_at} title={fullDate(last.created_at)}>
              {relativeTime(last.created_at)}
            </time>
          )}
        </span>
        <span class="conversation-excerpt">
          {mine && <span class="conversation-you">{t('conversations.you')} </span>}
          {excerpt}
        </span>
      </span>
      <button type="button" class="icon-button conversation-remove" aria-label={t('conversations.remove', { names: who })} title={t('conversations.removeShort')} onClick={onRemove}>
        <Icon name="trash" size={18} />
      </button>
    </li>
  );
}

export default function Conversations() {
  const [list, setList] = useState<Conversation[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [writing, setWriting] = useState(false);
  useTitle(t('conversations.title'));

  const load = async (maxId: string | null) => {
    setBusy(true);
    try {
      const page = await api.conversations(maxId);
      setList((prev) => (maxId ? [...(prev ?? []), ...page.data.filter((c) => !prev?.some((p) => p.id === c.id))] : page.data));
      setNext(page.data.length >= 20 ? page.next : null);
    } catch {
      setList((prev) => prev ?? []);
      toast(t('error.load'));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void load(null);
    // A new message: its conversation comes first, as the server sends it.
    return subscribe({
      stream: 'direct',
      onEvent: (e) => {
        if (e.event !== 'conversation') return;
        const c = e.payload as Conversation;
        setList((prev) => [c, ...(prev ?? []).filter((p) => p.id !== c.id)]);
      },
      resync: () => void load(null),
    });
  }, []);

  const open = (c: Conversation) => {
    if (c.unread) {
      setList((prev) => prev && prev.map((p) => (p.id === c.id ? { ...p, unread: false } : p)));
      void api.readConversation(c.id).catch(() => undefined);
    }
    if (c.last_status) navigate(statusPath(c.last_status));
  };
  const remove = async (c: Conversation) => {
    try {
      await api.removeConversation(c.id);
      setList((prev) => prev && prev.filter((p) => p.id !== c.id));
      announce(t('conversations.removed'));
    } catch {
      toast(t('error.save'));
    }
  };
  const unread = list?.filter((c) => c.unread).length ?? 0;

  return (
    <>
      <ScreenHeader title={t('conversations.title')} backTo="/">
        <button type="button" class="button primary conversation-new" onClick={() => setWriting(true)}>
          <Icon name="pen" size={16} />
          {t('conversations.new')}
        </button>
      </ScreenHeader>
      <p class="muted conversation-hint">{t('conversations.hint')}</p>
      {writing && (
        <Dialog title={t('conversations.new')} onClose={() => setWriting(false)} class="reply-dialog">
          <Compose draftKey="piaf.draft.direct" visibility="direct" autoFocus onPosted={() => setWriting(false)} />
        </Dialog>
      )}
      {!list ? (
        <Loading />
      ) : list.length === 0 ? (
        <EmptyState icon="mail" title={t('conversations.empty')}>
          <p>{t('conversations.emptyHint')}</p>
        </EmptyState>
      ) : (
        <>
          {unread > 0 && <p class="visually-hidden">{t('conversations.unreadCount', { count: unread })}</p>}
          <ul class="conversation-list" aria-label={t('conversations.title')} aria-busy={busy}>
            {list.map((c) => (
              <Row key={c.id} c={c} onOpen={() => open(c)} onRemove={() => void remove(c)} />
            ))}
          </ul>
          {next && (
            <div class="feed-end">
              <button type="button" class="button secondary" disabled={busy} onClick={() => void load(next)}>
                {t('common.more')}
              </button>
            </div>
          )}
        </>
      )}
    </>
  );
}
