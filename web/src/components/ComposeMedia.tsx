// Photos attached in the compose box: up to four, from the file button, a
// drop or a paste. Each uploads at once (its progress shown), is described
// in a small dialog that opens as it is added (the alt text is asked for; a
// described photo shows "ALT"), and can be removed. Compose sends the ids.
import type { Signal } from '@preact/signals';
import { useRef, useState } from 'preact/hooks';
import * as api from '../api/client';
import type { MediaAttachment } from '../api/types';
import { t } from '../i18n';
import { announce, toast } from '../state/ui';
import { Dialog } from './Dialog';
import { Icon } from './Icon';

export const MAX_MEDIA = 4;
const TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

export interface MediaItem {
  key: number;
  /** An object URL of the file, for its thumbnail. */
  local: string;
  progress: number;
  description: string;
  media?: MediaAttachment;
  failed?: boolean;
}

let nextKey = 1;

/** Whether every attached photo has finished uploading. */
export const mediaReady = (items: MediaItem[]) => items.every((i) => i.media || i.failed);

/** Starts uploading `files` (images only, up to four in all); returns the
 * key of the first one added, whose description is then asked for. */
export function addMediaFiles(items: Signal<MediaItem[]>, files: Iterable<File>): number | null {
  const images = [...files].filter((f) => TYPES.includes(f.type));
  const room = MAX_MEDIA - items.value.length;
  if (images.length > room) toast(t('media.tooMany', { n: MAX_MEDIA }));
  let first: number | null = null;
  for (const file of images.slice(0, Math.max(0, room))) {
    const item: MediaItem = { key: nextKey++, local: URL.createObjectURL(file), progress: 0, description: '' };
    first ??= item.key;
    items.value = [...items.value, item];
    const update = (patch: Partial<MediaItem>) => {
      items.value = items.value.map((i) => (i.key === item.key ? { ...i, ...patch } : i));
    };
    api
      .uploadMedia(file, '', (f) => update({ progress: f }))
      .then(async (media) => {
        // Described while it uploaded: the text goes now.
        const now = items.value.find((i) => i.key === item.key);
        if (now?.description) media = await api.describeMedia(media.id, now.description);
        update({ media, progress: 1 });
        announce(t('media.uploaded'));
      })
      .catch((e: unknown) => {
        update({ failed: true });
        toast(e instanceof api.ApiError && e.status === 422 ? e.message : t('media.uploadFailed'));
      });
  }
  return first;
}

/** The button that picks photos. */
export function MediaButton({ items, onAdded }: { items: Signal<MediaItem[]>; onAdded: (key: number | null) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const full = items.value.length >= MAX_MEDIA;
  return (
    <>
      <button
        type="button"
        class="chip compose-media-button"
        aria-label={t('media.add')}
        title={t('media.add')}
        disabled={full}
        onClick={() => input.current?.click()}
      >
        <Icon name="image" size={18} />
      </button>
      <input
        ref={input}
        type="file"
        accept={TYPES.join(',')}
        multiple
        hidden
        onChange={(e) => {
          const el = e.target as HTMLInputElement;
          if (el.files) onAdded(addMediaFiles(items, el.files));
          el.value = '';
        }}
      />
    </>
  );
}

function AltDialog({ item, onSave, onClose }: { item: MediaItem; onSave: (text: string) => void; onClose: () => void }) {
  const [text, setText] = useState(item.description);
  return (
    <Dialog title={t('media.altTitle')} onClose={onClose} class="alt-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          e.stopPropagation(); // not the compose form's submit
          onSave(text.trim());
          onClose();
        }}
      >
        <img class="alt-dialog-img" src={item.local} alt="" />
        <label class="field">
          <span class="field-label">{t('media.altLabel')}</span>
          <textarea
            data-autofocus
            rows={3}
            maxLength={1500}
            value={text}
            onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
          />
        </label>
        <p class="field-hint">{t('media.altHint')}</p>
        <div class="form-actions">
          <button type="button" class="button secondary" onClick={onClose}>
            {t('media.altLater')}
          </button>
          <button type="submit" class="button primary">
            {t('media.altSave')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The attached photos, with their progress, ALT and remove buttons. */
export function ComposeMedia({ items, asking, setAsking }: { items: Signal<MediaItem[]>; asking: number | null; setAsking: (k: number | null) => void }) {
  const list = items.value;
  if (!list.length) return null;
  const describing = list.find((i) => i.key === asking);
  const save = (item: MediaItem, description: string) => {
    items.value = items.value.map((i) => (i.key === item.key ? { ...i, description } : i));
    const id = item.media?.id;
    if (id) {
      api
        .describeMedia(id, description)
        .then((media) => (items.value = items.value.map((i) => (i.key === item.key ? { ...i, media } : i))))
        .catch(() => toast(t('error.save')));
    }
  };
  return (
    <ul class="compose-media" aria-label={t('media.attached')}>
      {list.map((item, n) => (
        <li key={item.key} class={`compose-media-item${item.failed ? ' failed' : ''}`}>
          <img src={item.local} alt="" />
          {!item.media && !item.failed && (
            <progress class="compose-media-progress" max={1} value={item.progress} aria-label={t('media.uploading')} />
          )}
          <button
            type="button"
            class={`compose-media-alt${item.description ? ' described' : ''}`}
            aria-label={item.description ? t('media.altEdit', { n: n + 1 }) : t('media.altAdd', { n: n + 1 })}
            aria-pressed={!!item.description}
            onClick={() => setAsking(item.key)}
          >
            {item.description ? 'ALT ✓' : 'ALT'}
          </button>
          <button
            type="button"
            class="compose-media-remove"
            aria-label={t('media.remove', { n: n + 1 })}
            onClick={() => {
              URL.revokeObjectURL(item.local);
              items.value = items.value.filter((i) => i.key !== item.key);
            }}
          >
            <Icon name="close" size={14} />
          </button>
        </li>
      ))}
      {describing && <AltDialog item={describing} onSave={(text) => save(describing, text)} onClose={() => setAsking(null)} />}
    </ul>
  );
}
