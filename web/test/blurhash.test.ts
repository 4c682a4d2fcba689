import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBlurhash, isBlurhash } from '../src/lib/blurhash';

// npm blurhash 2.0.5's decode(hash, 6, 4), computed once: the pixels of two
// of the committed sample images' hashes (tests/integration/media/).
const REFERENCE: [string, number[]][] = [
  ["UuHl{EVtaytR}gVsaytQxbaef6kCr=ofj[WB", [232, 131, 114, 255, 224, 94, 80, 255, 217, 52, 40, 255, 228, 135, 119, 255, 237, 177, 157, 255, 229, 159, 140, 255, 197, 119, 137, 255, 186, 79, 112, 255, 177, 21, 90, 255, 195, 125, 140, 255, 209, 168, 172, 255, 198, 149, 156, 255, 141, 74, 166, 255, 134, 44, 156, 255, 127, 0, 146, 255, 138, 74, 160, 255, 147, 106, 172, 255, 139, 94, 163, 255, 93, 41, 209, 255, 93, 32, 204, 255, 92, 21, 198, 255, 89, 37, 201, 255, 88, 49, 203, 255, 88, 46, 198, 255]],
  ["URB%#~kVfRkV4la#fQa#w}fRfQfQW@fRfRfR", [43, 177, 208, 255, 43, 174, 205, 255, 43, 169, 202, 255, 43, 171, 202, 255, 43, 172, 203, 255, 43, 168, 201, 255, 60, 185, 186, 255, 60, 182, 184, 255, 59, 177, 182, 255, 60, 179, 183, 255, 60, 180, 183, 255, 59, 176, 182, 255, 91, 204, 165, 255, 90, 201, 163, 255, 88, 197, 160, 255, 89, 199, 161, 255, 89, 200, 162, 255, 88, 196, 160, 255, 131, 222, 149, 255, 130, 219, 146, 255, 129, 215, 143, 255, 129, 217, 144, 255, 130, 218, 145, 255, 129, 214, 143, 255]],
];

test('decodeBlurhash gives the reference decoder\'s pixels', () => {
  for (const [hash, pixels] of REFERENCE) {
    assert.deepEqual(Array.from(decodeBlurhash(hash, 6, 4) ?? []), pixels, hash);
  }
});

test('a malformed hash decodes to nothing', () => {
  for (const bad of ['', 'abc', 'UuHl{EVtaytR}gVsaytQxbaef6kCr=ofj[W', 'UuHl{EVtaytR}gVsaytQxbaef6kCr=ofj[W"']) {
    assert.equal(isBlurhash(bad), false, bad);
    assert.equal(decodeBlurhash(bad, 4, 4), null);
  }
  assert.equal(isBlurhash(null), false);
});
