// The parts every screen repeats: its header (with a Back button when it has
// somewhere to go back to), the loading spinner and the empty state.
import type { ComponentChildren } from 'preact';
import { t } from '../i18n';
import { back } from '../router';
import { Icon } from './Icon';

/** The screen's title as its <h1>; `backTo`: where Back goes when the app was opened on this screen. */
export function ScreenHeader(props: { title: ComponentChildren; backTo?: string; children?: ComponentChildren }) {
  const { backTo } = props;
  return (
    <header class="screen-head">
      {backTo !== undefined && (
        <button type="button" class="icon-button" aria-label={t('common.back')} onClick={() => back(backTo)}>
          <Icon name="back" size={22} />
        </button>
      )}
      <h1>{props.title}</h1>
      {props.children}
    </header>
  );
}

/** A spinner, named "Loading" for screen readers. */
export function Loading() {
  return (
    <div class="feed-end">
      <span class="spinner" aria-hidden="true" />
      <span class="visually-hidden">{t('common.loading')}</span>
    </div>
  );
}

/** An empty list: an icon, what is missing (`title`), and what to do about it (children). */
export function EmptyState(props: { icon: string; title: string; children?: ComponentChildren }) {
  return (
    <div class="empty requests-empty">
      <span class="empty-icon" aria-hidden="true">
        <Icon name={props.icon} size={32} />
      </span>
      <p class="empty-title">{props.title}</p>
      {props.children}
    </div>
  );
}
