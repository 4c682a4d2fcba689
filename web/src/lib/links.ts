// Links in posts shown short, as Mastodon does: "example.org/un/chemin/…"
// instead of the whole URL (the href stays whole; the title shows it).

const MAX = 30;

const unescape = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? _m);
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The visible text of a link whose text is a URL: no scheme, no "www.",
 * at most 30 characters (then "…"). Anything else is returned as is. */
export function shortUrl(text: string): string {
  const m = /^https?:\/\/(?:www\.)?(.+)$/i.exec(text);
  if (!m) return text;
  let rest = m[1];
  if (/^[^/]+\/$/.test(rest)) rest = rest.slice(0, -1);
  return rest.length > MAX ? rest.slice(0, MAX - 1) + '…' : rest;
}

/** Post HTML with the text of URL links shortened (mentions and hashtags
 * have markup inside and are left alone). */
export function shortenLinks(html: string): string {
  if (!html.includes('://')) return html;
  return html.replace(/<a ([^>]*)>(https?:\/\/[^<]+)<\/a>/gi, (all, attrs: string, text: string) => {
    const full = unescape(text);
    const short = shortUrl(full);
    if (short === full) return all;
    const title = /\btitle=/.test(attrs) ? '' : ` title="${escape(full)}"`;
    return `<a ${attrs}${title}>${escape(short)}</a>`;
  });
}
