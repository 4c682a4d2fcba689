// The compose box: counter exactly as the server counts, visibility, content
// warning, an unsent draft kept in localStorage, and an Idempotency-Key per
// draft so a double click posts once.
import { useComputed, useSignal, useSignalEffect } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import * as api from '../api/client';
import type { Status, Visibility } from '../api/types';
import { formatNumber, t } from '../i18n';
import { countText, counterReady, loadCounter } from '../lib/counter';
import { lengthConfig, me } from '../state/session';
import { addStatus, patchStatus } from '../state/statuses';
import { announce, toast } from '../state/ui';
import { Avatar } from './Avatar';

interface Draft {
  text: string;
  cw: string;
  cwOn: boolean;
  visibility: Visibility;
  key: string;
}

const newKey = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

function loadDraft(storageKey: string, initial: string, visibility: Visibility): Draft {
  try {
    const raw = localStorage.getItem(storageKey);
    if (raw) {
      const d = JSON.parse(raw) as Draft;
      if (typeof d.text === 'string' && d.key) return d;
    }
  } catch {
    /* no draft */
  }
  return { text: initial, cw: '', cwOn: false, visibility, key: newKey() };
}

interface Props {
  /** Where the draft is kept ("piaf.draft.home", "piaf.draft.reply.ID"). */
  draftKey: string;
  replyTo?: Status | null;
  /** Accessible name and placeholder: compose.placeholder or compose.reply. */
  labelKey?: 'compose.placeholder' | 'compose.reply';
  autoFocus?: boolean;
  onPosted?: (s: Status) => void;
  id?: string;
  /** The visibility a new draft starts with (a direct message: "direct"). */
  visibility?: Visibility;
}

function mentionsFor(s: Status): string {
  const mine = me.value?.acct;
  const accts = [s.account.acct, ...s.mentions.map((m) => m.acct)].filter((a, i, all) => a !== mine && all.indexOf(a) === i);
  return accts.length ? accts.map((a) => `@${a}`).join(' ') + ' ' : '';
}

export function Compose(props: Props) {
  const labelKey = props.labelKey ?? 'compose.placeholder';
  const initialText = props.replyTo ? mentionsFor(props.replyTo) : '';
  const initialVis: Visibility =
    props.replyTo && props.replyTo.visibility !== 'public' ? props.replyTo.visibility : props.visibility ?? 'public';
  const draft = useSignal<Draft>(loadDraft(props.draftKey, initialText, initialVis));
  const posting = useSignal(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const uid = props.id ?? props.draftKey.replace(/\W/g, '-');

  // twitter-text (12.5 KB gz) loads when the box is used — focused, or
  // holding a draft or a reply's mentions — not with the first screen: an
  // empty box needs no count. Until it has loaded, an estimate stands in.
  useEffect(() => {
    if (draft.value.text !== '') void loadCounter();
  }, []);

  useEffect(() => {
    if (props.autoFocus && textRef.current) {
      const el = textRef.current;
      el.focus();
      el.setSelectionRange(el.value.length, el.value.length);
    }
  }, []);

  // Keep the draft (only once something was written).
  useSignalEffect(() => {
    const d = draft.value;
    try {
      if (d.text.trim() === '' || d.text === initialText) localStorage.removeItem(props.draftKey);
      else localStorage.setItem(props.draftKey, JSON.stringify(d));
    } catch {
      /* storage full or refused */
    }
  });

  const count = useComputed(() => {
    void counterReady.value;
    return countText(draft.value.text, lengthConfig.value);
  });

  const set = (patch: Partial<Draft>) => (draft.value = { ...draft.value, ...patch });

  const canPost = useComputed(() => count.value.valid && count.value.remaining >= 0 && !posting.value);

  const submit = async (e?: Event) => {
    e?.preventDefault();
    if (!canPost.value) return;
    const d = draft.value;
    posting.value = true;
    try {
      const s = await api.postStatus(
        {
          status: d.text,
          visibility: d.visibility,
          spoiler_text: d.cwOn && d.cw.trim() ? d.cw : undefined,
          sensitive: d.cwOn && d.cw.trim() ? true : undefined,
          in_reply_to_id: props.replyTo?.id,
        },
        d.key,
      );
      draft.value = { text: initialText, cw: '', cwOn: false, visibility: initialVis, key: newKey() };
      try {
        localStorage.removeItem(props.draftKey);
      } catch {
        /* nothing kept */
      }
      if (props.replyTo) {
        const parent = props.replyTo.id;
        patchStatus(parent, (x) => ({ ...x, replies_count: x.replies_count + 1 }));
      }
      addStatus(s);
      announce(t('compose.posted'));
      props.onPosted?.(s);
    } catch {
      toast(t('error.post'));
    } finally {
      posting.value = false;
    }
  };

  const c = count.value;
  const over = c.remaining < 0;
  const warn = !over && c.remaining <= 20;
  const d = draft.value;
  const label = t(labelKey);
  const user = me.value;

  return (
    <form class={`compose${props.replyTo ? ' compose-reply' : ''}`} onSubmit={submit}>
      {user && (
        <div class="compose-avatar" aria-hidden="true">
          <Avatar account={user} />
        </div>
      )}
      <div class="compose-main">
        {d.cwOn && (
          <input
            type="text"
            class="compose-cw"
            aria-label={t('compose.cwText')}
            placeholder={t('compose.cwText')}
            value={d.cw}
            maxLength={500}
            onInput={(e) => set({ cw: (e.target as HTMLInputElement).value })}
          />
        )}
        <textarea
          ref={textRef}
          id={`${uid}-text`}
          data-autofocus={props.autoFocus ? '' : undefined}
          class="compose-text"
          aria-label={label}
          placeholder={label}
          rows={props.replyTo ? 2 : 3}
          value={d.text}
          onFocus={() => void loadCounter()}
          onInput={(e) => set({ text: (e.target as HTMLTextAreaElement).value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
            // Escape leaves the box (j/k work again); in a dialog it closes it.
            else if (e.key === 'Escape' && !(e.target as HTMLElement).closest('dialog')) {
              e.preventDefault();
              (e.target as HTMLElement).blur();
            }
          }}
        />
        <div class="compose-bar">
          <div class="compose-options">
            <select
              class="compose-visibility"
              aria-label={t('compose.visibility')}
              title={t('compose.visibility')}
              value={d.visibility}
              onChange={(e) => set({ visibility: (e.target as HTMLSelectElement).value as Visibility })}
            >
              <option value="public">{t('visibility.public')}</option>
              <option value="unlisted">{t('visibility.unlisted')}</option>
              <option value="private">{t('visibility.private')}</option>
              <option value="direct">{t('visibility.direct')}</option>
            </select>
            <button
              type="button"
              class={`chip${d.cwOn ? ' chip-on' : ''}`}
              aria-pressed={d.cwOn}
              onClick={() => set({ cwOn: !d.cwOn })}
            >
              {t('compose.cw')}
            </button>
          </div>
          <div class="compose-submit">
            <output
              class={`counter${over ? ' counter-over' : warn ? ' counter-warn' : ''}`}
              aria-label={t('compose.remaining')}
              htmlFor={`${uid}-text`}
            >
              {c.remaining < 0 ? `-${formatNumber(-c.remaining)}` : formatNumber(c.remaining)}
            </output>
            <button type="submit" class="button primary" disabled={!canPost.value}>
              {t('compose.post')}
            </button>
          </div>
        </div>
        {d.visibility === 'unlisted' && <p class="compose-hint">{t('visibility.unlistedHint')}</p>}
      </div>
    </form>
  );
}

/** Focus the main compose box (shortcut n). */
export function focusCompose(): boolean {
  const el = document.querySelector<HTMLTextAreaElement>('.compose-text');
  if (!el) return false;
  el.focus();
  el.scrollIntoView({ block: 'center', behavior: 'auto' });
  return true;
}
