// A post's images: one to four tiles, each its blurhash on a small canvas
// until the preview has loaded, an "ALT" badge when it is described. A tile
// opens the full-screen viewer (MediaViewer, loaded when first needed).
import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MediaAttachment } from '../api/types';
import { t } from '../i18n';
import { decodeBlurhash } from '../lib/blurhash';
import type { ViewerProps } from './MediaViewer';

/** A BlurHash painted on a 32x32 canvas (stretched by CSS). */
export function Blurhash({ hash, class: cls }: { hash: string | null; class?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const pixels = hash ? decodeBlurhash(hash, 32, 32) : null;
    const ctx = canvas?.getContext('2d');
    if (!pixels || !ctx) return;
    const image = ctx.createImageData(32, 32);
    image.data.set(pixels);
    ctx.putImageData(image, 0, 0);
  }, [hash]);
  return <canvas ref={ref} class={cls ?? 'media-blurhash'} width={32} height={32} aria-hidden="true" />;
}

let viewerModule: Promise<ComponentType<ViewerProps>> | null = null;

function LazyViewer(props: ViewerProps) {
  const [Viewer, setViewer] = useState<ComponentType<ViewerProps> | null>(null);
  useEffect(() => {
    viewerModule ??= import('./MediaViewer').then((m) => m.MediaViewer);
    void viewerModule.then((v) => setViewer(() => v));
  }, []);
  return Viewer ? <Viewer {...props} /> : null;
}

function Tile({ media, onOpen }: { media: MediaAttachment; onOpen: () => void }) {
  const [loaded, setLoaded] = useState(false);
  const alt = media.description?.trim() ?? '';
  const focus = media.meta?.focus;
  // Mastodon's focal point: x and y from -1 to 1, y upwards.
  const position = focus ? `${((focus.x + 1) / 2) * 100}% ${((1 - focus.y) / 2) * 100}%` : undefined;
  return (
    <div class="media-tile">
    <button
      type="button"
      class="media-open"
      aria-label={alt ? t('media.openDescribed', { alt }) : t('media.open')}
      onClick={(e) => {
        e.stopPropagation();
        onOpen();
      }}
    >
      {!loaded && <Blurhash hash={media.blurhash} />}
      {media.preview_url && (
        <img
          src={media.preview_url}
          alt=""
          loading="lazy"
          decoding="async"
          style={position ? { objectPosition: position } : undefined}
          class={loaded ? 'media-img loaded' : 'media-img'}
          onLoad={() => setLoaded(true)}
        />
      )}
    </button>
      {alt && (
        <span class="media-alt-badge" aria-hidden="true">
          ALT
        </span>
      )}
    </div>
  );
}

export function MediaGallery({ media }: { media: MediaAttachment[] }) {
  const [open, setOpen] = useState<number | null>(null);
  const shown = media.filter((m) => m.url).slice(0, 4);
  if (!shown.length) return null;
  return (
    <div class={`media-gallery media-n${shown.length}`} onClick={(e) => e.stopPropagation()}>
      {shown.map((m, i) => (
        <Tile key={m.id} media={m} onOpen={() => setOpen(i)} />
      ))}
      {open !== null && <LazyViewer media={shown} index={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
