// The API client: the only module that calls fetch. Every request goes
// through `request`, which adds the token, parses JSON and the Link header.
import { signal } from '@preact/signals';
import * as normalize from './normalize';
import type {
  Account,
  AppRegistration,
  Context,
  Conversation,
  Filter,
  Instance,
  Marker,
  MediaAttachment,
  Notification,
  Poll,
  Relationship,
  SearchResults,
  Status,
  StatusEdit,
  Tag,
  Visibility,
} from './types';

const TOKEN_KEY = 'piaf.token';

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** The signed-in user's access token, or null for a visitor. */
export const token = signal<string | null>(readToken());

export function setToken(t: string | null): void {
  try {
    if (t) localStorage.setItem(TOKEN_KEY, t);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    /* storage refused: the token lives for this page only */
  }
  token.value = t;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | undefined | null | string[]>;

export interface Page<T> {
  data: T;
  /** max_id for the next (older) page, from the Link header. */
  next: string | null;
}

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  if (query) {
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null || v === false) continue;
      if (Array.isArray(v)) for (const item of v) params.append(k, item);
      else params.append(k, String(v));
    }
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function nextFromLink(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) {
      try {
        return new URL(m[1], location.origin).searchParams.get('max_id');
      } catch {
        return null;
      }
    }
  }
  return null;
}

interface Options {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the token (default: when there is one). */
  auth?: boolean;
  form?: boolean;
}

export async function request<T>(method: string, path: string, opts: Options = {}): Promise<Page<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  const tk = token.value;
  if (tk && opts.auth !== false) headers.Authorization = `Bearer ${tk}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), { method, headers, body, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, e instanceof Error ? e.message : 'network');
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const msg = data && typeof data === 'object' && 'error' in data ? String((data as { error: unknown }).error) : res.statusText;
    if (res.status === 401 && tk && opts.auth !== false && token.value === tk) onUnauthorized?.();
    throw new ApiError(res.status, msg);
  }
  return { data: data as T, next: nextFromLink(res.headers.get('Link')) };
}

let onUnauthorized: (() => void) | null = null;
/** Called when the server refuses the token (revoked elsewhere). */
export function setUnauthorizedHandler(f: () => void): void {
  onUnauthorized = f;
}

const get = async <T>(path: string, query?: Query, auth?: boolean) => (await request<T>('GET', path, { query, auth })).data;
const post = async <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
  (await request<T>('POST', path, { body: body ?? {}, headers })).data;

// --- Instance, accounts ---------------------------------------------------

export const getInstance = () => get<Instance>('/api/v2/instance');
export const verifyCredentials = () => get<Account>('/api/v1/accounts/verify_credentials');
export const lookupAccount = (acct: string) => get<Account>('/api/v1/accounts/lookup', { acct });
export const getAccount = (id: string) => get<Account>(`/api/v1/accounts/${encodeURIComponent(id)}`);
export const getRelationships = (ids: string[]) => get<Relationship[]>('/api/v1/accounts/relationships', { 'id[]': ids });
export const follow = (id: string) => post<Relationship>(`/api/v1/accounts/${encodeURIComponent(id)}/follow`);
export const unfollow = (id: string) => post<Relationship>(`/api/v1/accounts/${encodeURIComponent(id)}/unfollow`);
export const accountFollowers = (id: string, maxId?: string | null) =>
  request<Account[]>('GET', `/api/v1/accounts/${encodeURIComponent(id)}/followers`, { query: { limit: 40, max_id: maxId } });
export const accountFollowing = (id: string, maxId?: string | null) =>
  request<Account[]>('GET', `/api/v1/accounts/${encodeURIComponent(id)}/following`, { query: { limit: 40, max_id: maxId } });
export const updateCredentials = (fields: { display_name?: string; note?: string; locked?: boolean }) =>
  request<Account>('PATCH', '/api/v1/accounts/update_credentials', { body: fields }).then((r) => r.data);

/** The avatar and/or header (multipart: the server crops them). */
export async function updateImages(files: { avatar?: Blob; header?: Blob }): Promise<Account> {
  const form = new FormData();
  if (files.avatar) form.append('avatar', files.avatar);
  if (files.header) form.append('header', files.header);
  return (await send<Account>('PATCH', '/api/v1/accounts/update_credentials', form)).body;
}

// --- Media ------------------------------------------------------------------

interface Sent<T> {
  status: number;
  body: T;
}

/** A multipart request through XMLHttpRequest (fetch tells nothing of an
 * upload's progress): `progress` gets the fraction sent. */
function send<T>(method: string, path: string, form: FormData, progress?: (f: number) => void): Promise<Sent<T>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.setRequestHeader('Accept', 'application/json');
    const tk = token.value;
    if (tk) xhr.setRequestHeader('Authorization', `Bearer ${tk}`);
    if (progress) xhr.upload.onprogress = (e) => e.lengthComputable && progress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, 'network'));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve({ status: xhr.status, body: data as T });
      else {
        const msg = data && typeof data === 'object' && 'error' in data ? String((data as { error: unknown }).error) : xhr.statusText;
        reject(new ApiError(xhr.status, msg));
      }
    };
    xhr.send(form);
  });
}

/** Uploads an image (POST /api/v2/media), then waits until the server has
 * processed it (206 while it works). */
export async function uploadMedia(file: Blob, description: string, progress?: (f: number) => void): Promise<MediaAttachment> {
  const form = new FormData();
  form.append('file', file);
  if (description) form.append('description', description);
  let m = (await send<MediaAttachment>('POST', '/api/v2/media', form, progress)).body;
  for (let wait = 200; !m.url; wait = Math.min(wait * 1.5, 2000)) {
    await new Promise((r) => setTimeout(r, wait));
    m = (await request<MediaAttachment>('GET', `/api/v1/media/${encodeURIComponent(m.id)}`)).data;
  }
  return m;
}
export const describeMedia = (id: string, description: string) =>
  request<MediaAttachment>('PUT', `/api/v1/media/${encodeURIComponent(id)}`, { body: { description } }).then((r) => r.data);

// --- Follow requests (to a locked account) ------------------------------

/** Who asks to follow the signed-in user, newest first, paged by the Link header. */
export const followRequests = (maxId?: string | null) =>
  request<Account[]>('GET', '/api/v1/follow_requests', { query: { limit: 40, max_id: maxId } });
export const authorizeFollowRequest = (id: string) =>
  post<Relationship>(`/api/v1/follow_requests/${encodeURIComponent(id)}/authorize`);
export const rejectFollowRequest = (id: string) =>
  post<Relationship>(`/api/v1/follow_requests/${encodeURIComponent(id)}/reject`);

// --- Timelines ------------------------------------------------------------

export interface TimelineQuery {
  max_id?: string | null;
  since_id?: string | null;
  min_id?: string | null;
  limit?: number;
}

const slim = (p: Promise<Page<Status[]>>) => p.then((r) => ({ data: normalize.statuses(r.data), next: r.next }));

let prefetchedHome: Promise<Page<Status[]>> | null = null;

export const homeTimeline = (q: TimelineQuery) => {
  // The first page, asked for by main.ts before the app had loaded.
  if (prefetchedHome && Object.keys(q).length === 0) {
    const p = prefetchedHome;
    prefetchedHome = null;
    return p;
  }
  return slim(request<Status[]>('GET', '/api/v1/timelines/home', { query: { limit: 20, ...q } }));
};

/** Starts the home timeline's first page now, for the first render. */
export function prefetchHome(): void {
  if (!token.value || prefetchedHome) return;
  prefetchedHome = homeTimeline({});
  prefetchedHome.catch(() => {
    prefetchedHome = null;
  });
}
export const publicTimeline = (q: TimelineQuery) =>
  slim(request<Status[]>('GET', '/api/v1/timelines/public', { query: { limit: 20, ...q } }));
export const tagTimeline = (tag: string, q: TimelineQuery) =>
  slim(request<Status[]>('GET', `/api/v1/timelines/tag/${encodeURIComponent(tag)}`, { query: { limit: 20, ...q } }));
export const accountStatuses = (id: string, excludeReplies: boolean, q: TimelineQuery) =>
  slim(
    request<Status[]>('GET', `/api/v1/accounts/${encodeURIComponent(id)}/statuses`, {
      query: { limit: 20, exclude_replies: excludeReplies ? 'true' : undefined, ...q },
    }),
  );
export const notifications = (q: TimelineQuery) =>
  request<Notification[]>('GET', '/api/v1/notifications', { query: { limit: 30, ...q } }).then((r) => ({
    data: r.data.map(normalize.notification),
    next: r.next,
  }));

// --- Statuses -------------------------------------------------------------

export const getStatus = (id: string) => get<Status>(`/api/v1/statuses/${encodeURIComponent(id)}`);
export const getContext = (id: string) => get<Context>(`/api/v1/statuses/${encodeURIComponent(id)}/context`);

export interface NewStatus {
  status: string;
  visibility: Visibility;
  spoiler_text?: string;
  sensitive?: boolean;
  in_reply_to_id?: string;
  language?: string;
  media_ids?: string[];
  poll?: { options: string[]; expires_in: number; multiple?: boolean };
}
export const postStatus = (s: NewStatus, idempotencyKey: string) =>
  post<Status>('/api/v1/statuses', s, { 'Idempotency-Key': idempotencyKey });
/** Editing (Mastodon 4): the post's source, the edit, its versions. */
export const statusSource = (id: string) =>
  get<{ id: string; text: string; spoiler_text: string }>(`/api/v1/statuses/${encodeURIComponent(id)}/source`);
export const editStatus = (id: string, s: Omit<NewStatus, 'visibility' | 'in_reply_to_id'>) =>
  request<Status>('PUT', `/api/v1/statuses/${encodeURIComponent(id)}`, { body: s }).then((r) => normalize.status(r.data));
export const statusHistory = (id: string) => get<StatusEdit[]>(`/api/v1/statuses/${encodeURIComponent(id)}/history`);
export const votePoll = (id: string, choices: number[]) =>
  post<Poll>(`/api/v1/polls/${encodeURIComponent(id)}/votes`, { choices: choices.map(String) });
export const deleteStatus = (id: string) => request<Status>('DELETE', `/api/v1/statuses/${encodeURIComponent(id)}`).then((r) => r.data);
export const favourite = (id: string, on: boolean) =>
  post<Status>(`/api/v1/statuses/${encodeURIComponent(id)}/${on ? 'favourite' : 'unfavourite'}`);
export const reblog = (id: string, on: boolean) =>
  post<Status>(`/api/v1/statuses/${encodeURIComponent(id)}/${on ? 'reblog' : 'unreblog'}`);

export const pin = (id: string, on: boolean) =>
  post<Status>(`/api/v1/statuses/${encodeURIComponent(id)}/${on ? 'pin' : 'unpin'}`);
/** An account's pinned posts (at most 5). */
export const pinnedStatuses = (id: string) =>
  get<Status[]>(`/api/v1/accounts/${encodeURIComponent(id)}/statuses`, { pinned: 'true' }).then(normalize.statuses);
export const bookmark = (id: string, on: boolean) =>
  post<Status>(`/api/v1/statuses/${encodeURIComponent(id)}/${on ? 'bookmark' : 'unbookmark'}`);
/** The signed-in user's bookmarks, newest bookmark first, paged by the Link header. */
export const bookmarks = (q: TimelineQuery) =>
  slim(request<Status[]>('GET', '/api/v1/bookmarks', { query: { limit: 20, ...q } }));

// --- Direct conversations, filters ----------------------------------------

/** The signed-in user's direct conversations, newest activity first (Link paging). */
export const conversations = (maxId?: string | null) =>
  request<Conversation[]>('GET', '/api/v1/conversations', { query: { limit: 20, max_id: maxId } }).then((r) => ({
    data: r.data.map((c) => ({ ...c, last_status: c.last_status ? normalize.status(c.last_status) : null })),
    next: r.next,
  }));
export const readConversation = (id: string) => post<Conversation>(`/api/v1/conversations/${encodeURIComponent(id)}/read`);
export const removeConversation = (id: string) =>
  request<unknown>('DELETE', `/api/v1/conversations/${encodeURIComponent(id)}`).then(() => undefined);

export interface FilterInput {
  title: string;
  context: string[];
  filter_action: 'warn' | 'hide';
  /** Seconds; '' for never. */
  expires_in: number | '';
  keywords_attributes: { id?: string; keyword?: string; whole_word?: boolean; _destroy?: boolean }[];
}
export const filters = () => get<Filter[]>('/api/v2/filters');
export const createFilter = (f: FilterInput) => post<Filter>('/api/v2/filters', f);
export const updateFilter = (id: string, f: FilterInput) =>
  request<Filter>('PUT', `/api/v2/filters/${encodeURIComponent(id)}`, { body: f }).then((r) => r.data);
export const deleteFilter = (id: string) =>
  request<unknown>('DELETE', `/api/v2/filters/${encodeURIComponent(id)}`).then(() => undefined);

// --- Search, trends, markers ----------------------------------------------

export const search = (q: string) => get<SearchResults>('/api/v2/search', { q, limit: 20, resolve: 'false' });
export const trendingTags = (network: boolean) => get<Tag[]>('/api/v1/trends/tags', { limit: 10, scope: network ? 'network' : undefined });
export const trendingStatuses = () => get<Status[]>('/api/v1/trends/statuses', { limit: 10 }).then(normalize.statuses);

export const getMarkers = () =>
  get<Partial<Record<'home' | 'notifications', Marker>>>('/api/v1/markers', { 'timeline[]': ['home', 'notifications'] });
export const saveMarker = (timeline: 'home' | 'notifications', lastReadId: string) =>
  post<unknown>('/api/v1/markers', { [timeline]: { last_read_id: lastReadId } });

// --- OAuth ----------------------------------------------------------------

export const registerApp = (redirectUri: string) =>
  post<AppRegistration>('/api/v1/apps', {
    client_name: 'Piaf web',
    redirect_uris: redirectUri,
    scopes: 'read write follow',
    website: location.origin,
  });

export const exchangeCode = (p: {
  code: string;
  redirect_uri: string;
  client_id: string;
  client_secret: string;
  code_verifier: string;
}) =>
  request<{ access_token: string }>('POST', '/oauth/token', {
    body: { grant_type: 'authorization_code', scope: 'read write follow', ...p },
    auth: false,
  }).then((r) => r.data);

export const revokeToken = (p: { client_id: string; client_secret: string; token: string }) =>
  request<unknown>('POST', '/oauth/revoke', { body: p, auth: false });

export type { Tag };
