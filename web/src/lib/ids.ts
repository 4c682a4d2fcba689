// Mastodon ids are decimal strings of growing numbers (snowflakes):
// compare by length, then lexically.
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export const newerFirst = (a: string, b: string) => compareIds(b, a);
