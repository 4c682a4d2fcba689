// Who is signed in, the instance, and the unread notification count.
import { computed, signal } from '@preact/signals';
import * as api from '../api/client';
import type { Account, Instance } from '../api/types';

export const me = signal<Account | null>(null);
export const instance = signal<Instance | null>(null);
/** The session is known (verify_credentials answered or there is no token). */
export const sessionReady = signal(false);
export const signedIn = computed(() => api.token.value !== null);

export type LengthConfig = 'classic' | 'weighted';
export const lengthConfig = computed<LengthConfig>(() =>
  instance.value?.configuration?.piaf?.length === 'weighted' ? 'weighted' : 'classic',
);

export const unreadNotifications = signal(0);

let instancePromise: Promise<Instance | null> | null = null;
export function loadInstance(): Promise<Instance | null> {
  instancePromise ??= api
    .getInstance()
    .then((i) => (instance.value = i))
    .catch(() => null);
  return instancePromise;
}

export async function loadSession(): Promise<void> {
  if (!api.token.value) {
    me.value = null;
    sessionReady.value = true;
    return;
  }
  try {
    me.value = await api.verifyCredentials();
  } catch (e) {
    if (e instanceof api.ApiError && (e.status === 401 || e.status === 403)) api.setToken(null);
    me.value = null;
  }
  sessionReady.value = true;
}

api.setUnauthorizedHandler(() => {
  api.setToken(null);
  me.value = null;
});
