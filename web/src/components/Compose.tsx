// The compose box: counter exactly as the server counts, visibility, content
// warning, an unsent draft kept in localStorage, and an Idempotency-Key per
// draft so a double click posts once.
import { useComputed, useSignal, useSignalEffect } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import * as api from '../api/client';
import type { Poll, Status, Visibility } from '../api/types';
import { formatNumber, t } from '../i18n';
import { countText, counterReady, loadCounter } from '../lib/counter';
import { lengthConfig, me } from '../state/session';
import { addStatus, patchStatus } from '../state/statuses';
import { announce, toast } from '../state/ui';
import { Avatar } from './Avatar';
import { ComposeMedia, MediaButton, addMediaFiles, mediaReady, type MediaItem } from './ComposeMedia';
import { ComposePoll, draftReady, newPoll, type PollDraft } from './ComposePoll';

interface Draft {
  text: string;
  cw: string;
  cwOn: boolean;
  visibility: Visibility;
  key: string;
  poll?: PollDraft | null;
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
  /** Editing one's own post (its source): saved with PUT, kept nowhere. */
  edit?: { id: string; text: string; spoiler: string; poll?: Poll | null };
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
  const edit = props.edit;
  const draft = useSignal<Draft>(
    edit
      ? {
          text: edit.text,
          cw: edit.spoiler,
          cwOn: !!edit.spoiler,
          visibility: 'public',
          key: '',
          poll: edit.poll ? { ...newPoll(), options: edit.poll.options.map((o) => o.title), multiple: edit.poll.multiple } : null,
        }
      : loadDraft(props.draftKey, initialText, initialVis),
  );
  const posting = useSignal(false);
  const media = useSignal<MediaItem[]>([]);
  const asking = useSignal<number | null>(null); // the photo whose alt text is asked for
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
    if (edit) return;
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

  // Photos alone make a post; none may still be uploading; a poll needs its options.
  const canPost = useComputed(() => {
    const photos = media.value.filter((i) => i.media).length > 0;
    const textOk = count.value.valid || (photos && draft.value.text.trim() === '');
    return (
      textOk &&
      count.value.remaining >= 0 &&
      !posting.value &&
      mediaReady(media.value) &&
      (!draft.value.poll || draftReady(draft.value.poll))
    );
  });

  const submit = async (e?: Event) => {
    e?.preventDefault();
    if (!canPost.value) return;
    const d = draft.value;
    posting.value = true;
    const poll = d.poll
      ? { options: d.poll.options.map((o) => o.trim()), expires_in: d.poll.expiresIn, multiple: d.poll.multiple }
      : undefined;
    if (edit) {
      try {
        const s = await api.editStatus(edit.id, { status: d.text, spoiler_text: d.cwOn ? d.cw.trim() : '', poll });
        // The viewer's own flags stay as they were (the answer has them too).
        patchStatus(s.id, (x) => ({ ...x, ...s, reblog: x.reblog }));
        announce(t('edit.saved'));
        props.onPosted?.(s);
      } catch {
        toast(t('error.edit'));
      } finally {
        posting.value = false;
      }
      return;
    }
    try {
      const s = await api.postStatus(
        {
          status: d.text,
          visibility: d.visibility,
          spoiler_text: d.cwOn && d.cw.trim() ? d.cw : undefined,
          sensitive: d.cwOn && d.cw.trim() ? true : undefined,
          in_reply_to_id: props.replyTo?.id,
          media_ids: media.value.flatMap((i) => (i.media ? [i.media.id] : [])),
          poll,
        },
        d.key,
      );
      draft.value = { text: initialText, cw: '', cwOn: false, visibility: initialVis, key: newKey(), poll: null };
      for (const i of media.value) URL.revokeObjectURL(i.local);
      media.value = [];
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
    <form
      class={`compose${props.replyTo ? ' compose-reply' : ''}`}
      onSubmit={submit}
      onDragOver={(e) => {
        if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
      }}
      onDrop={(e) => {
        if (!e.dataTransfer?.files.length) return;
        e.preventDefault();
        asking.value = addMediaFiles(media, e.dataTransfer.files);
      }}
    >
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
          onPaste={(e) => {
            const files = e.clipboardData?.files;
            if (files?.length) {
              e.preventDefault();
              asking.value = addMediaFiles(media, files);
            }
          }}
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
        <ComposeMedia items={media} asking={asking.value} setAsking={(k) => (asking.value = k)} />
        {d.poll && <ComposePoll poll={d.poll} uid={uid} onChange={(p) => set({ poll: p })} />}
        <div class="compose-bar">
          <div class="compose-options">
            {!edit && !d.poll && <MediaButton items={media} onAdded={(k) => (asking.value = k)} />}
            {!edit && (
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
            )}
            <button
              type="button"
              class={`chip${d.cwOn ? ' chip-on' : ''}`}
              aria-pressed={d.cwOn}
              onClick={() => set({ cwOn: !d.cwOn })}
            >
              {t('compose.cw')}
            </button>
            {media.value.length === 0 && (
              <button
                type="button"
                class={`chip${d.poll ? ' chip-on' : ''}`}
                aria-pressed={!!d.poll}
                onClick={() => set({ poll: d.poll ? null : newPoll() })}
              >
                {t('compose.poll')}
              </button>
            )}
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
              {t(edit ? 'edit.save' : 'compose.post')}
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
