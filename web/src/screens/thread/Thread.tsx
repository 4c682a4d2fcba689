// A post and its whole conversation, live: replies to any post of the thread
// appear as they are posted (public stream, /context polling as fallback).
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import * as api from '../../api/client';
import { subscribe } from '../../api/stream';
import type { Status as StatusT } from '../../api/types';
import { Compose } from '../../components/Compose';
import { Status, displayName } from '../../components/Status';
import { useTitle } from '../../components/useTitle';
import { t } from '../../i18n';
import { compareIds } from '../../lib/ids';
import { back } from '../../router';
import { me } from '../../state/session';
import { applyPatch, onStatusChange } from '../../state/statuses';
import { announce } from '../../state/ui';
import { Loading, ScreenHeader } from '../../components/Screen';

interface ThreadState {
  status: StatusT;
  ancestors: StatusT[];
  descendants: StatusT[];
}

/** Replies in conversation order: each below its parent, oldest first. */
export function orderDescendants(rootId: string, list: StatusT[]): StatusT[] {
  const byParent = new Map<string, StatusT[]>();
  for (const s of list) {
    const p = s.in_reply_to_id ?? '';
    if (!byParent.has(p)) byParent.set(p, []);
    byParent.get(p)!.push(s);
  }
  for (const l of byParent.values()) l.sort((a, b) => compareIds(a.id, b.id));
  const out: StatusT[] = [];
  const seen = new Set<string>();
  const walk = (id: string) => {
    for (const c of byParent.get(id) ?? []) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push(c);
      walk(c.id);
    }
  };
  walk(rootId);
  for (const s of list) if (!seen.has(s.id)) out.push(s);
  return out;
}

export default function Thread({ id }: { id: string }) {
  const [state, setState] = useState<ThreadState | null>(null);
  const [failed, setFailed] = useState(false);
  const [replyTo, setReplyTo] = useState<StatusT | null>(null);
  const stateRef = useRef<ThreadState | null>(null);
  stateRef.current = state;
  const painted = useRef(false);
  const replyBox = useRef<HTMLDivElement>(null);
  const s = state?.status;
  useTitle(s ? t('thread.title', { name: displayName(s.account) }) : t('thread.heading'));

  const loadContext = async (statusId: string) => {
    const ctx = await api.getContext(statusId);
    setState((prev) => {
      if (!prev || prev.status.id !== statusId) return prev;
      const known = new Set(prev.descendants.map((x) => x.id));
      const added = ctx.descendants.filter((x) => !known.has(x.id));
      if (added.length && painted.current) announce(t('thread.newReplies', { count: added.length }));
      return { ...prev, ancestors: ctx.ancestors, descendants: orderDescendants(statusId, ctx.descendants) };
    });
  };

  useEffect(() => {
    let live = true;
    setState(null);
    setFailed(false);
    setReplyTo(null);
    painted.current = false;
    Promise.all([api.getStatus(id), api.getContext(id)])
      .then(([status, ctx]) => {
        if (!live) return;
        setState({ status, ancestors: ctx.ancestors, descendants: orderDescendants(status.id, ctx.descendants) });
      })
      .catch(() => live && setFailed(true));

    const unsub = subscribe({
      stream: 'public',
      onEvent: (e) => {
        const cur = stateRef.current;
        if (!cur) return;
        if (e.event === 'update') {
          const n = e.payload as StatusT;
          const ids = new Set([cur.status.id, ...cur.ancestors.map((x) => x.id), ...cur.descendants.map((x) => x.id)]);
          if (!n.in_reply_to_id || !ids.has(n.in_reply_to_id) || ids.has(n.id)) return;
          setState((prev) => (prev ? { ...prev, descendants: orderDescendants(prev.status.id, [...prev.descendants, n]) } : prev));
          announce(t('thread.newReply', { name: displayName(n.account) }));
        } else if (e.event === 'delete') {
          const gone = String(e.payload);
          setState((prev) => (prev ? { ...prev, descendants: prev.descendants.filter((x) => x.id !== gone) } : prev));
        }
      },
      resync: () => {
        const cur = stateRef.current;
        if (cur) void loadContext(cur.status.id).catch(() => undefined);
      },
    });
    // Replies that are not public (unlisted) do not come on the public
    // stream: look at the context now and then too.
    const timer = setInterval(() => {
      const cur = stateRef.current;
      if (cur && document.visibilityState === 'visible') void loadContext(cur.status.id).catch(() => undefined);
    }, 45_000);
    const unStatus = onStatusChange({
      patch: (sid, f) =>
        setState((prev) =>
          prev
            ? {
                status: applyPatch(prev.status, sid, f),
                ancestors: prev.ancestors.map((x) => applyPatch(x, sid, f)),
                descendants: prev.descendants.map((x) => applyPatch(x, sid, f)),
              }
            : prev,
        ),
      remove: (sid) =>
        setState((prev) =>
          prev
            ? prev.status.id === sid
              ? (back(), prev)
              : { ...prev, ancestors: prev.ancestors.filter((x) => x.id !== sid), descendants: prev.descendants.filter((x) => x.id !== sid) }
            : prev,
        ),
      add: (n) => {
        const cur = stateRef.current;
        if (!cur || !n.in_reply_to_id) return;
        const ids = new Set([cur.status.id, ...cur.ancestors.map((x) => x.id), ...cur.descendants.map((x) => x.id)]);
        if (!ids.has(n.in_reply_to_id) || ids.has(n.id)) return;
        setState((prev) => (prev ? { ...prev, descendants: orderDescendants(prev.status.id, [...prev.descendants, n]) } : prev));
      },
    });
    return () => {
      live = false;
      unsub();
      unStatus();
      clearInterval(timer);
    };
  }, [id]);

  // Paint mark, and the main post in view below its ancestors.
  useLayoutEffect(() => {
    if (!state || painted.current) return;
    painted.current = true;
    const main = document.querySelector<HTMLElement>('.status-main-post');
    if (main && state.ancestors.length) main.scrollIntoView({ block: 'start' });
    requestAnimationFrame(() => setTimeout(() => performance.mark('piaf:thread-painted'), 0));
  }, [state]);

  const onReply = (target: StatusT) => {
    setReplyTo(target.id === state?.status.id ? null : target);
    requestAnimationFrame(() => {
      const el = replyBox.current?.querySelector<HTMLTextAreaElement>('textarea');
      el?.focus();
    });
  };

  if (failed) {
    return (
      <div class="empty">
        <h1>{t('thread.notFound')}</h1>
      </div>
    );
  }
  const all = state ? [...state.ancestors, state.status, ...state.descendants] : [];
  const target = replyTo ?? state?.status ?? null;
  return (
    <>
      <ScreenHeader title={t('thread.heading')} backTo="/" />
      {!state ? (
<Loading />
      ) : (
        <div role="feed" aria-label={t('feed.conversation')} class="feed thread">
          {all.map((x, i) => {
            const isMain = x.id === state.status.id;
            return (
              <Status
                key={x.id}
                status={x}
                main={isMain}
                ancestor={i < state.ancestors.length}
                // "Replying to @x" stays when what it answers is not just above.
                inThread={!x.in_reply_to_id || (i > 0 && all[i - 1].id === x.in_reply_to_id)}
                posinset={i + 1}
                setsize={all.length}
                onReply={onReply}
              />
            );
          })}
        </div>
      )}
      {state && me.value && target && (
        <div class="thread-reply" ref={replyBox}>
          {replyTo && (
            <p class="replying-to">
              {t('compose.replyingTo', { name: `@${replyTo.account.acct}` })}
              <button type="button" class="linklike" onClick={() => setReplyTo(null)}>
                {t('common.cancel')}
              </button>
            </p>
          )}
          <Compose key={target.id} draftKey={`piaf.draft.reply.${target.id}`} replyTo={target} labelKey="compose.reply" />
        </div>
      )}
    </>
  );
}
