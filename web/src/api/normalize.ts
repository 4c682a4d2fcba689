// Statuses as the app keeps them: only the fields it reads, and one shared
// object per account (a timeline of 1,000 posts by 50 people holds 50
// account objects, not 1,000), so memory grows little with scrolling.
import type { Account, MediaAttachment, Mention, Notification, Status, Tag } from './types';

const accounts = new Map<string, Account>();

function account(a: Account): Account {
  const known = accounts.get(a.id);
  if (
    known &&
    known.display_name === a.display_name &&
    known.avatar === a.avatar &&
    known.acct === a.acct &&
    known.piaf_organization === a.piaf_organization &&
    known.locked === a.locked &&
    known.followers_count === a.followers_count &&
    known.statuses_count === a.statuses_count &&
    known.note === a.note
  ) {
    return known;
  }
  accounts.set(a.id, a);
  return a;
}

const mention = (m: Mention): Mention => ({ id: m.id, username: m.username, acct: m.acct, url: m.url });
const tag = (t: Tag): Tag => ({ name: t.name, url: t.url });
const media = (m: MediaAttachment): MediaAttachment => ({
  id: m.id,
  type: m.type,
  url: m.url,
  preview_url: m.preview_url,
  description: m.description,
  blurhash: m.blurhash,
  meta: { original: m.meta?.original, small: m.meta?.small, focus: m.meta?.focus },
});

export function status(s: Status): Status {
  return {
    id: s.id,
    created_at: s.created_at,
    in_reply_to_id: s.in_reply_to_id ?? null,
    in_reply_to_account_id: s.in_reply_to_account_id ?? null,
    sensitive: s.sensitive,
    spoiler_text: s.spoiler_text ?? '',
    visibility: s.visibility,
    language: s.language ?? null,
    url: s.url ?? null,
    replies_count: s.replies_count ?? 0,
    reblogs_count: s.reblogs_count ?? 0,
    favourites_count: s.favourites_count ?? 0,
    favourited: s.favourited,
    reblogged: s.reblogged,
    bookmarked: s.bookmarked,
    pinned: s.pinned,
    content: s.content ?? '',
    reblog: s.reblog ? status(s.reblog) : null,
    account: account(s.account),
    mentions: (s.mentions ?? []).map(mention),
    tags: (s.tags ?? []).map(tag),
    media_attachments: (s.media_attachments ?? []).map(media),
    edited_at: s.edited_at ?? null,
    poll: s.poll ?? null,
    // Kept only when a filter matches (nearly never): no field on the others.
    ...(s.filtered?.length ? { filtered: s.filtered } : {}),
  };
}

export const statuses = (list: Status[]): Status[] => list.map(status);

export function notification(n: Notification): Notification {
  return { id: n.id, type: n.type, created_at: n.created_at, account: account(n.account), status: n.status ? status(n.status) : null };
}
