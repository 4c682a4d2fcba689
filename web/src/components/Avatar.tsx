// An account's picture, or its initials in a coloured circle when it has
// none (Piaf's default `missing.png`) or it fails to load.
import { useState } from 'preact/hooks';
import type { Account } from '../api/types';

function hue(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h % 8;
}

export function initials(a: Pick<Account, 'display_name' | 'username'>): string {
  const name = (a.display_name || a.username).trim();
  const words = name.split(/\s+/).filter(Boolean);
  const first = [...(words[0] ?? '?')][0] ?? '?';
  const second = words.length > 1 ? [...words[words.length - 1]][0] ?? '' : '';
  return (first + second).toUpperCase();
}

export function Avatar({ account, size = 'm' }: { account: Account; size?: 's' | 'm' | 'l' | 'xl' }) {
  const [broken, setBroken] = useState(false);
  const src = account.avatar_static || account.avatar;
  const missing = !src || broken || /\/missing\.png$/.test(src);
  if (missing) {
    return (
      <span class={`avatar avatar-${size} avatar-c${hue(account.username)}`} aria-hidden="true">
        {initials(account)}
      </span>
    );
  }
  return (
    <img class={`avatar avatar-${size}`} src={src} alt="" loading="lazy" decoding="async" onError={() => setBroken(true)} />
  );
}
