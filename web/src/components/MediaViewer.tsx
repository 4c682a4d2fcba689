// The full-screen image viewer: a modal <dialog> (the page behind is inert,
// so focus stays inside), Escape closes it, the arrow keys move between a
// post's images, the alt text is shown under each. Focus returns to the tile
// that opened it. Loaded on first use (MediaGallery).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MediaAttachment } from '../api/types';
import { formatNumber, t } from '../i18n';
import { Icon } from './Icon';

export interface ViewerProps {
  media: MediaAttachment[];
  index: number;
  onClose: () => void;
}

export function MediaViewer({ media, index, onClose }: ViewerProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [at, setAt] = useState(index);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const d = ref.current!;
    if (!d.open) d.showModal();
    d.querySelector<HTMLElement>('.viewer-close')?.focus();
    const closed = () => close.current();
    d.addEventListener('close', closed);
    return () => {
      d.removeEventListener('close', closed);
      if (d.open) d.close();
      if (previous && previous.isConnected) previous.focus({ preventScroll: true });
    };
  }, []);
  const m = media[at];
  const many = media.length > 1;
  const move = (step: number) => setAt((i) => (i + step + media.length) % media.length);
  const alt = m.description?.trim() ?? '';
  return (
    <dialog
      ref={ref}
      class="media-viewer"
      aria-label={t('media.viewer')}
      onKeyDown={(e) => {
        if (e.key === 'ArrowRight' && many) {
          e.preventDefault();
          move(1);
        } else if (e.key === 'ArrowLeft' && many) {
          e.preventDefault();
          move(-1);
        }
      }}
      onClick={(e) => {
        if (e.target === ref.current || (e.target as HTMLElement).classList.contains('viewer-stage')) ref.current?.close();
      }}
    >
      <div class="viewer-stage">
        {m.url && <img class="viewer-img" src={m.url} alt={alt} />}
      </div>
      <div class="viewer-bar">
        {many && (
          <button type="button" class="viewer-button" aria-label={t('media.previous')} onClick={() => move(-1)}>
            ‹
          </button>
        )}
        <div class="viewer-caption">
          {many && (
            <span class="viewer-count">
              {t('media.position', { n: formatNumber(at + 1), total: formatNumber(media.length) })}
            </span>
          )}
          {alt ? <p class="viewer-alt">{alt}</p> : <p class="viewer-alt viewer-no-alt">{t('media.noAlt')}</p>}
        </div>
        {many && (
          <button type="button" class="viewer-button" aria-label={t('media.next')} onClick={() => move(1)}>
            ›
          </button>
        )}
        <button type="button" class="viewer-button viewer-close" aria-label={t('media.close')} onClick={() => ref.current?.close()}>
          <Icon name="close" size={20} />
        </button>
      </div>
    </dialog>
  );
}
