// Lists and followed hashtags (docs.joinmastodon.org/methods/lists,
// methods/followed_tags): the calls of the Lists screens, the profile's
// "Lists" dialog and the tag screen's Follow button, through `request`.
import { request, type Page, type TimelineQuery } from './client';
import * as normalize from './normalize';
import type { Account, Status, Tag } from './types';

export type RepliesPolicy = 'followed' | 'list' | 'none';

export interface List {
  id: string;
  title: string;
  replies_policy: RepliesPolicy;
  exclusive: boolean;
}

export interface FollowedTag extends Tag {
  following?: boolean;
}

const seg = encodeURIComponent;

export const lists = async () => (await request<List[]>('GET', '/api/v1/lists')).data;
export const getList = async (id: string) => (await request<List>('GET', `/api/v1/lists/${seg(id)}`)).data;
export const createList = async (body: Partial<Omit<List, 'id'>>) => (await request<List>('POST', '/api/v1/lists', { body })).data;
export const updateList = async (id: string, body: Partial<Omit<List, 'id'>>) =>
  (await request<List>('PUT', `/api/v1/lists/${seg(id)}`, { body })).data;
export const deleteList = async (id: string) => {
  await request('DELETE', `/api/v1/lists/${seg(id)}`);
};
/** Every member (limit=0: no paging). */
export const listMembers = async (id: string) =>
  (await request<Account[]>('GET', `/api/v1/lists/${seg(id)}/accounts`, { query: { limit: 0 } })).data;
export const addToList = async (id: string, accountId: string) => {
  await request('POST', `/api/v1/lists/${seg(id)}/accounts`, { body: { account_ids: [accountId] } });
};
export const removeFromList = async (id: string, accountId: string) => {
  await request('DELETE', `/api/v1/lists/${seg(id)}/accounts`, { body: { account_ids: [accountId] } });
};
/** The viewer's lists that hold this account. */
export const listsWith = async (accountId: string) => (await request<List[]>('GET', `/api/v1/accounts/${seg(accountId)}/lists`)).data;
export const listTimeline = (id: string, q: TimelineQuery): Promise<Page<Status[]>> =>
  request<Status[]>('GET', `/api/v1/timelines/list/${seg(id)}`, { query: { limit: 20, ...q } }).then((r) => ({
    data: normalize.statuses(r.data),
    next: r.next,
  }));

export const getTag = async (name: string) => (await request<FollowedTag>('GET', `/api/v1/tags/${seg(name)}`)).data;
export const followTag = async (name: string, on: boolean) =>
  (await request<FollowedTag>('POST', `/api/v1/tags/${seg(name)}/${on ? 'follow' : 'unfollow'}`)).data;
export const followedTags = (q: TimelineQuery) =>
  request<FollowedTag[]>('GET', '/api/v1/followed_tags', { query: { limit: 40, ...q } });
