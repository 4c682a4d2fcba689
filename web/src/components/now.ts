// A clock that ticks every 30 s so relative times stay true.
import { signal } from '@preact/signals';

const now = signal(Date.now());
let timer: ReturnType<typeof setInterval> | null = null;

export function useNow(): number {
  timer ??= setInterval(() => (now.value = Date.now()), 30_000);
  return now.value;
}
