// Notifications, live; visiting marks them read.
import { useEffect } from 'preact/hooks';
import type { Notification } from '../../api/types';
import { Avatar } from '../../components/Avatar';
import { FollowButton } from '../../components/FollowButton';
import { FollowRequestActions } from '../../components/FollowRequestActions';
import { Icon } from '../../components/Icon';
import { Status, displayName, statusPath } from '../../components/Status';
import { TimelineView } from '../../components/TimelineView';
import { useTitle } from '../../components/useTitle';
import { fullDate, relativeTime, t } from '../../i18n';
import { lastRead, markAllRead, notificationsTimeline } from '../../state/notifications';
import { compareIds } from '../../lib/ids';
import { badgeText, latestRequests } from '../../lib/follow';
import { me } from '../../state/session';
import { followRequestsCount } from '../../state/followRequests';
import { CONVERSATIONS_PATH, FOLLOW_REQUESTS_PATH } from '../../router';

const icons: Record<string, string> = {
  favourite: 'like',
  reblog: 'repost',
  follow: 'user',
  follow_request: 'userPlus',
  mention: 'reply',
  status: 'bell',
  update: 'pen',
  poll: 'check',
};

function NotificationItem({ n, index, unread, actions }: { n: Notification; index: number; unread: boolean; actions?: boolean }) {
  const name = displayName(n.account);
  if ((n.type === 'mention' || n.type === 'status') && n.status) {
    // A reply to the user's post says so; other mentions say "mentioned you".
    const kind =
      n.type === 'mention' && n.status.in_reply_to_account_id && n.status.in_reply_to_account_id === me.value?.id
        ? 'reply'
        : n.type;
    return (
      <div class={`notification-wrap${unread ? ' unread' : ''}`} data-key={n.id}>
        <Status
          status={n.status}
          posinset={index + 1}
          setsize={-1}
          context={
            <p class="notification-line">
              <span class={`notification-icon notification-icon-${kind}`}>
                <Icon name={kind === 'mention' ? 'at' : kind === 'reply' ? 'reply' : icons[kind] ?? 'bell'} size={18} />
              </span>
              <span class="notification-text">
                <a href={`/@${n.account.acct}`} class="display-name">
                  {name}
                </a>{' '}
                {t(`notification.${kind}.rest`)}
              </span>
            </p>
          }
        />
      </div>
    );
  }
  const key = `notification.${n.type}`;
  const text = t(key, { name });
  return (
    <article
      class={`status notification notification-${n.type}${unread ? ' unread' : ''}`}
      tabIndex={0}
      data-key={n.id}
      data-path={n.status ? statusPath(n.status) : `/@${n.account.acct}`}
      aria-label={text}
      aria-posinset={index + 1}
      aria-setsize={-1}
    >
      <div class="status-body">
        <span class={`notification-icon notification-icon-${n.type}`}>
          <Icon name={icons[n.type] ?? 'bell'} size={22} />
        </span>
        <div class="status-col">
          <div class="notification-head">
            <a href={`/@${n.account.acct}`} class="notification-avatar" tabIndex={-1} aria-hidden="true">
              <Avatar account={n.account} size="s" />
            </a>
            <p class="notification-text">
              <a href={`/@${n.account.acct}`} class="display-name">
                {name}
              </a>{' '}
              {t(`${key}.rest`)}
            </p>
            {n.type === 'follow' && <FollowButton account={n.account} back />}
            <time class="status-time" dateTime={n.created_at} title={fullDate(n.created_at)}>
              {relativeTime(n.created_at)}
            </time>
          </div>
          {n.type === 'follow_request' && actions && (
            <div class="notification-request">
              <FollowRequestActions account={n.account} />
            </div>
          )}
          {n.status && (
            <a class="notification-status" href={statusPath(n.status)} lang={n.status.language ?? undefined}>
              <span dangerouslySetInnerHTML={{ __html: n.status.content }} />
            </a>
          )}
        </div>
      </div>
    </article>
  );
}

export default function Notifications() {
  const tl = notificationsTimeline();
  const read = lastRead.value;
  useTitle(t('nav.notifications'));
  // What arrived while another screen was shown is simply there on arrival.
  useEffect(() => {
    tl.showPending();
  }, []);
  // Keep the "unread" highlight of this visit; mark all read.
  useEffect(() => {
    if (tl.loaded.value) markAllRead();
  }, [tl.loaded.value, tl.buf.value]);
  const visitRead = read;
  const buf = tl.buf.value;
  const latest = latestRequests([...buf.pending, ...buf.shown]);
  return (
    <>
      <header class="screen-head">
        <h1>{t('nav.notifications')}</h1>
        <a class="button secondary screen-head-link" href={CONVERSATIONS_PATH}>
          <Icon name="mail" size={16} />
          {t('nav.messages')}
        </a>
      </header>
      {followRequestsCount.value > 0 && (
        <a class="requests-banner" href={FOLLOW_REQUESTS_PATH}>
          <span class="requests-banner-icon" aria-hidden="true">
            <Icon name="userPlus" size={22} />
          </span>
          <span class="requests-banner-text">
            <span class="requests-banner-title">{t('followRequests.title')}</span>
            <span class="requests-banner-sub">{t('followRequests.waiting', { count: followRequestsCount.value })}</span>
          </span>
          <span class="count-pill" aria-hidden="true">
            {badgeText(followRequestsCount.value)}
          </span>
          <Icon name="chevron" size={20} />
        </a>
      )}
      <TimelineView
        timeline={tl}
        label={t('feed.notifications')}
        empty={t('notifications.empty')}
        render={(n, i) => (
          <NotificationItem
            n={n}
            index={i}
            unread={!!visitRead && compareIds(n.id, visitRead) > 0}
            actions={n.type === 'follow_request' && latest.has(n.id)}
          />
        )}
      />
    </>
  );
}
