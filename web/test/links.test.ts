import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shortUrl, shortenLinks } from '../src/lib/links';

test('shortUrl drops the scheme and www, cuts past 30 characters', () => {
  assert.equal(shortUrl('http://iteco.be'), 'iteco.be');
  assert.equal(shortUrl('https://www.example.org/'), 'example.org');
  assert.equal(shortUrl('https://example.org/un/chemin/tres/long/vers/une/page'), 'example.org/un/chemin/tres/lo…');
  assert.equal(shortUrl('#ONG'), '#ONG');
});

test('shortenLinks changes only links whose text is a URL', () => {
  const html =
    '<p>Voir <a href="https://example.org/a?b=1&amp;c=2&amp;d=3333333333333" rel="nofollow">https://example.org/a?b=1&amp;c=2&amp;d=3333333333333</a> ' +
    '<a href="http://x/tags/ong" class="mention hashtag">#<span>ONG</span></a> <a href="http://iteco.be/f">iteco.be/f</a></p>';
  const out = shortenLinks(html);
  assert.match(out, /title="https:\/\/example.org\/a\?b=1&amp;c=2&amp;d=3333333333333">example.org\/a\?b=1&amp;c=2&amp;d=33333…<\/a>/);
  assert.match(out, /#<span>ONG<\/span>/);
  assert.match(out, />iteco.be\/f<\/a>/);
});
