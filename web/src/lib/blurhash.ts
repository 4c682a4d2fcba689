// A BlurHash decoder (blurha.sh), written for Piaf: a post's images show
// their blurred colours on a small canvas while they load. It follows the
// reference (npm `blurhash`'s decode, checked against it in
// web/test/blurhash.test.ts) and is a few hundred bytes, not a dependency.
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~';

function base83(s: string): number {
  let v = 0;
  for (const c of s) {
    const d = DIGITS.indexOf(c);
    if (d < 0) return NaN;
    v = v * 83 + d;
  }
  return v;
}

const toLinear = (v: number) => {
  const x = v / 255;
  return x <= 0.04045 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
};
const toSrgb = (v: number) => {
  const x = Math.max(0, Math.min(1, v));
  return x <= 0.0031308 ? Math.trunc(x * 12.92 * 255 + 0.5) : Math.trunc((1.055 * Math.pow(x, 1 / 2.4) - 0.055) * 255 + 0.5);
};
const signPow = (v: number, e: number) => Math.sign(v) * Math.pow(Math.abs(v), e);

/** Whether `hash` is a well-formed BlurHash. */
export function isBlurhash(hash: string | null | undefined): hash is string {
  if (!hash || hash.length < 6) return false;
  const size = base83(hash[0]);
  const nx = (size % 9) + 1;
  const ny = Math.floor(size / 9) + 1;
  return hash.length === 4 + 2 * nx * ny && !Number.isNaN(base83(hash));
}

/** RGBA pixels (`width` x `height`) of `hash`; null when malformed. */
export function decodeBlurhash(hash: string, width: number, height: number, punch = 1): Uint8ClampedArray | null {
  if (!isBlurhash(hash)) return null;
  const size = base83(hash[0]);
  const nx = (size % 9) + 1;
  const ny = Math.floor(size / 9) + 1;
  const max = ((base83(hash[1]) + 1) / 166) * punch;
  const colors: number[][] = [];
  for (let i = 0; i < nx * ny; i++) {
    if (i === 0) {
      const v = base83(hash.substring(2, 6));
      colors.push([toLinear(v >> 16), toLinear((v >> 8) & 255), toLinear(v & 255)]);
    } else {
      const v = base83(hash.substring(4 + i * 2, 6 + i * 2));
      colors.push([
        signPow((Math.floor(v / 361) - 9) / 9, 2) * max,
        signPow(((Math.floor(v / 19) % 19) - 9) / 9, 2) * max,
        signPow(((v % 19) - 9) / 9, 2) * max,
      ]);
    }
  }
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const basis = Math.cos((Math.PI * x * i) / width) * Math.cos((Math.PI * y * j) / height);
          const c = colors[i + j * nx];
          r += c[0] * basis;
          g += c[1] * basis;
          b += c[2] * basis;
        }
      }
      const p = 4 * (x + y * width);
      out[p] = toSrgb(r);
      out[p + 1] = toSrgb(g);
      out[p + 2] = toSrgb(b);
      out[p + 3] = 255;
    }
  }
  return out;
}
