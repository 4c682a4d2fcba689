// Computes, once, the expected blurhash strings of src/media/blurhash_test.cc
// with the reference implementation (npm blurhash 2.0.5's encode):
//   npm install --prefix /tmp/bh blurhash@2.0.5
//   PIAF_DUMP_BLURHASH_PIXELS=/tmp/px build/media_test --gtest_filter='*Sample*'  (writes the pixels)
//   NODE_PATH=/tmp/bh/node_modules node tests/integration/media/blurhash_reference.mjs /tmp/px
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
const require = createRequire(import.meta.url);
const { encode } = require('blurhash');

function synthetic(width, height) {
  const p = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; ++y) {
    for (let x = 0; x < width; ++x) {
      const i = (y * width + x) * 4;
      p[i] = Math.floor((x * 255) / (width - 1));
      p[i + 1] = Math.floor((y * 255) / (height - 1));
      p[i + 2] = ((x + y) * 37) % 256;
      p[i + 3] = 255;
    }
  }
  return p;
}

for (const [w, h, x, y] of [[32, 32, 4, 4], [64, 40, 4, 3], [17, 23, 1, 1], [50, 30, 9, 9]]) {
  console.log(`REF_${w}_${h}_${x}_${y}`, encode(synthetic(w, h), w, h, x, y));
}
const dir = process.argv[2];
if (dir) {
  for (const name of ['orientation6.jpg', 'alpha.png', 'animated.gif', 'photo.webp']) {
    const [w, h] = readFileSync(`${dir}/${name}.size`, 'utf8').split('x').map(Number);
    const rgb = readFileSync(`${dir}/${name}.rgb`);
    const rgba = new Uint8ClampedArray(w * h * 4);
    for (let i = 0; i < w * h; ++i) {
      rgba[i * 4] = rgb[i * 3];
      rgba[i * 4 + 1] = rgb[i * 3 + 1];
      rgba[i * 4 + 2] = rgb[i * 3 + 2];
      rgba[i * 4 + 3] = 255;
    }
    console.log(`REF_${name}`, encode(rgba, w, h, 4, 4));
  }
}
