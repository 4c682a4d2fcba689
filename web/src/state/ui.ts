// Toasts (errors) and polite announcements for screen readers.
import { signal } from '@preact/signals';

export interface Toast {
  id: number;
  text: string;
}

export const toasts = signal<Toast[]>([]);
let nextId = 1;

export function toast(text: string): void {
  const id = nextId++;
  toasts.value = [...toasts.value, { id, text }];
  setTimeout(() => dismiss(id), 6000);
}

export function dismiss(id: number): void {
  toasts.value = toasts.value.filter((x) => x.id !== id);
}

/** What the aria-live="polite" region says. */
export const announcement = signal('');
let clearTimer: ReturnType<typeof setTimeout> | null = null;

export function announce(text: string): void {
  // Empty first so that the same sentence twice is spoken twice.
  announcement.value = '';
  setTimeout(() => {
    announcement.value = text;
  }, 50);
  if (clearTimer) clearTimeout(clearTimer);
  clearTimer = setTimeout(() => {
    announcement.value = '';
  }, 8000);
}

/** The reply dialog: the post being answered, or null. */
export const replyTarget = signal<import('../api/types').Status | null>(null);

/** The shortcuts dialog is open. */
export const shortcutsOpen = signal(false);

/** The new-post dialog (outside home) is open. */
export const composeOpen = signal(false);
