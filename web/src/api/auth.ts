// Signing in: OAuth 2 authorization code with PKCE (S256), as docs/web.md says.
import { exchangeCode, registerApp, revokeToken, setToken, token } from './client';
import type { AppRegistration } from './types';

const APP_KEY = 'piaf.app';
const PKCE_KEY = 'piaf.pkce';

const redirectUri = () => `${location.origin}/oauth/callback`;

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(n = 32): string {
  const bytes = new Uint8Array(n);
  crypto.getRandomValues(bytes);
  return base64url(bytes);
}

export async function s256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

function storedApp(): AppRegistration | null {
  try {
    const raw = localStorage.getItem(APP_KEY);
    if (!raw) return null;
    const app = JSON.parse(raw) as AppRegistration;
    return app.client_id && app.origin === location.origin ? app : null;
  } catch {
    return null;
  }
}

async function ensureApp(): Promise<AppRegistration> {
  const existing = storedApp();
  if (existing) return existing;
  const reg = await registerApp(redirectUri());
  const app: AppRegistration = { client_id: reg.client_id, client_secret: reg.client_secret, origin: location.origin };
  localStorage.setItem(APP_KEY, JSON.stringify(app));
  return app;
}

/** Sends the browser to the server's sign-in page (or its sign-up form). */
export async function startSignIn(lang: string, signup = false): Promise<void> {
  const app = await ensureApp();
  const verifier = randomString(48);
  const state = randomString(16);
  const challenge = await s256(verifier);
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: app.client_id,
    redirect_uri: redirectUri(),
    scope: 'read write follow',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    lang,
  });
  if (signup) q.set('signup', '1');
  location.assign(`/oauth/authorize?${q.toString()}`);
}

export type CallbackError = 'state' | 'denied' | 'exchange';

/** Finishes /oauth/callback: checks state, trades the code for a token. */
export async function finishSignIn(search: string): Promise<CallbackError | null> {
  const q = new URLSearchParams(search);
  if (q.get('error')) return 'denied';
  let saved: { verifier: string; state: string } | null = null;
  try {
    saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? 'null');
  } catch {
    saved = null;
  }
  const app = storedApp();
  const code = q.get('code');
  if (!saved || !app || !code || q.get('state') !== saved.state) return 'state';
  try {
    const tok = await exchangeCode({
      code,
      redirect_uri: redirectUri(),
      client_id: app.client_id,
      client_secret: app.client_secret,
      code_verifier: saved.verifier,
    });
    sessionStorage.removeItem(PKCE_KEY);
    setToken(tok.access_token);
    return null;
  } catch {
    return 'exchange';
  }
}

/** Revokes the token on the server, then forgets it. */
export async function signOut(): Promise<void> {
  const tk = token.value;
  const app = storedApp();
  if (tk && app) {
    try {
      await revokeToken({ client_id: app.client_id, client_secret: app.client_secret, token: tk });
    } catch {
      /* forgotten below all the same */
    }
  }
  setToken(null);
}
