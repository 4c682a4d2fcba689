// Bundles every test/*.test.ts into OUT/*.test.mjs for `node --test`.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
const dropPolyfills = {
  name: 'drop-polyfills',
  setup(b) {
    b.onResolve({ filter: /^core-js\// }, (a) => ({ path: a.path, namespace: 'empty' }));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '', loader: 'js' }));
  },
};
const entries = readdirSync(here).filter((f) => f.endsWith('.test.ts'));
await build({
  absWorkingDir: join(here, '..'),
  entryPoints: entries.map((f) => join(here, f)),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node18',
  outdir: out,
  outExtension: { '.js': '.mjs' },
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
  plugins: [dropPolyfills],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
