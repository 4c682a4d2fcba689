// The compose counter, counting exactly as the server: twitter-text 3.1.0's
// parseTweet with config v1 (classic, 140) or v3 (weighted, 280). The
// library is a lazy chunk; until it has loaded, a plain count of code points
// stands in (`exact: false`).
import { signal } from '@preact/signals';

export type LengthConfig = 'classic' | 'weighted';

export interface Count {
  weightedLength: number;
  valid: boolean;
  remaining: number;
  /** Counted by twitter-text (false: the estimate before it loaded). */
  exact: boolean;
}

type TT = typeof import('./twitter');
let tt: TT | null = null;
let loading: Promise<void> | null = null;

/** Bumps when twitter-text has loaded, so counters recount. */
export const counterReady = signal(false);

export function loadCounter(): Promise<void> {
  loading ??= import('./twitter').then((m) => {
    tt = m;
    counterReady.value = true;
  });
  return loading;
}

export const maxLength = (config: LengthConfig) => (config === 'weighted' ? 280 : 140);

export function countText(text: string, config: LengthConfig): Count {
  const max = maxLength(config);
  if (tt) {
    const cfg = config === 'weighted' ? tt.configs.version3 : tt.configs.version1;
    const r = tt.parseTweet(text, cfg);
    return { weightedLength: r.weightedLength, valid: r.valid, remaining: max - r.weightedLength, exact: true };
  }
  let n = 0;
  for (const _ of text.normalize('NFC')) n++;
  const empty = text.trim().length === 0;
  return { weightedLength: n, valid: !empty && n <= max, remaining: max - n, exact: false };
}
