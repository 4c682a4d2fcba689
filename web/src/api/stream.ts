// One WebSocket to /api/v1/streaming shared by every screen. Reconnects with
// exponential backoff; after a reconnect each subscription's `resync` fills
// the gap; while the socket stays down, `resync` runs every POLL_MS instead
// (polling fallback).
import { signal } from '@preact/signals';
import { token } from './client';

export interface StreamEvent {
  event: string;
  payload: unknown;
}

export interface Subscription {
  stream: string;
  /** A hashtag stream's tag, a list stream's list id. */
  tag?: string;
  onEvent: (e: StreamEvent) => void;
  /** Fetch what may have been missed (after a reconnect, or as polling). */
  resync?: () => void;
}

const POLL_MS = 20_000;
const MAX_BACKOFF = 30_000;

/** 'live' when the socket is open; 'polling' when it keeps failing. */
export const streamState = signal<'idle' | 'connecting' | 'live' | 'polling'>('idle');

const subs = new Set<Subscription>();
let ws: WebSocket | null = null;
let wsToken: string | null = null;
let failures = 0;
let everOpened = false;
let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
let pollTimer: ReturnType<typeof setInterval> | null = null;

const keyOf = (stream: string, tag?: string) => `${stream}|${(tag ?? '').toLowerCase()}`;

function refCount(stream: string, tag?: string): number {
  let n = 0;
  const k = keyOf(stream, tag);
  for (const s of subs) if (keyOf(s.stream, s.tag) === k) n++;
  return n;
}

/** A subscribe or unsubscribe message: a hashtag stream names its tag, a list stream its list. */
function message(type: 'subscribe' | 'unsubscribe', s: { stream: string; tag?: string }): object {
  if (!s.tag) return { type, stream: s.stream };
  return s.stream === 'list' ? { type, stream: s.stream, list: s.tag } : { type, stream: s.stream, tag: s.tag };
}

function send(msg: object): void {
  if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(msg));
}

function startPolling(): void {
  if (pollTimer) return;
  streamState.value = 'polling';
  pollTimer = setInterval(() => {
    for (const s of subs) s.resync?.();
  }, POLL_MS);
}

function stopPolling(): void {
  if (pollTimer) clearInterval(pollTimer);
  pollTimer = null;
}

function scheduleReconnect(): void {
  if (reconnectTimer || subs.size === 0) return;
  failures++;
  if (failures >= 3) startPolling();
  const delay = Math.min(MAX_BACKOFF, 1000 * 2 ** Math.min(failures - 1, 5)) * (0.75 + Math.random() * 0.5);
  reconnectTimer = setTimeout(() => {
    reconnectTimer = null;
    connect();
  }, delay);
}

function connect(): void {
  if (subs.size === 0) return;
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  wsToken = token.value;
  const q = wsToken ? `?access_token=${encodeURIComponent(wsToken)}` : '';
  let sock: WebSocket;
  try {
    sock = new WebSocket(`${proto}//${location.host}/api/v1/streaming${q}`);
  } catch {
    scheduleReconnect();
    return;
  }
  ws = sock;
  if (streamState.value !== 'polling') streamState.value = 'connecting';
  const wasReconnect = everOpened;
  sock.onopen = () => {
    if (ws !== sock) return;
    failures = 0;
    everOpened = true;
    stopPolling();
    streamState.value = 'live';
    const seen = new Set<string>();
    for (const s of subs) {
      const k = keyOf(s.stream, s.tag);
      if (seen.has(k)) continue;
      seen.add(k);
      send(message('subscribe', s));
    }
    if (wasReconnect) for (const s of subs) s.resync?.();
  };
  sock.onmessage = (m) => {
    if (ws !== sock || typeof m.data !== 'string') return;
    let msg: { stream?: string[]; event?: string; payload?: string };
    try {
      msg = JSON.parse(m.data);
    } catch {
      return;
    }
    if (!msg.event || !Array.isArray(msg.stream)) return;
    let payload: unknown = msg.payload;
    if (typeof payload === 'string') {
      try {
        payload = JSON.parse(payload);
      } catch {
        /* delete events carry a bare id */
      }
    }
    const k = keyOf(msg.stream[0], msg.stream[1]);
    for (const s of subs) {
      const sk = keyOf(s.stream, s.tag);
      if (sk === k) s.onEvent({ event: msg.event, payload });
    }
  };
  sock.onclose = () => {
    if (ws !== sock) return;
    ws = null;
    if (streamState.value === 'live') streamState.value = 'connecting';
    scheduleReconnect();
  };
  sock.onerror = () => {
    /* onclose follows */
  };
}

/** Listens to a stream; returns the function that stops listening. */
export function subscribe(sub: Subscription): () => void {
  const first = refCount(sub.stream, sub.tag) === 0;
  subs.add(sub);
  if (!ws && !reconnectTimer) connect();
  else if (first) send(message('subscribe', sub));
  return () => {
    subs.delete(sub);
    if (refCount(sub.stream, sub.tag) === 0) {
      send(message('unsubscribe', sub));
    }
    if (subs.size === 0) close();
  };
}

function close(): void {
  stopPolling();
  if (reconnectTimer) clearTimeout(reconnectTimer);
  reconnectTimer = null;
  const sock = ws;
  ws = null;
  sock?.close();
  streamState.value = 'idle';
  everOpened = false;
  failures = 0;
}

// A new token (sign in or out) reopens the socket with it.
token.subscribe((tk) => {
  if (tk === wsToken) return;
  if (ws) {
    const sock = ws;
    ws = null;
    sock.close();
    connect();
  }
});
