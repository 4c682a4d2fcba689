// Interface strings: every user-visible string comes from en.json / fr.json.
// Plural entries are {"one": ..., "other": ...} objects chosen with
// Intl.PluralRules; placeholders are {name}. Each catalog is a chunk of its
// own, loaded before the app renders (main.ts) and when the language changes:
// a page ships the strings of its language only (the server preloads them).
import { signal } from '@preact/signals';

export type Lang = 'en' | 'fr';
type Entry = string | Record<string, string>;
type Catalog = Record<string, Entry>;

export const catalogs: Partial<Record<Lang, Catalog>> = {};
const loaders: Record<Lang, () => Promise<{ default: Catalog }>> = {
  en: () => import('./en.json'),
  fr: () => import('./fr.json'),
};

/** Loads the catalog of `l` (once). */
export async function loadCatalog(l: Lang): Promise<void> {
  catalogs[l] ??= (await loaders[l]()).default;
}
const LANG_KEY = 'piaf.lang';

function storedLang(): Lang | null {
  try {
    const v = localStorage.getItem(LANG_KEY);
    return v === 'en' || v === 'fr' ? v : null;
  } catch {
    return null;
  }
}

export function browserLang(): Lang {
  const nav = typeof navigator !== 'undefined' ? navigator.language || '' : '';
  return nav.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export const lang = signal<Lang>(storedLang() ?? browserLang());

export async function setLang(l: Lang): Promise<void> {
  await loadCatalog(l);
  try {
    localStorage.setItem(LANG_KEY, l);
  } catch {
    /* private mode: the choice lasts for this page */
  }
  lang.value = l;
}

const pluralRules: Partial<Record<Lang, Intl.PluralRules>> = {};

export function interpolate(s: string, vars?: Record<string, string | number>): string {
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = vars[k];
    if (v === undefined) return m;
    return typeof v === 'number' ? formatNumber(v) : v;
  });
}

/** The message `key` in the interface language, with {placeholders} filled. */
export function t(key: string, vars?: Record<string, string | number>): string {
  const l = lang.value;
  const entry: Entry | undefined = catalogs[l]?.[key] ?? catalogs.en?.[key];
  if (entry === undefined) return key;
  if (typeof entry === 'string') return interpolate(entry, vars);
  const count = Number(vars?.count ?? 0);
  const rules = (pluralRules[l] ??= new Intl.PluralRules(l));
  const form = rules.select(count);
  return interpolate(entry[form] ?? entry.other ?? '', vars);
}

const numberFormats: Partial<Record<Lang, Intl.NumberFormat>> = {};
export function formatNumber(n: number): string {
  const l = lang.value;
  return (numberFormats[l] ??= new Intl.NumberFormat(l)).format(n);
}

/** A short count for action buttons: 1234 -> 1.2K / 1,2 k. */
const compactFormats: Partial<Record<Lang, Intl.NumberFormat>> = {};
export function formatCompact(n: number): string {
  const l = lang.value;
  return (compactFormats[l] ??= new Intl.NumberFormat(l, {
    notation: 'compact',
    maximumFractionDigits: 1,
  })).format(n);
}

const relFormats: Partial<Record<Lang, Intl.RelativeTimeFormat>> = {};
const dateFormats: Record<string, Intl.DateTimeFormat> = {};

/** "3 min ago" for recent dates, a short date beyond a week. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const l = lang.value;
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const secs = Math.round((then - now) / 1000);
  const abs = Math.abs(secs);
  const rtf = (relFormats[l] ??= new Intl.RelativeTimeFormat(l, { numeric: 'auto', style: 'short' }));
  if (abs < 45) return rtf.format(0, 'second');
  if (abs < 3600) return rtf.format(Math.round(secs / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(secs / 3600), 'hour');
  if (abs < 7 * 86400) return rtf.format(Math.round(secs / 86400), 'day');
  const sameYear = new Date(then).getFullYear() === new Date(now).getFullYear();
  const k = l + (sameYear ? 's' : 'y');
  const df = (dateFormats[k] ??= new Intl.DateTimeFormat(
    l,
    sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' },
  ));
  return df.format(new Date(then));
}

/** The full date and time, for a title attribute and the thread's main post. */
export function fullDate(iso: string): string {
  const l = lang.value;
  const k = l + 'f';
  const df = (dateFormats[k] ??= new Intl.DateTimeFormat(l, { dateStyle: 'long', timeStyle: 'short' }));
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : df.format(d);
}
