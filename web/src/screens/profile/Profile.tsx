// A profile: header, bio, counts, organization badge, posts with or without
// replies, followers and following, Follow / Unfollow.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api/client';
import type { Account, Status as StatusT } from '../../api/types';
import { FollowButton } from '../../components/FollowButton';
import { ListsButton } from '../../components/ListsButton';
import { AccountList } from '../../components/AccountList';
import { Avatar } from '../../components/Avatar';
import { MemoStatus, OrgBadge, displayName } from '../../components/Status';
import { applyPatch, onStatusChange, isOrReblogs } from '../../state/statuses';
import { TimelineView } from '../../components/TimelineView';
import { useTitle } from '../../components/useTitle';
import { formatNumber, lang, t } from '../../i18n';
import { BOOKMARKS_PATH, FOLLOW_REQUESTS_PATH, navigate } from '../../router';
import { Icon } from '../../components/Icon';
import { followRequestsCount } from '../../state/followRequests';
import { me, signedIn } from '../../state/session';
import { statusSource, timeline } from '../../state/timeline';
import { toast } from '../../state/ui';

type Tab = 'posts' | 'replies' | 'followers' | 'following';

const accounts = new Map<string, Account>();

function monthYear(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : new Intl.DateTimeFormat(lang.value, { month: 'long', year: 'numeric' }).format(d);
}

function tabHref(username: string, tab: Tab): string {
  switch (tab) {
    case 'posts':
      return `/@${username}`;
    case 'replies':
      return `/@${username}?tab=replies`;
    default:
      return `/@${username}/${tab}`;
  }
}

function FollowList({ account, kind }: { account: Account; kind: 'followers' | 'following' }) {
  const [list, setList] = useState<Account[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = async (maxId: string | null) => {
    setBusy(true);
    try {
      const page = await (kind === 'followers' ? api.accountFollowers(account.id, maxId) : api.accountFollowing(account.id, maxId));
      setList((prev) => [...(maxId ? prev ?? [] : []), ...page.data]);
      setNext(page.data.length ? page.next : null);
    } catch {
      setList((prev) => prev ?? []);
      toast(t('error.load'));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    setList(null);
    void load(null);
  }, [account.id, kind]);
  if (!list) return <div class="feed-end"><span class="spinner" aria-hidden="true" /></div>;
  if (list.length === 0) return <p class="empty">{t(kind === 'followers' ? 'profile.noFollowers' : 'profile.noFollowing')}</p>;
  return (
    <>
      <AccountList accounts={list} label={t(kind === 'followers' ? 'profile.followers' : 'profile.following')} />
      {next && (
        <div class="feed-end">
          <button type="button" class="button secondary" disabled={busy} onClick={() => void load(next)}>
            {t('common.more')}
          </button>
        </div>
      )}
    </>
  );
}

/** Pinned posts by account id, asked for once per visit of the profile:
 * shown above the posts, and left out of the posts below. */
const pinnedCache = new Map<string, Promise<StatusT[]>>();
function pinnedOf(id: string, fresh = false): Promise<StatusT[]> {
  let p = fresh ? undefined : pinnedCache.get(id);
  if (!p) {
    p = api.pinnedStatuses(id).catch(() => []);
    pinnedCache.set(id, p);
  }
  return p;
}

/** The account's pinned posts, above its posts, each under a "Pinned" line. */
function PinnedPosts({ account }: { account: Account }) {
  const [list, setList] = useState<StatusT[]>([]);
  useEffect(() => {
    let live = true;
    setList([]);
    void pinnedOf(account.id, true).then((l) => live && setList(l));
    const off = onStatusChange({
      patch: (id, f) => setList((prev) => prev.map((s) => applyPatch(s, id, f))),
      remove: (id) => setList((prev) => prev.filter((s) => !isOrReblogs(s, id))),
    });
    return () => {
      live = false;
      off();
    };
  }, [account.id]);
  if (!list.length) return null;
  return (
    <div role="feed" class="pinned-posts" aria-label={t('profile.pinnedPosts')}>
      {list.map((s, i) => (
        <MemoStatus key={s.id} status={s} pinnedLine posinset={i + 1} setsize={list.length} />
      ))}
    </div>
  );
}

export default function Profile({ username, tab }: { username: string; tab: Tab }) {
  const [account, setAccount] = useState<Account | null>(accounts.get(username.toLowerCase()) ?? null);
  /** 'missing': 404; 'error': the network or the server failed (retry). */
  const [failed, setFailed] = useState<false | 'missing' | 'error'>(false);
  const [attempt, setAttempt] = useState(0);
  useTitle(account ? `${displayName(account)} (@${account.acct})` : `@${username}`);

  useEffect(() => {
    let live = true;
    setFailed(false);
    const cached = accounts.get(username.toLowerCase());
    setAccount(cached ?? null);
    api
      .lookupAccount(username)
      .then((a) => {
        accounts.set(username.toLowerCase(), a);
        if (live) setAccount(a);
      })
      .catch((e: unknown) => {
        if (!live || cached) return;
        const status = e instanceof api.ApiError ? e.status : 0;
        setFailed(status === 404 || status === 410 ? 'missing' : 'error');
      });
    return () => {
      live = false;
    };
  }, [username, attempt]);

  if (failed === 'missing') {
    return (
      <div class="empty">
        <h1>{t('profile.notFound')}</h1>
      </div>
    );
  }
  if (failed) {
    return (
      <div class="empty">
        <p>{t('error.load')}</p>
        <button type="button" class="button secondary" onClick={() => setAttempt((n) => n + 1)}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (!account) {
    return (
      <div class="feed-end">
        <span class="spinner" aria-hidden="true" />
        <span class="visually-hidden">{t('common.loading')}</span>
      </div>
    );
  }
  const isMe = me.value?.id === account.id;
  const name = displayName(account);
  const tabs: { id: Tab; label: string }[] = [
    { id: 'posts', label: t('profile.posts') },
    { id: 'replies', label: t('profile.postsReplies') },
    { id: 'followers', label: t('profile.followers') },
    { id: 'following', label: t('profile.following') },
  ];
  const withReplies = tab === 'replies';
  const tl =
    tab === 'posts' || tab === 'replies'
      ? timeline(`account:${account.id}:${withReplies ? 'all' : 'posts'}`, () => ({
          ...statusSource(async (q) => {
            const [page, pinned] = await Promise.all([
              api.accountStatuses(account.id, !withReplies, q),
              withReplies ? [] : pinnedOf(account.id),
            ]);
            if (withReplies) return page;
            const skip = new Set(pinned.map((s) => s.id));
            // Replies to others belong under "Posts and replies" (filtered
            // here too, should the server not apply exclude_replies).
            const raw = page.data;
            return {
              // The pinned posts are above (PinnedPosts), not again here.
              data: raw.filter((s) => !skip.has(s.id) && (!s.in_reply_to_id || s.in_reply_to_account_id === account.id)),
              next: raw.length ? page.next ?? raw[raw.length - 1].id : null,
            };
          }),
          filtered: !withReplies,
        }))
      : null;

  return (
    <>
      <section class="profile-header">
        <div class="profile-banner" aria-hidden="true" />
        <div class="profile-top">
          <Avatar account={account} size="xl" />
          <div class="profile-actions">
            {signedIn.value && !isMe && <FollowButton
                key={account.id}
                account={account}
                describedBy={account.locked ? 'lock-hint' : undefined}
                onFollowers={(delta) => {
                  const a = { ...account, followers_count: Math.max(0, account.followers_count + delta) };
                  accounts.set(username.toLowerCase(), a);
                  setAccount(a);
                }}
              />}
            {signedIn.value && !isMe && <ListsButton key={account.id} account={account} />}
            {isMe && (
              <a class="button secondary profile-bookmarks" href={BOOKMARKS_PATH} title={t('nav.bookmarks')}>
                <Icon name="bookmark" size={18} />
                <span class="profile-bookmarks-text">{t('nav.bookmarks')}</span>
              </a>
            )}
            {isMe && (
              <a class="button secondary profile-lists" href="/lists" title={t('lists.title')}>
                <Icon name="list" size={18} />
                <span class="profile-lists-text">{t('lists.title')}</span>
              </a>
            )}
            {isMe && (
              <a class="button secondary" href="/settings">
                {t('profile.edit')}
              </a>
            )}
          </div>
        </div>
        <div class="profile-name">
          <h1 class="display-name">{name}</h1>
          {account.locked && (
            <span class="lock-badge" role="img" aria-label={t('profile.locked')} title={t('profile.locked')}>
              <Icon name="lock" size={18} />
            </span>
          )}
        </div>
        <p class="acct">
          @{account.acct} <OrgBadge account={account} />
        </p>
        {account.locked && (
          <p class="lock-hint" id="lock-hint">
            {isMe ? (
              <>
                {t('profile.lockedMine')}{' '}
                {followRequestsCount.value > 0 && (
                  <a href={FOLLOW_REQUESTS_PATH}>{t('profile.seeRequests', { count: followRequestsCount.value })}</a>
                )}
              </>
            ) : (
              t('profile.lockedHint', { name })
            )}
          </p>
        )}
        {account.note && <div class="note" dangerouslySetInnerHTML={{ __html: account.note }} />}
        <p class="joined">{t('profile.joined', { date: monthYear(account.created_at) })}</p>
        <ul class="counts">
          <li>
            <strong>{formatNumber(account.statuses_count)}</strong> {t('profile.postsCount', { count: account.statuses_count })}
          </li>
          <li>
            <a href={tabHref(account.acct, 'following')}>
              <strong>{formatNumber(account.following_count)}</strong> {t('profile.followingCount', { count: account.following_count })}
            </a>
          </li>
          <li>
            <a href={tabHref(account.acct, 'followers')}>
              <strong>{formatNumber(account.followers_count)}</strong> {t('profile.followersCount', { count: account.followers_count })}
            </a>
          </li>
        </ul>
      </section>
      <div role="tablist" class="tabs" aria-label={t('profile.sections')}>
        {tabs.map((x) => (
          <a
            key={x.id}
            role="tab"
            href={tabHref(account.acct, x.id)}
            aria-selected={tab === x.id}
            aria-controls="profile-panel"
            class="tab"
            onClick={(e) => {
              e.preventDefault();
              navigate(tabHref(account.acct, x.id), { replace: true });
            }}
          >
            {x.label}
          </a>
        ))}
      </div>
      <div id="profile-panel" role="tabpanel" aria-label={tabs.find((x) => x.id === tab)?.label}>
        {tab === 'posts' && <PinnedPosts key={account.id} account={account} />}
        {tl ? (
          <TimelineView key={tab} timeline={tl} label={t('feed.account', { name })} empty={t('profile.noPosts')} />
        ) : (
          <FollowList account={account} kind={tab as 'followers' | 'following'} />
        )}
      </div>
    </>
  );
}
