// The Mastodon entities as Piaf sends them (only the fields the app reads).
export interface Account {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  note: string;
  url: string;
  avatar: string;
  avatar_static?: string;
  header?: string;
  created_at: string;
  followers_count: number;
  following_count: number;
  statuses_count: number;
  piaf_organization?: boolean;
  /** New followers wait for the account's approval. */
  locked?: boolean;
  /** verify_credentials and update_credentials only. */
  source?: { follow_requests_count?: number };
}

/** An image attached to a post (Mastodon's MediaAttachment, images only). */
export interface MediaAttachment {
  id: string;
  type: 'image' | string;
  /** null while the server still processes it. */
  url: string | null;
  preview_url: string | null;
  description: string | null;
  blurhash: string | null;
  meta?: {
    original?: { width: number; height: number };
    small?: { width: number; height: number };
    focus?: { x: number; y: number };
  };
}

export interface Mention {
  id: string;
  username: string;
  acct: string;
  url: string;
}

export interface Tag {
  name: string;
  url: string;
  history?: { day: string; uses: string; accounts: string }[];
}

export type Visibility = 'public' | 'unlisted' | 'private' | 'direct';

export interface Status {
  id: string;
  created_at: string;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  sensitive: boolean;
  spoiler_text: string;
  visibility: Visibility;
  language: string | null;
  url: string | null;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  favourited?: boolean;
  reblogged?: boolean;
  bookmarked?: boolean;
  pinned?: boolean;
  content: string;
  reblog: Status | null;
  account: Account;
  mentions: Mention[];
  tags: Tag[];
  media_attachments: MediaAttachment[];
  /** When it was last edited (null: never). */
  edited_at?: string | null;
  poll?: Poll | null;
  /** The viewer's filters that match it here (absent when none). */
  filtered?: FilterResult[];
}

export interface Poll {
  id: string;
  expires_at: string | null;
  expired: boolean;
  multiple: boolean;
  votes_count: number;
  voters_count: number | null;
  /** votes_count null while the totals are hidden. */
  options: { title: string; votes_count: number | null }[];
  /** The viewer's (signed in only). */
  voted?: boolean;
  own_votes?: number[];
}

/** One version of an edited post (GET /api/v1/statuses/:id/history). */
export interface StatusEdit {
  content: string;
  spoiler_text: string;
  created_at: string;
  poll: { options: { title: string }[] } | null;
}

export type FilterContext = 'home' | 'notifications' | 'public' | 'thread' | 'account';

export interface FilterKeyword {
  id: string;
  keyword: string;
  whole_word: boolean;
}

export interface Filter {
  id: string;
  title: string;
  context: FilterContext[];
  expires_at: string | null;
  filter_action: 'warn' | 'hide';
  keywords?: FilterKeyword[];
  statuses?: { id: string; status_id: string }[];
}

export interface FilterResult {
  filter: Filter;
  keyword_matches: string[] | null;
  status_matches: string[] | null;
}

export interface Conversation {
  id: string;
  unread: boolean;
  accounts: Account[];
  last_status: Status | null;
}

export interface Context {
  ancestors: Status[];
  descendants: Status[];
}

export interface Notification {
  id: string;
  type: 'mention' | 'status' | 'reblog' | 'follow' | 'follow_request' | 'favourite' | 'poll' | 'update' | string;
  created_at: string;
  account: Account;
  status?: Status | null;
}

export interface Relationship {
  id: string;
  following: boolean;
  followed_by: boolean;
  /** The viewer asked to follow them; the answer is pending. */
  requested?: boolean;
  /** They asked to follow the viewer; the viewer has not answered. */
  requested_by?: boolean;
}

export interface Instance {
  domain: string;
  title: string;
  description: string;
  source_url?: string;
  configuration?: {
    statuses?: { max_characters?: number; characters_reserved_per_url?: number };
    piaf?: { length?: 'classic' | 'weighted' };
    polls?: { max_options?: number; max_characters_per_option?: number; min_expiration?: number; max_expiration?: number };
  };
  registrations?: { enabled: boolean };
  usage?: { users?: { active_month?: number } };
  contact?: { email?: string; account?: Account | null };
  rules?: { id: string; text: string }[];
}

export interface SearchResults {
  accounts: Account[];
  statuses: Status[];
  hashtags: Tag[];
}

export interface Marker {
  last_read_id: string;
  version?: number;
  updated_at?: string;
}

export interface AppRegistration {
  client_id: string;
  client_secret: string;
  origin: string;
}
